import AssayCore

/// Decodes the SLA targets of `assay compliance`: the suite's `compliance:` section and a check's `sla:`.
///
/// ```yaml
/// compliance:
///   targets: {CRITICAL: 99.5, HIGH: 97}     # percent; a severity not named keeps its default (99, 95, 90)
/// tables:
///   payments:
///     checks:
///       - not_null: amount
///         sla: 99.9                           # this check's own target
/// ```
enum ComplianceDecoder {
    /// The `compliance:` section.
    static func targets(_ node: ConfigNode) throws(ConfigError) -> ComplianceTargets {
        let map = try node.mapping("compliance", allowed: ["targets"])
        guard let targets = map["targets"] else { return ComplianceTargets() }
        var problems = ConfigProblems()
        var bySeverity: [Severity: Double] = [:]
        for entry in try targets.entries("compliance.targets") {
            guard let severity = Severity(rawValue: entry.key.uppercased()) else {
                let names = Severity.allCases.map(\.rawValue)
                problems.add(ConfigError(.unknownKey, "unknown severity '\(entry.key)' in compliance.targets\(Suggestion.hint(for: entry.key.uppercased(), in: names)); expected \(names.joined(separator: ", "))",
                                         at: entry.keyLocation))
                continue
            }
            if let percent = problems.attempt({ () throws(ConfigError) in try Self.percent(entry.value, what: "the target of \(severity.rawValue)") }) {
                bySeverity[severity] = percent
            }
        }
        try problems.throwIfAny()
        return ComplianceTargets(bySeverity: bySeverity)
    }

    /// A target in percent: a number above 0 and at most 100, written `99.5` or `99.5%`.
    static func percent(_ node: ConfigNode, what: String) throws(ConfigError) -> Double {
        let text = try node.string(what).trimmingCharacters(in: .whitespaces)
        let digits = text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
        guard let value = Double(digits), value.isFinite, value > 0, value <= 100 else {
            throw node.fail(.invalidValue, "\(what) is a percentage above 0 and at most 100 (like 99.5), not '\(text)'")
        }
        return value
    }
}
