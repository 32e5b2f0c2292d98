import AssayCore
import Foundation

/// What the store knows of one check over a period, as a compliance report needs it: how many of the period's runs
/// ended in each status, the status of the last run before the period, and the period's runs at which the check's
/// status changed. The store computes it in SQL (a window over the check's history); the report is computed from it.
public struct CheckTimeline: Sendable, Hashable {
    public var check: CheckKey
    public var table: String
    /// The severity the latest run in the period recorded for the check.
    public var severity: Severity
    /// The status of the check's last run before the period (`nil`: none, so the time before its first run in the
    /// period is unknown). Of runs that started at the same millisecond, the one recorded last counts.
    public var before: CheckStatus?
    /// The first run in the period and every later run whose status differs from the run before it, oldest first
    /// (runs in the order of the check's history: start, then the order they were recorded).
    public var changes: [StatusChange]
    /// The period's runs by status.
    public var counts: StatusCounts
    /// The start of the check's last run in the period.
    public var lastRunAt: Date

    public init(check: CheckKey, table: String, severity: Severity, before: CheckStatus?, changes: [StatusChange],
                counts: StatusCounts, lastRunAt: Date) {
        self.check = check
        self.table = table
        self.severity = severity
        self.before = before
        self.changes = changes
        self.counts = counts
        self.lastRunAt = lastRunAt
    }
}

/// A run at which a check's status became `status` (the run's start).
public struct StatusChange: Sendable, Hashable {
    public var at: Date
    public var status: CheckStatus

    public init(at: Date, status: CheckStatus) {
        self.at = at
        self.status = status
    }
}

/// Runs by status.
public struct StatusCounts: Sendable, Hashable, Codable {
    public var pass: Int
    public var warn: Int
    public var fail: Int
    public var error: Int

    public init(pass: Int = 0, warn: Int = 0, fail: Int = 0, error: Int = 0) {
        self.pass = pass
        self.warn = warn
        self.fail = fail
        self.error = error
    }

    public var total: Int { pass + warn + fail + error }

    /// The runs whose status counts as passing (``CompliancePolicy/passing``).
    public var passing: Int {
        CompliancePolicy.passing.reduce(0) { total, status in total + self[status] }
    }

    public subscript(status: CheckStatus) -> Int {
        switch status {
        case .pass: pass
        case .warn: warn
        case .fail: fail
        case .error: error
        }
    }

    static func + (lhs: StatusCounts, rhs: StatusCounts) -> StatusCounts {
        StatusCounts(pass: lhs.pass + rhs.pass, warn: lhs.warn + rhs.warn, fail: lhs.fail + rhs.fail, error: lhs.error + rhs.error)
    }
}

/// The rules of a compliance report that are not a setting.
public enum CompliancePolicy {
    /// The statuses that count as being in compliance: PASS, and WARN (a check within its failure limit). FAIL is
    /// not, and neither is ERROR: a check that could not run is no evidence of compliance.
    public static let passing: Set<CheckStatus> = [.pass, .warn]
}

/// Rows a remediation moved to quarantine and values it fixed for one check in a period (from the store's
/// remediation log, when it has one).
public struct RemediationCount: Sendable, Hashable, Codable {
    public var quarantined: Int
    public var fixed: Int

    public init(quarantined: Int, fixed: Int) {
        self.quarantined = quarantined
        self.fixed = fixed
    }
}
