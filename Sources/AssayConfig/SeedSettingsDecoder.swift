import AssayCore

/// Decodes the seed's `monitoring` and `alerting` sections into typed settings, and says for each what a check
/// run does instead (``notices``): it checks once and sends nothing; `assay monitor` acts on them.
struct SeedSettingsDecoder {
    static let monitoringKeys = ["check_interval_minutes", "batch_size", "alert_thresholds", "recent_window_minutes", "recent_window_column"]
    static let alertingKeys = ["email_recipients", "slack_webhook", "escalation_rules"]

    private(set) var notices: [ConfigNotice] = []

    mutating func monitoring(_ node: ConfigNode, problems: inout ConfigProblems) -> MonitoringSettings? {
        guard let map = problems.attempt({ () throws(ConfigError) in try node.mapping("monitoring", allowed: Self.monitoringKeys) }) else {
            return nil
        }
        var settings = MonitoringSettings()
        if let n = map["check_interval_minutes"], let minutes = problems.attempt({ () throws(ConfigError) in try Self.positive(n, "check_interval_minutes") }) {
            settings.checkIntervalMinutes = minutes
            note("monitoring.check_interval_minutes = \(minutes.formatted(maxFractionDigits: 4))",
                 "a check run runs once over every row; assay monitor runs at each interval over the recent rows", n)
        }
        if let n = map["batch_size"], let size = problems.attempt({ () throws(ConfigError) -> Int in
            let size = try n.int("batch_size")
            guard size > 0 else { throw n.fail(.invalidValue, "batch_size must be 1 or more, not \(size)") }
            return size
        }) {
            settings.batchSize = size
            note("monitoring.batch_size = \(size)", "a run scans each table's rows in one statement, exact at any size; in assay monitor it is the most rows one incremental poll reads (a YAML suite's incremental tables), and the seed's recent-rows window is read whole", n)
        }
        if let n = map["alert_thresholds"], let thresholds = problems.attempt({ () throws(ConfigError) -> [Severity: Int] in
            var thresholds: [Severity: Int] = [:]
            for entry in try n.entries("alert_thresholds") {
                let severity = try Self.severity(entry.key, at: entry.keyLocation)
                let count = try entry.value.int("alert threshold of \(entry.key)")
                guard count >= 0 else { throw entry.value.fail(.invalidValue, "an alert threshold is 0 or more, not \(count)") }
                thresholds[severity] = count
            }
            return thresholds
        }) {
            settings.alertThresholds = thresholds
            note("monitoring.alert_thresholds \(Self.listed(thresholds) { "\($0)" })", "a check run raises no alert; assay monitor alerts at that many failing runs", n)
        }
        if let n = map["recent_window_minutes"], let minutes = problems.attempt({ () throws(ConfigError) in try Self.positive(n, "recent_window_minutes", zeroAllowed: true) }) {
            settings.recentWindow = minutes == 0 ? nil : Window(column: settings.recentWindow?.column ?? "created_date", last: TimeSpan(seconds: minutes * 60))
        }
        if let n = map["recent_window_column"], let column = problems.attempt({ () throws(ConfigError) in try n.name("recent_window_column") }) {
            settings.recentWindow?.column = column
        }
        return settings
    }

    mutating func alerting(_ node: ConfigNode, problems: inout ConfigProblems) -> AlertingSettings? {
        guard let map = problems.attempt({ () throws(ConfigError) in try node.mapping("alerting", allowed: Self.alertingKeys) }) else {
            return nil
        }
        var settings = AlertingSettings()
        if let n = map["email_recipients"], let recipients = problems.attempt({ () throws(ConfigError) -> [String] in
            let recipients = try n.names("email_recipients")
            for (address, item) in zip(recipients, (try? n.list("email_recipients")) ?? [n]) where !Self.looksLikeAddress(address) {
                throw item.fail(.invalidValue, "'\(address)' is not an e-mail address")
            }
            return recipients
        }) {
            settings.emailRecipients = recipients
            note("alerting.email_recipients \(recipients.joined(separator: ", "))", "a check run sends no e-mail; assay monitor sends the alerts", n)
        }
        if let n = map["slack_webhook"], let url = problems.attempt({ () throws(ConfigError) -> WebhookURL in
            let text = try n.string("slack_webhook")
            guard text.hasPrefix("https://") || text.hasPrefix("http://"), text.count > "https://".count else {
                throw n.fail(.invalidValue, "slack_webhook must be an http(s) URL")
            }
            return WebhookURL(text)
        }) {
            settings.slackWebhook = url
            note("alerting.slack_webhook \(url)", "a check run sends no Slack message; assay monitor sends the alerts", n)
        }
        if let n = map["escalation_rules"], let rules = problems.attempt({ () throws(ConfigError) -> [Severity: EscalationRule] in
            var rules: [Severity: EscalationRule] = [:]
            for entry in try n.entries("escalation_rules") {
                let severity = try Self.severity(entry.key, at: entry.keyLocation)
                let rule = try entry.value.mapping("the escalation rule of \(entry.key)", allowed: ["immediate", "escalate_after_minutes"])
                rules[severity] = EscalationRule(
                    immediate: try rule["immediate"]?.bool("immediate"),
                    escalateAfterMinutes: try rule["escalate_after_minutes"].map { m throws(ConfigError) in try Self.positive(m, "escalate_after_minutes", zeroAllowed: true) })
            }
            return rules
        }) {
            settings.escalationRules = rules
            let described = Self.listed(rules) { rule in
                [rule.immediate.map { $0 ? "immediate" : "not immediate" },
                 rule.escalateAfterMinutes.map { "escalate after \($0.formatted(maxFractionDigits: 4)) min" }]
                    .compactMap { $0 }.joined(separator: ", ")
            }
            note("alerting.escalation_rules \(described)", "a check run escalates nothing; assay monitor escalates unacknowledged incidents", n)
        }
        return settings
    }

    private mutating func note(_ setting: String, _ reason: String, _ node: ConfigNode) {
        notices.append(ConfigNotice(setting: setting, reason: reason, location: node.location))
    }

    private static func positive(_ node: ConfigNode, _ what: String, zeroAllowed: Bool = false) throws(ConfigError) -> Double {
        let value = try node.double(what)
        guard value > 0 || (zeroAllowed && value == 0) else {
            throw node.fail(.invalidValue, "\(what) must be \(zeroAllowed ? "0 or more" : "more than 0"), not \(value.formatted(maxFractionDigits: 4))")
        }
        return value
    }

    private static func severity(_ key: String, at location: SourceLocation) throws(ConfigError) -> Severity {
        guard let severity = Severity(rawValue: key.uppercased()) else {
            throw ConfigError(.unknownKey, "unknown severity '\(key)'; expected LOW, MEDIUM, HIGH or CRITICAL", at: location)
        }
        return severity
    }

    /// `CRITICAL 1, HIGH 3`: most severe first.
    private static func listed<V>(_ values: [Severity: V], _ show: (V) -> String) -> String {
        values.sorted { $0.key > $1.key }.map { "\($0.key.rawValue) \(show($0.value))" }.joined(separator: ", ")
    }

    private static func looksLikeAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}
