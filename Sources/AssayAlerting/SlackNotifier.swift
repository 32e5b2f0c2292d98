import AssayCore
import AssayMonitorCore
import AsyncHTTPClient
import Foundation

/// A Slack incoming webhook: the message in Block Kit, within Slack's limits.
public struct SlackNotifier: Notifier {
    public let channel: String
    let url: WebhookURL
    let delivery: HTTPDelivery

    public init(channel: String = "slack", url: WebhookURL, client: HTTPClient = .alerting, timeout: Duration = .seconds(10)) {
        self.channel = channel
        self.url = url
        delivery = HTTPDelivery(client: client, timeout: timeout, channel: channel)
    }

    public func deliver(_ message: AlertMessage) async -> DeliveryStateMachine.Outcome {
        guard let body = try? JSONEncoder().encode(SlackMessage(message.text)) else {
            return .permanent(reason: "\(channel): the message cannot be encoded")
        }
        return await delivery.post(url.url, body: body, headers: [])
    }
}
