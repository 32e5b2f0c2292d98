import Foundation

/// US Social Security numbers re-written from their nine digits.
///
/// Only digits and separators (`-`, `.`, `/`, `_`, spaces) are read; anything else gets no proposal, and so does
/// a digit count other than nine (an integer column's value of seven or eight digits is zero-padded, as a number
/// loses leading zeros: confidence 0.8). The number is written in the first of `ddd-dd-dddd`, `ddddddddd`,
/// `ddd dd dddd` the check accepts. Confidence 0.98 when the digits were grouped 3-2-4 or not at all; 0.6 for
/// another grouping (`123-456-789` may be another identifier); 0.4 when the number cannot be an SSN (area 000,
/// 666 or 900–999, group 00, serial 0000): it is then a review suggestion, never applied at the default bar.
package struct SSNRule: FixRule {
    package var id: FixRuleID { .ssn }

    static let separators: Set<Character> = ["-", ".", "/", "_", " ", "\t"]

    package func unsuitability(for kind: CheckKind) -> String? { FixTarget.unsuitability(kind) }

    package func fitsAutomatically(_ check: Check) -> Bool {
        guard let column = FixTarget.column(of: check.kind) else { return false }
        let lower = column.lowercased()
        return FixTarget.words(column).contains("ssn") || lower.contains("ssn") || lower.contains("social_security")
    }

    package func candidates(for check: Check, row: [String: SQLValue]) -> [FixProposal] {
        guard let column = FixTarget.column(of: check.kind) else { return [] }
        let old = FixRow.value(column, in: row)
        guard let parsed = Self.parse(old) else { return [] }
        let d = parsed.digits
        let a = d.prefix(3), g = d.dropFirst(3).prefix(2), s = d.suffix(4)
        return ["\(a)-\(g)-\(s)", d, "\(a) \(g) \(s)"].map {
            FixTarget.proposal(check, column, old, $0, .ssn, parsed.confidence, parsed.reason)
        }
    }

    struct Parsed {
        var digits: String
        var confidence: Double
        var reason: String
    }

    static func parse(_ value: SQLValue) -> Parsed? {
        if case .integer(let n) = value {
            guard n >= 0, n < 1_000_000_000 else { return nil }
            let raw = String(n)
            guard raw.count >= 7 else { return nil }
            let digits = String(repeating: "0", count: 9 - raw.count) + raw
            return judged(digits, layout: raw.count == 9 ? 0.98 : 0.8,
                          reason: raw.count == 9 ? "nine digits written as ddd-dd-dddd" : "number zero-padded to nine digits")
        }
        guard let text = FixRow.text(value) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.allSatisfy({ ($0.isASCII && $0.isNumber) || separators.contains($0) }) else { return nil }
        let groups = trimmed.split(whereSeparator: { separators.contains($0) }).map(\.count)
        let digits = trimmed.filter(\.isNumber)
        guard digits.count == 9 else { return nil }
        let usual = groups == [9] || groups == [3, 2, 4]
        return judged(digits, layout: usual ? 0.98 : 0.6,
                      reason: usual ? "nine digits written as ddd-dd-dddd" : "nine digits in an unusual grouping (\(groups.map(String.init).joined(separator: "-")))")
    }

    /// Lowers the confidence for numbers the Social Security Administration never issues.
    static func judged(_ digits: String, layout: Double, reason: String) -> Parsed {
        let area = Int(digits.prefix(3))!, group = Int(digits.dropFirst(3).prefix(2))!, serial = Int(digits.suffix(4))!
        let issuable = area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
        return issuable ? Parsed(digits: digits, confidence: layout, reason: reason)
            : Parsed(digits: digits, confidence: min(layout, 0.4), reason: reason + "; but no SSN has area \(digits.prefix(3)), group \(digits.dropFirst(3).prefix(2)) or serial \(digits.suffix(4)) like these")
    }
}
