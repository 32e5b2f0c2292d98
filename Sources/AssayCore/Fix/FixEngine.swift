/// Entry points of the fix rules, for callers that fix one row at a time or check configuration.
/// For many rows of one check, make one ``CheckFixer`` (it compiles the check's condition once).
public enum FixEngine {
    /// The proposals for one row of `check`, best first (see ``CheckFixer/proposals(for:)``); `settings` defaults to
    /// the check's own, and to `auto` when it has none.
    public static func proposals(for check: Check, row: [String: SQLValue], settings: FixSettings? = nil) -> [FixProposal] {
        CheckFixer(check: check, settings: settings ?? check.fix ?? FixSettings()).proposals(for: row)
    }

    /// What to do with one violating row (see `CheckFixer.decision(for:)`).
    public static func decision(for check: Check, row: [String: SQLValue], settings: FixSettings? = nil) -> FixDecision {
        CheckFixer(check: check, settings: settings ?? check.fix ?? FixSettings()).decision(for: row)
    }

    /// `nil` when `rule` can fix rows of a check of this kind, otherwise why it cannot.
    public static func unsuitability(of rule: FixRuleID, for kind: CheckKind) -> String? {
        CheckFixer.all.first { $0.id == rule }?.unsuitability(for: kind)
    }

    /// Whether rows of a check of this kind can be judged one at a time, so that a fix can be verified.
    public static func canVerify(_ kind: CheckKind) -> Bool { FixVerifier.predicate(for: kind) != nil }
}
