/// What to do with one violating row, given its proposals and the check's ``FixSettings/minConfidence``.
public enum FixDecision: Sendable, Hashable {
    /// Apply this proposal: it is at or above the bar, and no other proposal at or above it disagrees.
    case apply(FixProposal)
    /// Flag the row for review: the best proposal is below the bar, or proposals at or above it disagree.
    /// `proposals` holds every proposal, best first (each a suggestion for the reviewer).
    case review(proposals: [FixProposal], reason: String)
    /// No rule could propose a value that passes the check (an `N/A` phone, an email without `@`): the row keeps
    /// failing the check and is not fixed; whether it is flagged is the caller's choice.
    case noProposal

    /// The proposal to apply, if any.
    public var applicable: FixProposal? {
        if case .apply(let p) = self { return p }
        return nil
    }
}
