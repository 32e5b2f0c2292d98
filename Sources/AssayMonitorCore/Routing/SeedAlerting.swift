import AssayCore
import Foundation

/// What the seed's `monitoring` and `alerting` sections mean for incidents and routes:
/// - `alert_thresholds` (`{"CRITICAL": 1, "HIGH": 3}`): failing runs in a row before an incident of that severity is
///   alerted (severities not listed: 1);
/// - `escalation_rules.SEVERITY.immediate`: `true` sends the first alert at once; `false` holds it for the route's
///   grouping wait so that a table's alerts go out as one message;
/// - `escalation_rules.SEVERITY.escalate_after_minutes`: an unacknowledged incident is escalated after that long,
///   and again after each further such span;
/// - `email_recipients` and `slack_webhook`: the channels of the one route the seed's format has.
public enum SeedAlerting {
    /// The grouping wait of a severity whose rule is not `immediate`.
    public static let defaultGroupWaitSeconds = 60.0

    /// The incident policy of checks of `severity`.
    public static func policy(for severity: Severity, monitoring: MonitoringSettings?, alerting: AlertingSettings?) -> IncidentPolicy {
        let rule = alerting?.escalationRules[severity]
        return IncidentPolicy(escalateAfterSeconds: rule?.escalateAfterMinutes.map { $0 * 60 },
                              alertAfterFailingRuns: monitoring?.alertThresholds[severity] ?? 1)
    }

    /// The routes the seed's settings describe: one per severity group (immediate or grouped), to email and Slack
    /// when configured.
    public static func routes(_ alerting: AlertingSettings?) -> [AlertRoute] {
        guard let alerting else { return [] }
        var channels: [String] = []
        if !alerting.emailRecipients.isEmpty { channels.append("email") }
        if alerting.slackWebhook != nil { channels.append("slack") }
        guard !channels.isEmpty else { return [] }
        let immediate = Set(Severity.allCases.filter { alerting.escalationRules[$0]?.immediate == true })
        var routes: [AlertRoute] = []
        if !immediate.isEmpty { routes.append(AlertRoute(name: "seed-immediate", severities: immediate, channels: channels)) }
        routes.append(AlertRoute(name: "seed", channels: channels, groupWaitSeconds: defaultGroupWaitSeconds))
        return routes
    }
}
