/// The seed's `monitoring` section: how often the real-time monitor runs and when it raises alerts.
public struct MonitoringSettings: Sendable, Hashable {
    public var checkIntervalMinutes: Double?
    public var batchSize: Int?
    /// Incidents of a severity at which an alert is raised (`{"CRITICAL": 1, "HIGH": 3}`).
    public var alertThresholds: [Severity: Int]
    /// The rows the monitor checks each rule over: the seed's `created_date` in the last 15 minutes, unless the
    /// section says otherwise (`recent_window_minutes`, 0 for every row; `recent_window_column`).
    public var recentWindow: Window? = Window(column: "created_date", last: TimeSpan(seconds: 900))

    public init(checkIntervalMinutes: Double? = nil, batchSize: Int? = nil, alertThresholds: [Severity: Int] = [:]) {
        self.checkIntervalMinutes = checkIntervalMinutes
        self.batchSize = batchSize
        self.alertThresholds = alertThresholds
    }
}

/// The seed's `alerting` section: who is told about an incident, and when it escalates.
public struct AlertingSettings: Sendable, Hashable {
    public var emailRecipients: [String]
    public var slackWebhook: WebhookURL?
    public var escalationRules: [Severity: EscalationRule]

    public init(emailRecipients: [String] = [], slackWebhook: WebhookURL? = nil,
                escalationRules: [Severity: EscalationRule] = [:]) {
        self.emailRecipients = emailRecipients
        self.slackWebhook = slackWebhook
        self.escalationRules = escalationRules
    }
}

/// When an incident of one severity is alerted and escalated.
public struct EscalationRule: Sendable, Hashable {
    public var immediate: Bool?
    public var escalateAfterMinutes: Double?

    public init(immediate: Bool? = nil, escalateAfterMinutes: Double? = nil) {
        self.immediate = immediate
        self.escalateAfterMinutes = escalateAfterMinutes
    }
}

/// A webhook URL. Its path is the secret (a Slack webhook's token), so it prints as scheme and host only.
public struct WebhookURL: Sendable, Hashable, CustomStringConvertible {
    /// The full URL, for sending; never print it.
    public var url: String

    public init(_ url: String) { self.url = url }

    /// `https://hooks.slack.com/…`: the secret path left out.
    public var description: String {
        guard let scheme = url.range(of: "://") else { return "…" }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let withoutUser = host.split(separator: "@").last.map(String.init) ?? ""
        return String(url[..<scheme.upperBound]) + withoutUser + (rest.count > host.count ? "/…" : "")
    }
}
