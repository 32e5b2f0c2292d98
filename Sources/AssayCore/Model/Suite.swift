/// The checks of one table, with the scope and metadata they share.
public struct TableSpec: Sendable, Hashable {
    public var name: String
    public var checks: [Check]
    /// Applied to every check of the table, before each check's own filter.
    public var filter: Condition?
    public var window: Window?
    public var owner: String?
    /// Columns masked as personal data in addition to those the default detection finds (`pii:`).
    public var piiColumns: [String]?
    /// Columns shown unmasked although the default detection takes them for personal data (`not_pii:`).
    public var notPIIColumns: [String]
    public var location: SourceLocation?
    /// The column that dates a row (`time_column:`), for trends over time; a window's column when not given.
    public var timeColumn: String?
    /// Labels alert routes match on (`tags: [pii, payments]`).
    public var tags: Set<String> = []
    /// When the monitor runs the table's checks (`every:` or `cron:`); the suite's schedule when `nil`.
    public var schedule: ScheduleSpec?
    /// Poll new rows past a watermark (`incremental:`), for the checks that look at one row at a time.
    public var incremental: IncrementalSpec?
    /// Rows this run alone is limited to besides the filter (an incremental poll's new rows); not part of any
    /// check's identity, so a check keeps its key and history.
    package var restriction: Condition?

    public init(name: String, checks: [Check], filter: Condition? = nil, window: Window? = nil,
                owner: String? = nil, piiColumns: [String]? = nil, notPIIColumns: [String] = [],
                location: SourceLocation? = nil) {
        self.name = name
        self.checks = checks
        self.filter = filter
        self.window = window
        self.owner = owner
        self.piiColumns = piiColumns
        self.notPIIColumns = notPIIColumns
        self.location = location
    }
}

/// A whole suite: the data source, the tables and their checks, and how results are scored.
public struct Suite: Sendable, Hashable {
    public var name: String
    /// A source URL such as `sqlite:bank.db`; the command line may override it.
    public var source: String?
    public var tables: [TableSpec]
    public var scoring: ScoringWeights
    /// The seed's `monitoring` section, kept for the monitor (read, not yet acted on).
    public var monitoring: MonitoringSettings?
    /// The seed's `alerting` section, kept for alerting (read, not yet acted on).
    public var alerting: AlertingSettings?
    /// Time limits every source applies to this suite's statements (a source URL's own parameters win).
    public var limits: RunLimits
    /// Settings read but not yet acted on; every report lists them.
    public var notices: [ConfigNotice]
    /// Where runs are recorded (`sqlite:PATH`), when the suite says; the command line may override it.
    public var store: String?
    /// How many days of runs the store keeps; older runs are deleted when a run is recorded. `nil`: all.
    public var retentionDays: Int?
    /// The `monitor:` section: schedule, incidents, channels and routes for `assay monitor`.
    public var monitor: MonitorSpec?
    /// The `remediation:` section: the write connection and the names of quarantine and flag tables.
    public var remediation: RemediationSettings?
    /// The `openlineage:` section: where each run's OpenLineage events go.
    public var openLineage: OpenLineageSpec?
    /// The `lineage:` section: datasets and edges for impact analysis and incidents' blast radius.
    public var lineage: LineageSpec?
    /// The `compliance:` section: SLA targets by severity for `assay compliance`.
    public var compliance = ComplianceTargets()

    public init(name: String, source: String? = nil, tables: [TableSpec], scoring: ScoringWeights = ScoringWeights(),
                monitoring: MonitoringSettings? = nil, alerting: AlertingSettings? = nil, limits: RunLimits = RunLimits(),
                notices: [ConfigNotice] = []) {
        self.name = name
        self.source = source
        self.tables = tables
        self.scoring = scoring
        self.monitoring = monitoring
        self.alerting = alerting
        self.limits = limits
        self.notices = notices
    }

    public var checkCount: Int { tables.reduce(0) { $0 + $1.checks.count } }
}

/// Time limits of a run. `nil` means the source's default (documented in docs/limits.md).
public struct RunLimits: Sendable, Hashable {
    /// The longest one statement may run before it is cancelled and its checks are ERROR.
    public var statementTimeout: TimeSpan?
    /// The longest opening a connection may take.
    public var connectTimeout: TimeSpan?

    public init(statementTimeout: TimeSpan? = nil, connectTimeout: TimeSpan? = nil) {
        self.statementTimeout = statementTimeout
        self.connectTimeout = connectTimeout
    }
}
