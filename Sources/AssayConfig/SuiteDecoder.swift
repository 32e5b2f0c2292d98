import AssayCore

/// Decodes Assay's YAML suite format.
///
/// ```yaml
/// name: financeflow
/// source: sqlite:financeflow.db
/// tables:
///   customers:
///     owner: customer-data@bank.example
///     checks:
///       - not_null: email
///         severity: HIGH
///       - regex: {column: ssn, pattern: '^\d{3}-\d{2}-\d{4}$'}
///         warn: 0.1%
///         fail: 1%
/// ```
struct SuiteDecoder {
    var defaultName: String

    static let topKeys = ["name", "source", "description", "defaults", "scoring", "tables"]
    static let tableKeys = ["checks", "filter", "window", "owner", "pii", "description"]

    func decode(_ root: ConfigNode) throws(ConfigError) -> Suite {
        let top = try root.mapping("the suite", allowed: Self.topKeys)
        var defaultSeverity = Severity.medium
        if let defaults = top["defaults"] {
            let map = try defaults.mapping("defaults", allowed: ["severity"])
            if let s = map["severity"] { defaultSeverity = try CheckDecoder.severity(s) }
        }
        let tablesNode = try top.required("tables")
        var tables: [TableSpec] = []
        let checkDecoder = CheckDecoder(defaultSeverity: defaultSeverity)
        for entry in try tablesNode.entries("tables") {
            tables.append(try table(entry.key, entry.value, at: entry.keyLocation, checks: checkDecoder))
        }
        guard !tables.isEmpty else { throw tablesNode.fail("tables must name at least one table") }
        return Suite(name: try top["name"]?.string("name") ?? defaultName,
                     source: try top["source"]?.string("source"),
                     tables: tables,
                     scoring: try top["scoring"].map { node throws(ConfigError) in try Self.scoring(node) } ?? ScoringWeights())
    }

    private func table(_ name: String, _ node: ConfigNode, at location: SourceLocation, checks decoder: CheckDecoder) throws(ConfigError) -> TableSpec {
        let map = try node.mapping("table '\(name)'", allowed: Self.tableKeys)
        let checksNode = try map.required("checks")
        var checks: [Check] = []
        for item in try checksNode.list("checks") {
            for check in try decoder.decode(item) {
                if let clash = checks.first(where: { $0.id == check.id }) {
                    throw ConfigError("check id '\(check.id)' is used twice in table '\(name)' (first at \(clash.location.map { "\($0)" } ?? "?")); give one an 'id'", at: check.location)
                }
                checks.append(check)
            }
        }
        return TableSpec(name: name, checks: checks,
                         filter: try map["filter"].map { n throws(ConfigError) in try CheckDecoder.condition(n, what: "filter") },
                         window: try map["window"].map { n throws(ConfigError) in try CheckDecoder.window(n) },
                         owner: try map["owner"]?.string("owner"),
                         piiColumns: try map["pii"].map { n throws(ConfigError) in try n.names("pii") },
                         location: location)
    }

    static func scoring(_ node: ConfigNode) throws(ConfigError) -> ScoringWeights {
        let map = try node.mapping("scoring", allowed: ["weights", "other", "healthy", "at_risk"])
        var result = ScoringWeights()
        if let weights = map["weights"] {
            for entry in try weights.entries("weights") {
                guard let dimension = Dimension(rawValue: entry.key) else {
                    let hint = Suggestion.hint(for: entry.key, in: Dimension.allCases.map(\.rawValue))
                    throw ConfigError("unknown dimension '\(entry.key)'\(hint)", at: entry.keyLocation)
                }
                let weight = try entry.value.double("weight of \(entry.key)")
                guard weight >= 0 else { throw entry.value.fail("weights must not be negative") }
                result.weights[dimension] = weight
            }
        }
        if let other = map["other"] { result.otherWeight = try other.double("other") }
        if let healthy = map["healthy"] { result.healthy = try healthy.double("healthy") }
        if let atRisk = map["at_risk"] { result.atRisk = try atRisk.double("at_risk") }
        return result
    }
}
