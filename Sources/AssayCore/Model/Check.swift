/// One data-quality check on one table: what it measures, its limits, its severity and its scope.
public struct Check: Sendable, Hashable, Identifiable {
    /// Unique within the table (a rule id such as `CUST_001`, or a name derived from kind and columns).
    public var id: String
    /// Whether the suite gave `id` (then it alone names the check's history, see ``CheckKey``).
    public var idIsExplicit: Bool
    public var kind: CheckKind
    public var severity: Severity
    public var thresholds: ViolationThresholds
    public var dimension: Dimension
    /// Only rows matching this condition are checked.
    public var filter: Condition?
    /// Only recent rows are checked.
    public var window: Window?
    public var description: String?
    /// What the check was written as, when not Assay's own kind (a Great Expectations expectation).
    public var origin: CheckOrigin?
    /// Where the check was written, for errors.
    public var location: SourceLocation?
    /// What to do to the rows of a failed check (the seed's `auto_remediation`, `remediation_action`).
    public var remediation: Remediation?
    /// When the monitor runs this check (`every:` or `cron:`); its table's schedule when `nil`.
    public var schedule: ScheduleSpec?
    /// Which fix rules may correct the check's violating rows, and the confidence a fix needs (`fix:`); `nil`: none.
    public var fix: FixSettings?
    /// The check's own SLA target in percent (`sla: 99.9`), over its severity's (``ComplianceTargets``).
    public var sla: Double?

    public init(id: String, idIsExplicit: Bool = false, kind: CheckKind, severity: Severity = .medium,
                thresholds: ViolationThresholds = ViolationThresholds(), dimension: Dimension? = nil,
                filter: Condition? = nil, window: Window? = nil, description: String? = nil,
                origin: CheckOrigin? = nil, location: SourceLocation? = nil, remediation: Remediation? = nil) {
        self.id = id
        self.idIsExplicit = idIsExplicit
        self.kind = kind
        self.severity = severity
        self.thresholds = thresholds
        self.dimension = dimension ?? kind.defaultDimension
        self.filter = filter
        self.window = window
        self.description = description
        self.origin = origin
        self.location = location
        self.remediation = remediation
    }

    /// The check's identity across runs in `table`.
    public func key(in table: TableSpec) -> CheckKey { CheckKey(self, in: table) }

    /// The default id for a check: kind and columns, e.g. `not_null_email`, `unique_first_name_last_name`.
    public static func defaultID(for kind: CheckKind) -> String {
        ([kind.name] + kind.columns).joined(separator: "_")
    }
}
