/// What the seed's real-time monitor does to the rows of a failed rule (`remediation_action`).
public enum RemediationAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Mark the rows for manual review (the seed sets `data_quality_flag = 'NEEDS_REVIEW'`).
    case flagForFollowup = "flag_for_followup"
    /// Move the violating rows to a quarantine table.
    case quarantineTransaction = "quarantine_transaction"
}

/// A rule's remediation settings as written (`auto_remediation`, `remediation_action`). Read and kept; a run
/// does not act on them yet, and says so in its report.
public struct Remediation: Sendable, Hashable, Codable {
    /// Whether the monitor should remediate by itself when the rule fails.
    public var automatic: Bool
    public var action: RemediationAction?

    public init(automatic: Bool, action: RemediationAction? = nil) {
        self.automatic = automatic
        self.action = action
    }
}
