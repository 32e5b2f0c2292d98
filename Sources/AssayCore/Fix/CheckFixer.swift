/// The fix rules of one check, ready to propose corrections for its violating rows. Pure: no I/O, no clock.
///
/// ```swift
/// let fixer = CheckFixer(check: check, settings: check.fix ?? FixSettings())
/// for row in violatingRows {                       // every column of the row, by name
///     switch fixer.decision(for: row) {
///     case .apply(let proposal): ...               // a guarded UPDATE of proposal.changes, audited
///     case .review(let proposals, let reason): ... // flag the row for review
///     case .noProposal: ...
///     }
/// }
/// ```
public struct CheckFixer: Sendable {
    public let check: Check
    public let settings: FixSettings
    /// The rules that may propose fixes for this check, in the order they are tried.
    public let rules: [FixRuleID]
    private let implementations: [any FixRule]
    private let verifier: FixVerifier

    /// Every rule, in the order `auto` tries them.
    static let all: [any FixRule] = [EmailRule(), PhoneRule(), SSNRule(), CategoryRule(), SwappedDatesRule()]

    /// - Parameters:
    ///   - check: The check whose violating rows are to be fixed.
    ///   - settings: Usually `check.fix`; rules named there that do not suit the check's kind are left out
    ///     (configuration reports them, see ``FixEngine/unsuitability(of:for:)``).
    public init(check: Check, settings: FixSettings) {
        self.check = check
        self.settings = settings
        let chosen: [any FixRule] = switch settings.rules {
        case .auto: Self.all.filter { $0.fitsAutomatically(check) }
        case .named(let ids): ids.uniqued().compactMap { id in Self.all.first { $0.id == id } }
            .filter { $0.unsuitability(for: check.kind) == nil }
        }
        verifier = FixVerifier(check: check)
        implementations = chosen
        rules = chosen.map(\.id)
    }

    /// A fixer from the check's own `fix:` settings; `nil` when the check has none (fixes are opt-in).
    public init?(check: Check) {
        guard let settings = check.fix else { return nil }
        self.init(check: check, settings: settings)
    }

    /// The proposals for one row, best (highest confidence) first; empty when the row passes the check, when
    /// no rule can propose a value, or when the check cannot be judged on one row (then nothing could be verified).
    /// Each proposal's fixed row passes the check. Give every column of the row: some rules read evidence from
    /// other columns (``FixRuleID/swappedDates``).
    public func proposals(for row: [String: SQLValue]) -> [FixProposal] {
        guard !implementations.isEmpty, verifier.violates(row) == true else { return [] }
        var out: [FixProposal] = []
        for rule in implementations {
            if let passing = rule.candidates(for: check, row: row).first(where: { verifier.violates($0.applied(to: row)) == false }) {
                out.append(passing)
            }
        }
        return out.enumerated().sorted { ($0.element.confidence, -$0.offset) > ($1.element.confidence, -$1.offset) }.map(\.element)
    }

    /// What to do with one violating row (see ``FixDecision``).
    public func decision(for row: [String: SQLValue]) -> FixDecision {
        decision(for: proposals(for: row))
    }

    /// What to do given a row's proposals (best first): apply the best when it reaches ``FixSettings/minConfidence``
    /// and every other proposal reaching it sets the same values; otherwise review.
    public func decision(for proposals: [FixProposal]) -> FixDecision {
        guard let best = proposals.first else { return .noProposal }
        guard best.confidence >= settings.minConfidence else {
            return .review(proposals: proposals, reason: "best fix has confidence \(Self.percent(best.confidence)), below the \(Self.percent(settings.minConfidence)) needed")
        }
        let rivals = proposals.dropFirst().filter { $0.confidence >= settings.minConfidence && Set($0.changes) != Set(best.changes) }
        guard rivals.isEmpty else {
            return .review(proposals: proposals, reason: "rules \(([best] + rivals).map(\.rule.rawValue).joined(separator: ", ")) propose different values")
        }
        return .apply(best)
    }

    static func percent(_ x: Double) -> String { (x * 100).formatted(maxFractionDigits: 1) + " %" }
}
