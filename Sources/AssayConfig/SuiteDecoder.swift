import AssayCore

/// Decodes Assay's YAML suite format, reporting every problem of the file at once.
///
/// ```yaml
/// name: financeflow
/// source: sqlite:financeflow.db
/// limits: {statement_timeout: 30s, connect_timeout: 10s}
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

    static let topKeys = ["name", "source", "description", "defaults", "scoring", "limits", "store", "retention", "monitor", "remediation", "openlineage", "lineage", "compliance", "tables"]
    static let tableKeys = ["checks", "filter", "window", "owner", "pii", "not_pii", "description", "time_column",
                            "tags", "every", "cron", "time_zone", "incremental", "fix"]

    func decode(_ root: ConfigNode) throws(ConfigError) -> Suite {
        var problems = ConfigProblems()
        let top = try root.mapping("the suite", allowed: Self.topKeys, problems: &problems)
        var defaultSeverity = Severity.medium
        var defaultFix: FixDraft?
        if let defaults = top["defaults"] {
            problems.attempt { () throws(ConfigError) in
                let map = try defaults.mapping("defaults", allowed: ["severity", "fix"])
                if let s = map["severity"] { defaultSeverity = try CheckDecoder.severity(s) }
                defaultFix = try map["fix"].map { n throws(ConfigError) in try FixDecoder.draft(n) }
            }
        }
        var tables: [TableSpec] = []
        let checkDecoder = CheckDecoder(defaultSeverity: defaultSeverity, fixDefaults: defaultFix.map { [$0] } ?? [])
        if let tablesNode = problems.attempt({ () throws(ConfigError) in try top.required("tables") }),
           let entries = problems.attempt({ () throws(ConfigError) in try tablesNode.entries("tables") }) {
            for entry in entries {
                if let table = problems.attempt({ () throws(ConfigError) in try table(entry.key, entry.value, at: entry.keyLocation, checks: checkDecoder) }) {
                    tables.append(table)
                }
            }
            if entries.isEmpty { problems.add(tablesNode.fail(.invalidValue, "tables must name at least one table")) }
        }
        let name = problems.attempt { () throws(ConfigError) in try top["name"]?.string("name") } ?? nil
        let source = problems.attempt { () throws(ConfigError) in try top["source"]?.string("source") } ?? nil
        problems.attempt { () throws(ConfigError) in _ = try top["description"]?.string("description") }
        let scoring = problems.attempt { () throws(ConfigError) in try top["scoring"].map { n throws(ConfigError) in try Self.scoring(n) } } ?? nil
        let limits = problems.attempt { () throws(ConfigError) in try top["limits"].map { n throws(ConfigError) in try Self.limits(n) } } ?? nil
        let store = problems.attempt { () throws(ConfigError) in try top["store"]?.string("store") } ?? nil
        let retention = problems.attempt { () throws(ConfigError) -> Int? in
            guard let node = top["retention"] else { return nil }
            let days = try node.int("retention")
            guard days >= 1 else { throw node.fail(.invalidValue, "retention is a number of days, at least 1, not \(days)") }
            return days
        } ?? nil
        let monitor = problems.attempt { () throws(ConfigError) in try top["monitor"].map { n throws(ConfigError) in try MonitorDecoder.monitor(n) } } ?? nil
        let remediation = problems.attempt { () throws(ConfigError) in try top["remediation"].map { n throws(ConfigError) in try RemediationDecoder.suite(n) } } ?? nil
        let openLineage = problems.attempt { () throws(ConfigError) in try top["openlineage"].map { n throws(ConfigError) in try OpenLineageDecoder.decode(n) } } ?? nil
        let lineage = problems.attempt { () throws(ConfigError) in try top["lineage"].map { n throws(ConfigError) in try LineageDecoder.lineage(n) } } ?? nil
        let compliance = problems.attempt { () throws(ConfigError) in try top["compliance"].map { n throws(ConfigError) in try ComplianceDecoder.targets(n) } } ?? nil
        try problems.throwIfAny()
        var suite = Suite(name: name ?? defaultName, source: source, tables: tables, scoring: scoring ?? ScoringWeights(),
                          limits: limits ?? RunLimits())
        suite.store = store
        suite.retentionDays = retention
        suite.monitor = monitor
        suite.remediation = remediation
        suite.openLineage = openLineage
        suite.lineage = lineage
        suite.compliance = compliance ?? ComplianceTargets()
        return suite
    }

    private func table(_ name: String, _ node: ConfigNode, at location: SourceLocation, checks decoder: CheckDecoder) throws(ConfigError) -> TableSpec {
        var problems = ConfigProblems()
        let map = try node.mapping("table '\(name)'", allowed: Self.tableKeys, problems: &problems)
        var decoder = decoder
        if let fix = problems.attempt({ () throws(ConfigError) in try map["fix"].map { n throws(ConfigError) in try FixDecoder.draft(n) } }) ?? nil {
            decoder.fixDefaults.insert(fix, at: 0)
        }
        var checks: [Check] = []
        var firstByID: [String: SourceLocation?] = [:]
        if let checksNode = problems.attempt({ () throws(ConfigError) in try map.required("checks") }),
           let items = problems.attempt({ () throws(ConfigError) in try checksNode.list("checks") }) {
            if items.isEmpty { problems.add(checksNode.fail(.invalidValue, "checks of table '\(name)' must list at least one check")) }
            for item in items {
                for check in problems.attempt({ () throws(ConfigError) in try decoder.decode(item) }) ?? [] {
                    if let first = firstByID[check.id] {
                        problems.add(ConfigError(.duplicate, "check id '\(check.id)' is used twice in table '\(name)' (first at \(first.map { "\($0)" } ?? "?")); give one an 'id'", at: check.location))
                        continue
                    }
                    firstByID[check.id] = check.location
                    checks.append(check)
                }
            }
        }
        let filter = problems.attempt { () throws(ConfigError) in try map["filter"].map { n throws(ConfigError) in try CheckDecoder.condition(n, what: "filter") } } ?? nil
        let window = problems.attempt { () throws(ConfigError) in try map["window"].map { n throws(ConfigError) in try CheckDecoder.window(n) } } ?? nil
        let owner = problems.attempt { () throws(ConfigError) in try map["owner"]?.string("owner") } ?? nil
        let pii = problems.attempt { () throws(ConfigError) in try map["pii"].map { n throws(ConfigError) in try Self.columns(n, "pii") } } ?? nil
        let notPII = problems.attempt { () throws(ConfigError) in try map["not_pii"].map { n throws(ConfigError) in try Self.columns(n, "not_pii") } } ?? nil
        if let pii, let notPII, let node = map["not_pii"] {
            let both = notPII.filter { c in pii.contains { $0.lowercased() == c.lowercased() } }
            if !both.isEmpty { problems.add(node.fail(.conflict, "\(both.joined(separator: ", ")) cannot be in both pii and not_pii")) }
        }
        problems.attempt { () throws(ConfigError) in _ = try map["description"]?.string("description") }
        let timeColumn = problems.attempt { () throws(ConfigError) in try map["time_column"].map { n throws(ConfigError) in try n.name("time_column") } } ?? nil
        let tags = problems.attempt { () throws(ConfigError) in try map["tags"].map { n throws(ConfigError) in try MonitorDecoder.tags(n) } } ?? nil
        let schedule = MonitorDecoder.schedule(map, problems: &problems)
        let incremental = problems.attempt { () throws(ConfigError) in try map["incremental"].map { n throws(ConfigError) in try MonitorDecoder.incremental(n) } } ?? nil
        try problems.throwIfAny()
        var spec = TableSpec(name: name, checks: checks, filter: filter, window: window, owner: owner, piiColumns: pii,
                             notPIIColumns: notPII ?? [], location: location)
        spec.timeColumn = timeColumn
        spec.tags = tags ?? []
        spec.schedule = schedule
        spec.incremental = incremental
        return spec
    }

    /// A `pii:` or `not_pii:` list: column names, none empty, none twice.
    private static func columns(_ node: ConfigNode, _ what: String) throws(ConfigError) -> [String] {
        let names = try node.names(what)
        var seen: Set<String> = []
        for name in names {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw node.fail(.invalidValue, "\(what) lists an empty column name") }
            guard seen.insert(name.lowercased()).inserted else { throw node.fail(.duplicate, "\(what) lists \(name) twice") }
        }
        return names
    }

    /// `limits: {statement_timeout: 30s, connect_timeout: 10s}`: time limits the sources apply to the suite.
    static func limits(_ node: ConfigNode) throws(ConfigError) -> RunLimits {
        var problems = ConfigProblems()
        let map = try node.mapping("limits", allowed: ["statement_timeout", "connect_timeout"], problems: &problems)
        func span(_ key: String) -> TimeSpan? {
            guard let n = map[key] else { return nil }
            return problems.attempt { () throws(ConfigError) -> TimeSpan in
                let span = try CheckDecoder.timeSpan(n)
                guard span.seconds > 0 else { throw n.fail(.invalidValue, "\(key) must be longer than 0") }
                return span
            }
        }
        let limits = RunLimits(statementTimeout: span("statement_timeout"), connectTimeout: span("connect_timeout"))
        try problems.throwIfAny()
        return limits
    }

    static func scoring(_ node: ConfigNode) throws(ConfigError) -> ScoringWeights {
        let map = try node.mapping("scoring", allowed: ["weights", "other", "healthy", "at_risk"])
        var result = ScoringWeights()
        if let weights = map["weights"] {
            for entry in try weights.entries("weights") {
                guard let dimension = Dimension(rawValue: entry.key) else {
                    let hint = Suggestion.hint(for: entry.key, in: Dimension.allCases.map(\.rawValue))
                    throw ConfigError(.unknownKey, "unknown dimension '\(entry.key)'\(hint)", at: entry.keyLocation)
                }
                let weight = try entry.value.double("weight of \(entry.key)")
                guard weight >= 0 else { throw entry.value.fail(.invalidValue, "weights must not be negative") }
                result.weights[dimension] = weight
            }
        }
        if let other = map["other"] { result.otherWeight = try other.double("other") }
        if let healthy = map["healthy"] { result.healthy = try healthy.double("healthy") }
        if let atRisk = map["at_risk"] { result.atRisk = try atRisk.double("at_risk") }
        if result.atRisk > result.healthy {
            throw (map["at_risk"] ?? node).fail(.invalidValue, "at_risk (\(result.atRisk.formatted(maxFractionDigits: 2))) is above healthy (\(result.healthy.formatted(maxFractionDigits: 2))); a score at or above healthy is HEALTHY, at or above at_risk AT_RISK")
        }
        return result
    }
}
