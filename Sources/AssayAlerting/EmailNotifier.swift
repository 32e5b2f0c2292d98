import AssayMonitorCore
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Email over SMTP: each alert message is one mail (subject, a text and an HTML part) to the configured recipients,
/// with a Message-ID made from the message's event id, so a retry or a resend after a crash carries the same one.
/// A refused connection, a timeout, a TLS failure and a 4xx reply are retried; a 5xx reply (a refused login, every
/// recipient refused) is permanent, with the server's reply in the reason. The password is in no reason and no log.
///
/// ```swift
/// let settings = try EmailNotifier.Settings(url: "smtp://assay@smtp.bank.example:587", from: "assay@bank.example",
///                                           recipients: ["data-oncall@bank.example"])  // password: ASSAY_SMTP_PASSWORD
/// let email = EmailNotifier(settings: settings)
/// ```
public struct EmailNotifier: Notifier {
    public let channel: String
    public let settings: Settings
    let client: SMTPClient
    let logger: Logger
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - channel: the name routes use (`email`).
    ///   - clock: the mail's `Date`.
    public init(channel: String = "email", settings: Settings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "assay.email"), clock: @escaping @Sendable () -> Date = Date.init) {
        self.channel = channel
        self.settings = settings
        var logger = logger
        logger[metadataKey: "channel"] = "\(channel)"
        self.logger = logger
        self.clock = clock
        client = SMTPClient(configuration: settings.clientConfiguration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    public func deliver(_ message: AlertMessage) async -> DeliveryStateMachine.Outcome {
        do {
            let mail = try MailMessage(alert: message, from: settings.from, fromName: settings.fromName, to: recipients(of: message), date: clock())
            let receipt = try await client.send(mail)
            if !receipt.refused.isEmpty {
                let refused = receipt.refused.map { "\($0.recipient): \($0.reply)" }.joined(separator: "; ")
                logger.warning("email sent, but some recipients were refused",
                               metadata: ["event": "\(message.eventID)", "accepted": "\(receipt.accepted.joined(separator: ", "))", "refused": "\(refused)"])
            }
            return .delivered
        } catch {
            return Self.outcome(error, channel: channel)
        }
    }

    /// An SMTP failure in the delivery state machine's terms.
    static func outcome(_ error: SMTPError, channel: String) -> DeliveryStateMachine.Outcome {
        let reason = "\(channel): \(error)"
        return error.isTransient ? .retryable(reason: reason, retryAfterSeconds: nil) : .permanent(reason: reason)
    }
}
