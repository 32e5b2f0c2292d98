import AssayCore
import Foundation

/// One incident: a check that went bad, from its first failing run until it is good again (or a person says so).
/// At most one is open per check; later failures update it.
public struct Incident: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case open = "OPEN"
        case acknowledged = "ACKNOWLEDGED"
        case suppressed = "SUPPRESSED"
        case resolved = "RESOLVED"
    }

    /// How it was resolved.
    public enum Resolution: Sendable, Hashable, Codable {
        /// The check passed this many runs in a row.
        case passed(runs: Int)
        /// A person resolved it.
        case manual(by: String, note: String?)
    }

    public var id: String
    public var check: CheckKey
    public var table: String
    public var severity: Severity
    public var status: Status
    /// The worst status seen while open (FAIL, WARN or ERROR).
    public var worst: CheckStatus
    public var latest: CheckStatus
    public var message: String
    /// Rows or values violating in the latest failing run.
    public var affectedRecords: Int?
    /// Failing runs so far.
    public var failingRuns: Int
    public var openedAt: Date
    /// When the first bad row was written (its time column), when known: detection time is measured from it.
    public var firstBadRowAt: Date?
    public var lastSeenAt: Date
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var suppressedUntil: Date?
    public var resolvedAt: Date?
    public var resolution: Resolution?
    /// How many times it was escalated (0: only the first alert went out).
    public var escalations: Int
    /// How many times it was opened again after being resolved.
    public var reopened: Int
    /// Whether the channels have heard of it (an incident below its alert threshold is open but not yet alerted).
    public var alerted: Bool
    /// What the table feeds (from the lineage graph the monitor loaded), when the graph knows the table.
    public var blastRadius: BlastRadius?

    /// Mean time to detect, for this incident: from the first bad row (or the failing run) to the incident.
    public var detectionSeconds: Double? { firstBadRowAt.map { max(0, openedAt.timeIntervalSince($0)) } }
    /// Time to resolve: from opening to resolution.
    public var resolutionSeconds: Double? { resolvedAt.map { $0.timeIntervalSince(openedAt) } }
}

/// What a run said about a check, as the incident machine takes it.
public struct CheckObservation: Sendable, Hashable {
    public var check: CheckKey
    public var table: String
    public var severity: Severity
    public var status: CheckStatus
    public var message: String
    public var violations: Int?
    /// The run's time.
    public var at: Date
    /// The time column of the oldest violating row, when the run could tell.
    public var firstBadRowAt: Date?
    /// The table's downstream datasets, for the incident it opens or updates.
    public var blastRadius: BlastRadius?

    public init(check: CheckKey, table: String, severity: Severity, status: CheckStatus, message: String,
                violations: Int? = nil, at: Date, firstBadRowAt: Date? = nil, blastRadius: BlastRadius? = nil) {
        self.blastRadius = blastRadius
        self.check = check
        self.table = table
        self.severity = severity
        self.status = status
        self.message = message
        self.violations = violations
        self.at = at
        self.firstBadRowAt = firstBadRowAt
    }
}
