/// A categorical value matched to the check's allowed set (`in_set`) regardless of whitespace and case.
///
/// The value, trimmed, with inner whitespace runs made one space and lower-cased, must equal exactly one allowed
/// value compared the same way: confidence 0.99 (`" Checking"` -> `checking`). Failing that, with spaces, `_`
/// and `-` also ignored, exactly one allowed value: 0.9 (`credit-card` -> `credit_card`), below the default bar.
/// Several matches, or none (`premium`), give no proposal.
package struct CategoryRule: FixRule {
    package var id: FixRuleID { .category }

    package func unsuitability(for kind: CheckKind) -> String? {
        if case .inSet(_, let values, false) = kind, values.contains(where: { if case .string = $0 { true } else { false } }) {
            return nil
        }
        return "it matches values to an allowed set, so it needs an in_set check with text values, not \(kind.name)"
    }

    package func fitsAutomatically(_ check: Check) -> Bool { unsuitability(for: check.kind) == nil }

    package func candidates(for check: Check, row: [String: SQLValue]) -> [FixProposal] {
        guard case .inSet(let column, let values, false) = check.kind else { return [] }
        let old = FixRow.value(column, in: row)
        guard case .text(let text) = old else { return [] }
        let allowed = values.compactMap { if case .string(let s) = $0 { s } else { nil } }
        let tiers: [(normalise: (String) -> String, confidence: Double, how: String)] = [
            (Self.spaced, 0.99, "whitespace and case"), (Self.bare, 0.9, "spaces, '_', '-' and case"),
        ]
        for (normalise, confidence, how) in tiers {
            let key = normalise(text)
            let matches = allowed.filter { normalise($0) == key }
            if matches.count == 1, matches[0] != text {
                return [FixTarget.proposal(check, column, old, matches[0], .category, confidence,
                                           "'\(text)' is the allowed value '\(matches[0])' but for \(how)")]
            }
            if matches.count > 1 { return [] }
        }
        return []
    }

    static func spaced(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    static func bare(_ s: String) -> String {
        String(s.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" })
    }
}
