import AssayCore
import AssayMonitorCore
import AsyncHTTPClient
import Foundation

/// PagerDuty's Events API v2: one event per alert, keyed by the incident's id.
public struct PagerDutyNotifier: Notifier {
    public let channel: String
    let routingKey: String
    let endpoint: String
    let source: String
    let delivery: HTTPDelivery

    public init(channel: String = "pagerduty", routingKey: String, source: String,
                endpoint: String = "https://events.pagerduty.com/v2/enqueue", client: HTTPClient = .alerting, timeout: Duration = .seconds(10)) {
        self.channel = channel
        self.routingKey = routingKey
        self.endpoint = endpoint
        self.source = source
        delivery = HTTPDelivery(client: client, timeout: timeout, channel: channel)
    }

    /// Every alert's event; the first outcome that is not a delivery is the message's.
    public func deliver(_ message: AlertMessage) async -> DeliveryStateMachine.Outcome {
        for alert in message.alerts {
            guard let body = try? JSONEncoder().encode(PagerDutyEvent(alert, routingKey: routingKey, source: source)) else {
                return .permanent(reason: "\(channel): the event cannot be encoded")
            }
            let outcome = await delivery.post(endpoint, body: body, headers: [])
            if outcome != .delivered { return outcome }
        }
        return .delivered
    }
}
