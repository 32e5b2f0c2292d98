import AssayCore

/// Decodes remediation from a YAML suite: a check's `remediation:` (`quarantine`, `flag_for_followup`, or
/// `{action, automatic, table}`) and the suite's `remediation:` section (see ``RemediationSettings``).
enum RemediationDecoder {
    static let checkKeys = ["action", "automatic", "table"]
    static let suiteKeys = ["writer", "apply", "quarantine_table", "flag"]
    static let flagKeys = ["column", "at_column", "value", "table"]

    static func check(_ node: ConfigNode) throws(ConfigError) -> Remediation {
        if case .scalar = node.value { return Remediation(automatic: true, action: try Self.actionNamed(node)) }
        var problems = ConfigProblems()
        let map = try node.mapping("remediation", allowed: checkKeys, problems: &problems)
        let action = problems.attempt { () throws(ConfigError) in try Self.actionNamed(try map.required("action")) }
        let automatic = problems.attempt { () throws(ConfigError) in try map["automatic"]?.bool("automatic") } ?? nil
        let table = problems.attempt { () throws(ConfigError) in try map["table"]?.name("remediation.table") } ?? nil
        if table != nil, action == .flagForFollowup, let node = map["table"] {
            problems.add(node.fail(.conflict, "table names a quarantine table, and flag_for_followup quarantines nothing (the suite's remediation.flag.table names the flag table)"))
        }
        try problems.throwIfAny()
        return Remediation(automatic: automatic ?? true, action: action, table: table)
    }

    private static func actionNamed(_ node: ConfigNode) throws(ConfigError) -> RemediationAction {
        let text = try node.string("remediation action")
        guard let action = RemediationAction(named: text) else {
            throw node.fail(.invalidValue, "unknown remediation action '\(text)'\(Suggestion.hint(for: text, in: RemediationAction.names)) (expected quarantine or flag_for_followup)")
        }
        return action
    }

    static func suite(_ node: ConfigNode) throws(ConfigError) -> RemediationSettings {
        var problems = ConfigProblems()
        let map = try node.mapping("remediation", allowed: suiteKeys, problems: &problems)
        var settings = RemediationSettings(location: node.location)
        problems.attempt { () throws(ConfigError) in settings.writer = try map["writer"]?.string("remediation.writer") }
        problems.attempt { () throws(ConfigError) in settings.apply = try map["apply"]?.bool("remediation.apply") ?? false }
        problems.attempt { () throws(ConfigError) in
            if let n = map["quarantine_table"] { settings.quarantineTable = try template(n, what: "quarantine_table") }
        }
        if let flag = map["flag"] {
            problems.attempt { () throws(ConfigError) in
                let f = try flag.mapping("remediation.flag", allowed: flagKeys)
                if let n = f["column"] { settings.flagColumn = try n.name("flag.column") }
                if let n = f["at_column"] { settings.flaggedAtColumn = try n.name("flag.at_column") }
                if let n = f["value"] { settings.flagValue = try n.string("flag.value") }
                if let n = f["table"] { settings.flagTable = try template(n, what: "flag.table") }
            }
        }
        try problems.throwIfAny()
        return settings
    }

    /// A table name that may hold `{table}`; nothing else in braces.
    private static func template(_ node: ConfigNode, what: String) throws(ConfigError) -> String {
        let text = try node.string(what)
        let stripped = text.replacingOccurrences(of: "{table}", with: "")
        guard !text.isEmpty, !stripped.contains("{"), !stripped.contains("}") else {
            throw node.fail(.invalidValue, "\(what) is a table name in which {table} stands for the table's name, not '\(text)'")
        }
        return text
    }
}
