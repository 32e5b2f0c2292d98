import AssayCore

/// Decodes the seed's real-time monitor rules file (`dq_config.json`):
///
/// ```json
/// {"rules": [{"rule_id": "CUST_001", "table_name": "customers", "column_name": "email",
///             "rule_type": "completeness", "condition": "email IS NOT NULL", "threshold": 95.0,
///             "severity": "HIGH", "auto_remediation": false, "remediation_action": null}],
///  "monitoring": {...}, "alerting": {...}}
/// ```
///
/// Meaning of `condition` and `threshold` by `rule_type`, as in the seed:
/// - completeness, validity: `condition` describes the VALID rows; `threshold` is the minimum passing percentage.
/// - uniqueness: the column(s) (comma-separated) must be unique; `threshold` is the minimum unique percentage.
/// - consistency: `condition` describes the VIOLATING rows; `threshold` is the maximum violating percentage (0: none).
struct SeedRulesDecoder {
    var defaultName: String

    static let ruleKeys = ["rule_id", "table_name", "column_name", "rule_type", "condition", "threshold", "severity",
                           "auto_remediation", "remediation_action", "description", "enabled"]
    static let ruleTypes = ["completeness", "uniqueness", "validity", "consistency"]
    static let remediationActions = ["flag_for_review", "quarantine", "quarantine_rows", "notify", "auto_fix", "none"]

    func decode(_ root: ConfigNode) throws(ConfigError) -> Suite {
        let top = try root.mapping("the rules file", allowed: ["rules", "monitoring", "alerting", "name", "source", "scoring"])
        var tables: [TableSpec] = []
        for node in try top.required("rules").list("rules") {
            let (table, check) = try rule(node)
            if let i = tables.firstIndex(where: { $0.name == table }) {
                if tables[i].checks.contains(where: { $0.id == check.id }) {
                    throw node.fail("rule_id '\(check.id)' is used twice for table '\(table)'")
                }
                tables[i].checks.append(check)
            } else {
                tables.append(TableSpec(name: table, checks: [check], location: node.location))
            }
        }
        guard !tables.isEmpty else { throw try top.required("rules").fail("rules must list at least one rule") }
        return Suite(name: try top["name"]?.string("name") ?? defaultName, source: try top["source"]?.string("source"),
                     tables: tables,
                     scoring: try top["scoring"].map { n throws(ConfigError) in try SuiteDecoder.scoring(n) } ?? ScoringWeights(),
                     monitoring: try Self.section(top["monitoring"], "monitoring"),
                     alerting: try Self.section(top["alerting"], "alerting"))
    }

    private func rule(_ node: ConfigNode) throws(ConfigError) -> (String, Check) {
        let map = try node.mapping("a rule", allowed: Self.ruleKeys)
        let id = try map.required("rule_id").string("rule_id")
        let table = try map.required("table_name").string("table_name")
        let typeNode = try map.required("rule_type")
        let type = try typeNode.string("rule_type").lowercased()
        guard Self.ruleTypes.contains(type) else {
            let hint = Suggestion.hint(for: type, in: Self.ruleTypes)
            throw typeNode.fail("unknown rule_type '\(type)'\(hint) (expected \(Self.ruleTypes.joined(separator: ", ")))")
        }
        let column = try map["column_name"]?.string("column_name")
        let condition = try map["condition"].flatMap { n throws(ConfigError) -> Condition? in
            if case .scalar("", _) = n.value { return nil }
            if case .scalar("null", false) = n.value { return nil }
            return try CheckDecoder.condition(n, what: "condition")
        }
        let thresholdNode = map["threshold"]
        let threshold = try thresholdNode.map { n throws(ConfigError) in try n.double("threshold") }
        if let threshold, !(0...100).contains(threshold) { throw thresholdNode!.fail("threshold is a percentage between 0 and 100") }
        if let actionNode = map["remediation_action"], case .scalar(let action, _) = actionNode.value, action != "null",
           !Self.remediationActions.contains(action) {
            throw actionNode.fail("unknown remediation_action '\(action)'; expected one of: \(Self.remediationActions.joined(separator: ", "))")
        }
        if let auto = map["auto_remediation"] { _ = try auto.bool("auto_remediation") }
        func needColumn() throws(ConfigError) -> String {
            guard let column, !column.isEmpty else { throw node.fail("a \(type) rule needs column_name") }
            return column
        }
        let kind: CheckKind
        var failLimit: ViolationLimit = .percent(100 - (threshold ?? 100))
        switch type {
        case "completeness":
            if let condition {
                kind = .rule(condition, violationWhen: false)
            } else {
                kind = .notNull(column: try needColumn())
            }
        case "uniqueness":
            kind = .unique(columns: try needColumn().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        case "validity":
            guard let condition else { throw node.fail("a validity rule needs a condition describing the valid rows") }
            kind = .rule(condition, violationWhen: false)
        default:
            guard let condition else { throw node.fail("a consistency rule needs a condition describing the violating rows") }
            kind = .rule(condition, violationWhen: true)
            failLimit = .percent(threshold ?? 0)
        }
        if case .percent(0) = failLimit { failLimit = .count(0) }
        let severity = try map["severity"].map { n throws(ConfigError) in try CheckDecoder.severity(n) } ?? .medium
        let check = Check(id: id, kind: kind, severity: severity, thresholds: ViolationThresholds(fail: failLimit),
                          dimension: Dimension(rawValue: type), description: try map["description"]?.string("description"),
                          location: node.location)
        return (table, check)
    }

    private static func section(_ node: ConfigNode?, _ what: String) throws(ConfigError) -> [String: String] {
        guard let node else { return [:] }
        var values: [String: String] = [:]
        for entry in try node.entries(what) {
            switch entry.value.value {
            case .scalar(let text, _): values[entry.key] = text
            case .sequence(let items):
                values[entry.key] = items.compactMap { if case .scalar(let t, _) = $0.value { t } else { nil } }.joined(separator: ",")
            case .mapping: values[entry.key] = "{...}"
            }
        }
        return values
    }
}
