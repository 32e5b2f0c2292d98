/// The SLA targets `assay compliance` measures checks against (the suite's `compliance:` section and a check's
/// `sla:`), as percentages of the period: by default CRITICAL 99 %, HIGH 95 %, every other severity 90 %.
public struct ComplianceTargets: Sendable, Hashable, Codable {
    /// The default targets by severity.
    public static let defaults: [Severity: Double] = [.critical: 99, .high: 95, .medium: 90, .low: 90]

    /// The suite's targets by severity (`compliance: {targets: {CRITICAL: 99.5}}`); a severity it does not name keeps
    /// its default.
    public var bySeverity: [Severity: Double]

    public init(bySeverity: [Severity: Double] = [:]) {
        self.bySeverity = bySeverity
    }

    /// The target of a check of `severity` that has no `sla:` of its own.
    public func target(for severity: Severity) -> Double {
        bySeverity[severity] ?? Self.defaults[severity] ?? 90
    }
}
