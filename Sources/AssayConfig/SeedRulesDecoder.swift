import AssayCore

/// Decodes the seed's real-time monitor rules file (`dq_config.json`), as the seed's `json.dump` writes it:
///
/// ```json
/// {"rules": [{"rule_id": "CUST_001", "table_name": "customers", "column_name": "email",
///             "rule_type": "completeness", "condition": "email IS NOT NULL", "threshold": 95.0,
///             "severity": "HIGH", "auto_remediation": true, "remediation_action": "flag_for_followup"}],
///  "monitoring": {...}, "alerting": {...}}
/// ```
///
/// Meaning of `condition` and `threshold` by `rule_type`, as the seed's `check_*` functions judge them:
/// - completeness, validity: `condition` describes the VALID rows, and a row is valid only when it is TRUE
///   (`SUM(CASE WHEN condition THEN 1 ELSE 0 END)`: NULL counts as invalid); the rule fails when the valid
///   percentage is below `threshold`.
/// - uniqueness: `condition` is an aggregate assertion (`COUNT(*) = COUNT(DISTINCT customer_id)`) or absent
///   (then `column_name`, comma-separated for several); any duplicate fails.
/// - consistency: `condition` describes the VIOLATING rows; `threshold` is the maximum violating percentage.
///
/// Every problem of the file is reported at once; settings read but not acted on become ``Suite/notices``.
struct SeedRulesDecoder {
    var defaultName: String

    static let topKeys = ["rules", "monitoring", "alerting", "name", "source", "scoring", "limits"]
    static let ruleKeys = ["rule_id", "table_name", "column_name", "rule_type", "condition", "threshold", "severity",
                           "auto_remediation", "remediation_action", "description", "enabled"]
    static let ruleTypes = ["completeness", "uniqueness", "validity", "consistency"]

    func decode(_ root: ConfigNode) throws(ConfigError) -> Suite {
        var problems = ConfigProblems()
        let top = try root.mapping("the rules file", allowed: Self.topKeys, problems: &problems)
        var tables: [TableSpec] = []
        var notices: [ConfigNotice] = []
        var ruleCount = 0
        var tableIndex: [String: Int] = [:]
        var firstByID: [String: SourceLocation?] = [:]
        if let rulesNode = problems.attempt({ () throws(ConfigError) in try top.required("rules") }),
           let rules = problems.attempt({ () throws(ConfigError) in try rulesNode.list("rules") }) {
            for node in rules {
                ruleCount += 1
                guard let (table, decoded, ruleNotices) = problems.attempt({ () throws(ConfigError) in try rule(node) }) else { continue }
                notices += ruleNotices
                guard let check = decoded else { continue }
                if let first = firstByID[table + "\u{0}" + check.id] {
                    problems.add(node.fail(.duplicate, "rule_id '\(check.id)' is used twice for table '\(table)' (first at \(first.map { "\($0)" } ?? "?"))"))
                    continue
                }
                firstByID[table + "\u{0}" + check.id] = check.location
                if let i = tableIndex[table] {
                    tables[i].checks.append(check)
                } else {
                    tableIndex[table] = tables.count
                    tables.append(TableSpec(name: table, checks: [check], location: node.location))
                }
            }
            if ruleCount == 0 { problems.add(rulesNode.fail(.invalidValue, "rules must list at least one rule")) }
            if ruleCount > 0, problems.isEmpty, tables.isEmpty { problems.add(rulesNode.fail(.invalidValue, "every rule is disabled, so there is nothing to run")) }
        }
        let name = problems.attempt { () throws(ConfigError) in try top["name"]?.string("name") } ?? nil
        let source = problems.attempt { () throws(ConfigError) in try top["source"]?.string("source") } ?? nil
        let scoring = problems.attempt { () throws(ConfigError) in try top["scoring"].map { n throws(ConfigError) in try SuiteDecoder.scoring(n) } } ?? nil
        let limits = problems.attempt { () throws(ConfigError) in try top["limits"].map { n throws(ConfigError) in try SuiteDecoder.limits(n) } } ?? nil
        var settings = SeedSettingsDecoder()
        let monitoring = top["monitoring"].flatMap { settings.monitoring($0, problems: &problems) }
        let alerting = top["alerting"].flatMap { settings.alerting($0, problems: &problems) }
        try problems.throwIfAny()
        return Suite(name: name ?? defaultName, source: source, tables: tables, scoring: scoring ?? ScoringWeights(),
                     monitoring: monitoring, alerting: alerting, limits: limits ?? RunLimits(),
                     notices: notices + settings.notices)
    }

    /// One rule: its table, its check (`nil` when disabled), and notices for what it says but a run does not do.
    private func rule(_ node: ConfigNode) throws(ConfigError) -> (String, Check?, [ConfigNotice]) {
        var problems = ConfigProblems()
        let map = try node.mapping("a rule", allowed: Self.ruleKeys, problems: &problems)
        let id = problems.attempt { () throws(ConfigError) in try map.required("rule_id").string("rule_id") }
        let table = problems.attempt { () throws(ConfigError) in try map.required("table_name").name("table_name") }
        let type = problems.attempt { () throws(ConfigError) -> String in
            let typeNode = try map.required("rule_type")
            let type = try typeNode.string("rule_type").lowercased()
            guard Self.ruleTypes.contains(type) else {
                let hint = Suggestion.hint(for: type, in: Self.ruleTypes)
                throw typeNode.fail(.invalidValue, "unknown rule_type '\(type)'\(hint) (expected \(Self.ruleTypes.joined(separator: ", ")))")
            }
            return type
        }
        let columnNode = map["column_name"].flatMap { $0.isNull ? nil : $0 }
        let column = problems.attempt { () throws(ConfigError) in try columnNode?.string("column_name") } ?? nil
        let conditionNode = map["condition"].flatMap { n -> ConfigNode? in
            if n.isNull { return nil }
            if case .scalar(let text, _) = n.value, text.allSatisfy(\.isWhitespace) { return nil }
            return n
        }
        let thresholdNode = map["threshold"]
        let threshold = problems.attempt { () throws(ConfigError) -> Double? in
            guard let thresholdNode else { return nil }
            let value = try thresholdNode.double("threshold")
            guard (0...100).contains(value) else { throw thresholdNode.fail(.invalidValue, "threshold is a percentage between 0 and 100, not \(value)") }
            return value
        } ?? nil
        let severity = problems.attempt { () throws(ConfigError) in
            try map["severity"].map { n throws(ConfigError) in try CheckDecoder.severity(n) } ?? .medium
        }
        let remediation = problems.attempt { () throws(ConfigError) in try Self.remediation(map) } ?? nil
        let description = problems.attempt { () throws(ConfigError) in try map["description"]?.string("description") } ?? nil
        let enabled = problems.attempt { () throws(ConfigError) in try map["enabled"]?.bool("enabled") ?? true } ?? true
        var kind: CheckKind?
        var failLimit: ViolationLimit = .percent(100 - (threshold ?? 100))
        var notices: [ConfigNotice] = []
        if let type {
            kind = problems.attempt { () throws(ConfigError) -> CheckKind in
                try Self.kind(type, column: column, columnNode: columnNode, condition: conditionNode, rule: node)
            }
            if type == "uniqueness" {
                failLimit = .count(0)
                if let threshold, threshold < 100, let thresholdNode {
                    notices.append(ConfigNotice(setting: "threshold \(threshold.formatted(maxFractionDigits: 4)) (\(id ?? "?"))",
                                                reason: "a uniqueness rule fails on any duplicate, as the seed's monitor judges it",
                                                location: thresholdNode.location))
                }
            } else if type == "consistency" {
                failLimit = .percent(threshold ?? 0)
            }
        }
        try problems.throwIfAny()
        guard let id, let table, let type, let kind, let severity else { throw node.fail(.invalidValue, "invalid rule") }
        if case .percent(0) = failLimit { failLimit = .count(0) }
        if let remediation, let notice = Self.notice(remediation, written: (try? map["remediation_action"]?.string("remediation_action")) ?? nil,
                                                    id: id, at: map["remediation_action"]?.location ?? node.location) {
            notices.append(notice)
        }
        if !enabled {
            notices.append(ConfigNotice(setting: "enabled false (\(id))", reason: "the rule is not run", location: map["enabled"]?.location))
        }
        let check = Check(id: id, idIsExplicit: true, kind: kind, severity: severity, thresholds: ViolationThresholds(fail: failLimit),
                          dimension: Dimension(rawValue: type), description: description, location: node.location,
                          remediation: remediation)
        return (table, enabled ? check : nil, notices)
    }

    /// The check a rule type makes of `column_name` and `condition`.
    private static func kind(_ type: String, column: String?, columnNode: ConfigNode?, condition: ConfigNode?,
                             rule node: ConfigNode) throws(ConfigError) -> CheckKind {
        func needColumn() throws(ConfigError) -> String {
            guard let column, !column.isEmpty else { throw node.fail(.missingKey, "a \(type) rule needs column_name") }
            return column
        }
        switch type {
        case "uniqueness":
            let listed = column.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            guard let condition else { return .unique(columns: try needColumn().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
            let text = try condition.string("condition")
            guard let assertion = AggregateAssertion(text) else {
                throw condition.fail(.condition, "a uniqueness rule's condition is an assertion over the column: \(AggregateAssertion.acceptedForms); "
                    + "not '\(text)' (or leave condition out to use column_name)")
            }
            if let listed, let columnNode, listed.map({ $0.lowercased() }).sorted() != assertion.columns.map({ $0.lowercased() }).sorted() {
                throw columnNode.fail(.conflict, "column_name '\(column ?? "")' and the condition's columns (\(assertion.columns.joined(separator: ", "))) differ")
            }
            return .unique(columns: assertion.columns)
        case "completeness", "validity":
            guard let condition else {
                guard type == "completeness" else { throw node.fail(.missingKey, "a validity rule needs a condition describing the valid rows") }
                return .notNull(column: try needColumn())
            }
            let parsed = try rowCondition(condition, type: type)
            if type == "completeness", case .isNull(.column(let ref), negated: true) = parsed.expr,
               column.map({ $0.lowercased() == ref.name.lowercased() }) ?? true {
                return .notNull(column: ref.name)
            }
            // Valid only when TRUE, as the seed's SUM(CASE WHEN condition THEN 1 ELSE 0 END): NULL is invalid.
            var valid = Condition(expr: .isBoolean(parsed.expr, true, negated: false), text: parsed.text)
            valid.location = parsed.location
            return .rule(valid, violationWhen: false)
        default:
            guard let condition else { throw node.fail(.missingKey, "a consistency rule needs a condition describing the violating rows") }
            return .rule(try rowCondition(condition, type: type), violationWhen: true)
        }
    }

    private static func rowCondition(_ node: ConfigNode, type: String) throws(ConfigError) -> Condition {
        if case .scalar(let text, _) = node.value, AggregateAssertion.callsAggregate(text) {
            throw node.fail(.condition, "a \(type) rule's condition is judged row by row, so it cannot use aggregate functions such as COUNT; "
                + "aggregate assertions (\(AggregateAssertion.acceptedForms)) belong to uniqueness rules")
        }
        return try CheckDecoder.condition(node, what: "condition")
    }

    private static func remediation(_ map: ConfigMapping) throws(ConfigError) -> Remediation? {
        let automatic = try map["auto_remediation"].map { n throws(ConfigError) in n.isNull ? false : try n.bool("auto_remediation") }
        var action: RemediationAction?
        if let node = map["remediation_action"], !node.isNull {
            let text = try node.string("remediation_action")
            let names = ["flag_for_followup", "quarantine_transaction"]
            guard names.contains(text), let known = RemediationAction(named: text) else {
                var hint = Suggestion.hint(for: text, in: names)
                if hint.isEmpty, !text.isEmpty, let near = names.first(where: { $0.hasPrefix(text.lowercased()) || text.lowercased().hasPrefix($0) }) {
                    hint = "; did you mean '\(near)'?"
                }
                throw node.fail(.invalidValue, "unknown remediation_action '\(text)'\(hint) (expected \(names.joined(separator: " or ")))")
            }
            action = known
        }
        guard automatic != nil || action != nil else { return nil }
        return Remediation(automatic: automatic ?? false, action: action)
    }

    /// - Parameter written: the action as the file spells it (`quarantine_transaction`).
    private static func notice(_ remediation: Remediation, written: String?, id: String, at location: SourceLocation) -> ConfigNotice? {
        let name = written ?? remediation.action?.rawValue ?? ""
        return switch (remediation.automatic, remediation.action) {
        case (true, .some):
            ConfigNotice(setting: "auto_remediation \(name) (\(id))",
                         reason: "rows change only with a write connection: assay remediate --apply, or assay monitor with remediation apply: true",
                         location: location)
        case (true, nil):
            ConfigNotice(setting: "auto_remediation true (\(id))", reason: "no remediation_action is given, so there is nothing to do", location: location)
        case (false, .some):
            ConfigNotice(setting: "remediation_action \(name) (\(id), auto_remediation false)",
                         reason: "applied by assay remediate --apply only, never by the monitor", location: location)
        case (false, nil):
            nil
        }
    }
}
