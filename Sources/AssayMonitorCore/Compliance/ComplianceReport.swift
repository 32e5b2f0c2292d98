import AssayCore
import Foundation

/// SLA compliance of a suite's checks over a period, computed from the store's history (see docs/compliance.md for
/// every figure and how to recompute it). Percentages are exact ratios times 100; the seconds and counts they come
/// from are reported beside them.
public struct ComplianceReport: Sendable, Hashable, Codable {
    public var suite: String
    /// The period asked for.
    public var from: Date
    public var to: Date
    /// Where the measurement ends: `to`, or the report's "now" when the period is not over yet.
    public var measuredTo: Date
    /// The statuses that count as passing (PASS and WARN).
    public var passingStatuses: [CheckStatus]
    /// Whether the store has a remediation log (rows quarantined and fixed are `nil` when it has not).
    public var remediationLogged: Bool
    /// One per check, ordered by check key.
    public var rules: [RuleCompliance]
    public var summary: ComplianceSummary

    /// The exit code of `assay compliance`: 0 every rule MEETING, 1 none FAILING but some with NO DATA (or no rule
    /// at all), 2 at least one FAILING.
    public var exitCode: Int32 {
        if summary.failing > 0 { return 2 }
        return summary.noData > 0 || summary.rules == 0 ? 1 : 0
    }
}

/// MEETING: both shares at or above the target; FAILING: either below; NO DATA: no run of the check in the period.
public enum ComplianceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case meeting = "MEETING"
    case failing = "FAILING"
    case noData = "NO DATA"
}

/// Where a rule's target comes from.
public enum TargetSource: String, Sendable, Hashable, Codable {
    /// Assay's default for the severity.
    case `default`
    /// The suite's `compliance: {targets: ...}`.
    case suite
    /// The check's own `sla:`.
    case check
}

/// One check's compliance over the period.
public struct RuleCompliance: Sendable, Hashable, Codable {
    public var check: CheckKey
    public var table: String
    public var severity: Severity
    public var description: String?
    /// Whether the suite given to the report has the check (`nil`: no suite was given).
    public var inSuite: Bool?
    /// The SLA target in percent.
    public var target: Double
    public var targetSource: TargetSource
    public var status: ComplianceStatus
    /// The period's runs by status.
    public var runs: StatusCounts
    /// Runs that passed (PASS or WARN).
    public var passedRuns: Int
    /// passedRuns / runs × 100; `nil` (no data) without runs.
    public var runShare: Double?
    /// Milliseconds of the period in which the check was in compliance (its latest run before that moment passed).
    public var compliantMilliseconds: Int64
    /// Milliseconds of the period in which the check's state is known (from the period's start when a run before it
    /// is recorded, otherwise from its first run in the period).
    public var knownMilliseconds: Int64
    /// compliantMilliseconds / the period's milliseconds × 100; `nil` without runs.
    public var timeShare: Double?
    /// knownMilliseconds / the period's milliseconds × 100; `nil` without runs.
    public var coverage: Double?
    /// The status of the last run before the period, which holds at its start.
    public var statusAtStart: CheckStatus?
    public var firstRunAt: Date?
    public var lastRunAt: Date?
    public var incidents: IncidentFigures
    /// Rows moved to quarantine and values fixed in the period; `nil` when the store has no remediation log.
    public var rowsQuarantined: Int?
    public var rowsFixed: Int?
}

/// Incidents of a check (or of all checks) that were open at some time in the period.
public struct IncidentFigures: Sendable, Hashable, Codable {
    /// Open at some moment of the period (opened before its end and not resolved before its start).
    public var count: Int
    /// Opened in the period.
    public var opened: Int
    /// Resolved in the period.
    public var resolved: Int
    /// Still open at the period's end.
    public var stillOpen: Int
    /// Mean time to detect over the incidents opened in the period: from the first bad row (or the first failing
    /// run) to the incident's opening, in seconds; `nil` when none was opened.
    public var mttdSeconds: Double?
    /// Mean time to resolve over the incidents resolved in the period: from opening to resolution, in seconds.
    public var mttrSeconds: Double?

    public init(count: Int = 0, opened: Int = 0, resolved: Int = 0, stillOpen: Int = 0, mttdSeconds: Double? = nil, mttrSeconds: Double? = nil) {
        self.count = count
        self.opened = opened
        self.resolved = resolved
        self.stillOpen = stillOpen
        self.mttdSeconds = mttdSeconds
        self.mttrSeconds = mttrSeconds
    }
}

/// The report across rules.
public struct ComplianceSummary: Sendable, Hashable, Codable {
    /// FAILING when any rule fails, otherwise MEETING when at least one meets, otherwise NO DATA.
    public var status: ComplianceStatus
    public var rules: Int
    public var meeting: Int
    public var failing: Int
    public var noData: Int
    /// The same counts per severity, CRITICAL first (severities without rules left out).
    public var bySeverity: [SeveritySummary]
    /// All rules' runs in the period, and those that passed.
    public var runs: Int
    public var passedRuns: Int
    /// passedRuns / runs × 100 over all rules; `nil` without runs.
    public var runShare: Double?
    /// The mean of the rules' time shares (rules with data); `nil` without any.
    public var timeShare: Double?
    public var incidents: IncidentFigures
    public var rowsQuarantined: Int?
    public var rowsFixed: Int?
}

/// Rules of one severity.
public struct SeveritySummary: Sendable, Hashable, Codable {
    public var severity: Severity
    public var rules: Int
    public var meeting: Int
    public var failing: Int
    public var noData: Int
}
