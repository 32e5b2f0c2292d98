import AssayCore

/// What the suite says about one check, for its compliance: identity, severity, description and own target.
public struct ComplianceRuleSpec: Sendable, Hashable {
    public var check: CheckKey
    public var table: String
    public var severity: Severity
    public var description: String?
    /// The check's `sla:` in percent.
    public var sla: Double?

    public init(check: CheckKey, table: String, severity: Severity, description: String? = nil, sla: Double? = nil) {
        self.check = check
        self.table = table
        self.severity = severity
        self.description = description
        self.sla = sla
    }

    /// Every check of `suite`, by its check key (the identity that survives edits of limits, severity and description).
    public static func rules(of suite: Suite) -> [ComplianceRuleSpec] {
        suite.tables.flatMap { table in
            table.checks.map { check in
                ComplianceRuleSpec(check: check.key(in: table), table: table.name, severity: check.severity,
                                   description: check.description, sla: check.sla)
            }
        }
    }
}
