import AssayMonitorCore
import Foundation

/// A channel alert messages are delivered on (webhook, Slack, PagerDuty, email). Delivering never throws: it says
/// how the attempt went, in the terms the delivery state machine retries by.
public protocol Notifier: Sendable {
    /// The channel's name in routes (`slack`, `pagerduty`, a webhook's name).
    var channel: String { get }
    /// One attempt to deliver `message`; the same message (and event id) on every retry.
    func deliver(_ message: AlertMessage) async -> DeliveryStateMachine.Outcome
}

/// What goes out on a channel: the alerts of one table for one route, with their words.
public struct AlertMessage: Sendable, Hashable {
    /// Stable for the same alerts: the alert's own id, or a digest of a group's ids. Receivers drop repeats by it.
    public var eventID: String
    public var table: String
    public var alerts: [AlertEvent]
    public var text: AlertText

    public init(table: String, alerts: [AlertEvent], dashboard: String? = nil) {
        self.table = table
        self.alerts = alerts
        text = AlertText(table: table, alerts: alerts, dashboard: dashboard)
        let ids = alerts.map(\.id).sorted()
        eventID = ids.count == 1 ? ids[0] : "group-" + Self.digest(ids.joined(separator: "\n"))
    }

    /// FNV-1a 64 of `text`, in hex.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
