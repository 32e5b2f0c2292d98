/// One fix rule: which checks it can fix, and the corrections it proposes for a violating row.
package protocol FixRule: Sendable {
    var id: FixRuleID { get }
    /// `nil` when the rule can fix rows of a check of this kind, otherwise why not (for configuration errors).
    func unsuitability(for kind: CheckKind) -> String?
    /// Whether the rule applies to the check when configuration says `auto` (kind and column name).
    func fitsAutomatically(_ check: Check) -> Bool
    /// Candidate corrections of a violating row, most preferred first; the engine keeps the first whose fixed row
    /// passes the check. Empty when the rule has nothing to propose.
    func candidates(for check: Check, row: [String: SQLValue]) -> [FixProposal]
}

/// What single-column rules share.
package enum FixTarget {
    /// The one column a value check reads (`regex`, `in_set`, `between`, `length_between`, a one-column `rule`).
    package static func column(of kind: CheckKind) -> String? {
        switch kind {
        case .regex(let c, _, _), .inSet(let c, _, _), .between(let c, _, _, _, _), .lengthBetween(let c, _, _),
             .dateFormat(let c, _):
            return c
        case .rule(let condition, _):
            let columns = condition.expr.columns.map { $0.name.lowercased() }.uniqued()
            return columns.count == 1 ? condition.expr.columns[0].name : nil
        default:
            return nil
        }
    }

    /// Why a single-column rule cannot fix a check of this kind, or `nil`.
    package static func unsuitability(_ kind: CheckKind) -> String? {
        column(of: kind) == nil
            ? "it corrects one column's value, and a \(kind.name) check \(kind.countsRows ? "does not test one column's value" : "does not count rows")"
            : nil
    }

    /// The words of a column name (`customer_email` -> customer, email; `mobilePhone` -> mobile, phone).
    package static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in name {
            if !ch.isLetter && !ch.isNumber {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
            } else if ch.isUppercase, let last = current.last, last.isLowercase {
                words.append(current.lowercased())
                current = String(ch)
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// A proposal changing one column.
    package static func proposal(_ check: Check, _ column: String, _ old: SQLValue, _ new: String, _ rule: FixRuleID,
                                 _ confidence: Double, _ reason: String) -> FixProposal {
        FixProposal(checkID: check.id, changes: [FixChange(column: column, oldValue: old, newValue: .text(new))],
                    rule: rule, confidence: confidence, reason: reason)
    }
}
