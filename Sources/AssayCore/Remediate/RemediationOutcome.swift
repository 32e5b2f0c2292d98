/// What remediation did (or, in a dry run, would do) for one check.
public struct RemediationOutcome: Sendable, Hashable, Codable {
    public var check: String
    public var key: CheckKey
    public var table: String
    public var action: RemediationAction
    /// Where the rows went: the quarantine table, the side table of flags, or the table itself (flags in place).
    public var target: String
    /// Whether rows were changed; `false` in a dry run and when it failed.
    public var applied: Bool
    /// Rows moved or flagged; in a dry run, rows that would be.
    public var rows: Int
    /// Violations the check's run counted (rows may have changed since).
    public var violationsAtRun: Int?
    /// The first keys of the rows, as text (a dry run's preview).
    public var sampleKeys: [[String]]
    /// The move's id, recorded with every quarantined row (restore by it, by the run or by the check).
    public var moveID: String?
    public var error: RemediationError.Code?
    public var message: String?
    /// How long the transaction took, from its start to its commit (or rollback).
    public var seconds: Double?

    public init(target: RemediationTarget, destination: String, applied: Bool, rows: Int, sampleKeys: [[String]] = [],
                moveID: String? = nil, error: RemediationError? = nil) {
        check = target.check.id
        key = target.key
        table = target.table
        action = target.action
        self.target = destination
        self.applied = applied
        self.rows = rows
        violationsAtRun = target.violations
        self.sampleKeys = sampleKeys
        self.moveID = moveID
        self.error = error?.code
        message = error?.message
    }
}

extension RemediationError.Code: Codable {
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
