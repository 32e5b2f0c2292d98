import AssayCore
import Foundation

/// The notifiers of a suite's channels (``AssayCore/ChannelSpec``), one per channel name.
public enum ChannelNotifiers {
    /// - Parameter source: what PagerDuty shows as the event's source (the suite's name).
    /// - Throws: ``SMTPError`` for an e-mail channel whose server URL or password cannot be used (never quoting them).
    public static func make(_ channels: [ChannelSpec], source: String) throws(SMTPError) -> [any Notifier] {
        var notifiers: [any Notifier] = []
        for channel in channels {
            switch channel.kind {
            case .slack(let url):
                notifiers.append(SlackNotifier(channel: channel.name, url: url))
            case .webhook(let url, let secret):
                notifiers.append(WebhookNotifier(channel: channel.name, url: url, secret: secret?.value))
            case .pagerDuty(let key, let endpoint):
                notifiers.append(endpoint.map { PagerDutyNotifier(channel: channel.name, routingKey: key.value, source: source, endpoint: $0) }
                                 ?? PagerDutyNotifier(channel: channel.name, routingKey: key.value, source: source))
            case .email(let mail):
                let variable = EmailNotifier.Settings.passwordVariable
                var settings = try EmailNotifier.Settings(url: mail.server, from: mail.from, recipients: mail.to,
                                                          environment: mail.password.map { [variable: $0.value] } ?? ProcessInfo.processInfo.environment,
                                                          trust: mail.caFile.map { .caFile($0) } ?? .systemRoots)
                settings.downstreamOwners = mail.toDownstreamOwners
                notifiers.append(EmailNotifier(channel: channel.name, settings: settings))
            }
        }
        return notifiers
    }

    /// The channels of the seed's `alerting` section: its `slack_webhook`, and its `email_recipients` through the SMTP
    /// server of `$ASSAY_SMTP_URL` (from `$ASSAY_SMTP_FROM`, password `$ASSAY_SMTP_PASSWORD`): the seed's format names
    /// no mail server, and without one the recipients get nothing (the routes' deliveries then fail visibly).
    /// - Throws: ``SMTPError`` for a server URL or password that cannot be used.
    public static func seed(_ alerting: AlertingSettings?, environment: [String: String]) throws(SMTPError) -> [any Notifier] {
        guard let alerting else { return [] }
        var notifiers: [any Notifier] = []
        if let slack = alerting.slackWebhook { notifiers.append(SlackNotifier(url: slack)) }
        if !alerting.emailRecipients.isEmpty, let server = environment["ASSAY_SMTP_URL"] {
            notifiers.append(EmailNotifier(settings: try EmailNotifier.Settings(url: server, from: environment["ASSAY_SMTP_FROM"] ?? "assay@localhost",
                                                                                recipients: alerting.emailRecipients, environment: environment)))
        }
        return notifiers
    }
}
