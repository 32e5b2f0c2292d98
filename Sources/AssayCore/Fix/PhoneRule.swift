import Foundation

/// Phone numbers re-written from their digits.
///
/// Only digits and the usual punctuation (`+ - . ( ) /` and spaces) are read; a value with letters (`N/A`,
/// `555-FLOW-BANK`, `ext. 12`) gets no proposal. North American numbers (ten digits, or eleven with the
/// country code 1) are written in the first of these formats the check accepts — with the country code first when
/// the value had it — `(AAA) EEE-LLLL`, `AAA-EEE-LLLL`, `AAA.EEE.LLLL`, `AAAEEELLLL`, `+1 AAA-EEE-LLLL`,
/// `+1AAAEEELLLL`, `+1 (AAA) EEE-LLLL`, `1-AAA-EEE-LLLL`. Confidence 0.97 when area code and exchange are valid
/// (first digit 2–9), 0.6 otherwise. A value with another country code (`+44 ...`, 8 to 15 digits) is written as
/// E.164 (`+4420...`) with confidence 0.8, below the default bar. Other digit counts (seven, nine, sixteen)
/// cannot be told apart from a typo: no proposal.
package struct PhoneRule: FixRule {
    package var id: FixRuleID { .phone }

    static let allowed: Set<Character> = ["+", "-", ".", "(", ")", "/", " ", "\t"]

    package func unsuitability(for kind: CheckKind) -> String? { FixTarget.unsuitability(kind) }

    package func fitsAutomatically(_ check: Check) -> Bool {
        guard let column = FixTarget.column(of: check.kind) else { return false }
        let words = FixTarget.words(column)
        return words.contains { ["phone", "telephone", "tel", "mobile", "fax", "cell", "msisdn"].contains($0) }
            || column.lowercased().contains("phone")
    }

    package func candidates(for check: Check, row: [String: SQLValue]) -> [FixProposal] {
        guard let column = FixTarget.column(of: check.kind) else { return [] }
        let old = FixRow.value(column, in: row)
        guard let text = FixRow.text(old), let parsed = Self.parse(text) else { return [] }
        return parsed.renderings.map {
            FixTarget.proposal(check, column, old, $0, .phone, parsed.confidence,
                               "phone number written from its \(parsed.digitCount) digits as \($0)")
        }
    }

    struct Parsed {
        var renderings: [String]
        var confidence: Double
        var digitCount: Int
    }

    /// The number's renderings in preference order, or `nil` when the value is not a phone number one can read.
    static func parse(_ text: String) -> Parsed? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || allowed.contains($0)) }) else { return nil }
        let digits = trimmed.filter(\.isNumber)
        let plus = trimmed.hasPrefix("+")
        if !plus || digits.hasPrefix("1") {
            let national: Substring
            let hadCountryCode: Bool
            switch digits.count {
            case 10 where !plus: (national, hadCountryCode) = (Substring(digits), false)
            case 11 where digits.hasPrefix("1"): (national, hadCountryCode) = (digits.dropFirst(), true)
            default: return nil
            }
            let d = Array(national)
            let a = String(d[0..<3]), e = String(d[3..<6]), l = String(d[6..<10])
            let valid = d[0] >= "2" && d[3] >= "2"
            let local = ["(\(a)) \(e)-\(l)", "\(a)-\(e)-\(l)", "\(a).\(e).\(l)", a + e + l]
            let international = ["+1 \(a)-\(e)-\(l)", "+1\(a)\(e)\(l)", "+1 (\(a)) \(e)-\(l)", "1-\(a)-\(e)-\(l)"]
            return Parsed(renderings: hadCountryCode ? international + local : local + international,
                          confidence: valid ? 0.97 : 0.6, digitCount: digits.count)
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return Parsed(renderings: ["+" + digits], confidence: 0.8, digitCount: digits.count)
    }
}
