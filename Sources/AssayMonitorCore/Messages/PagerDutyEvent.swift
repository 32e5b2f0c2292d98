import AssayCore
import Foundation

/// A PagerDuty Events API v2 event: the incident's id is the `dedup_key`, so opening, acknowledging and resolving
/// act on one PagerDuty incident, and a repeat of the same event changes nothing.
public struct PagerDutyEvent: Sendable, Hashable, Encodable {
    public struct Payload: Sendable, Hashable, Encodable {
        var summary: String
        var source: String
        var severity: String
        var timestamp: String
        var component: String
        var group: String
        var customDetails: [String: String]

        enum CodingKeys: String, CodingKey {
            case summary, source, severity, timestamp, component, group
            case customDetails = "custom_details"
        }
    }

    public var routingKey: String
    public var eventAction: String
    public var dedupKey: String
    public var payload: Payload?

    enum CodingKeys: String, CodingKey {
        case routingKey = "routing_key", eventAction = "event_action", dedupKey = "dedup_key", payload
    }

    /// PagerDuty's summary limit.
    public static let summaryLimit = 1_024

    /// - Parameter source: where the events come from (the monitor's host and suite).
    public init(_ alert: AlertEvent, routingKey: String, source: String) {
        let incident = alert.incident
        self.routingKey = routingKey
        dedupKey = incident.id
        switch alert.kind {
        case .acknowledged: eventAction = "acknowledge"
        case .resolved: eventAction = "resolve"
        case .opened, .reopened, .escalated, .repeated: eventAction = "trigger"
        }
        guard eventAction == "trigger" else { payload = nil; return }
        let summary = "[\(incident.severity.rawValue)] \(incident.table) \(incident.check.rawValue): \(incident.message)"
        var details = ["check": incident.check.rawValue, "status": incident.latest.rawValue,
                       "affected_records": incident.affectedRecords.map(String.init) ?? "unknown",
                       "opened_at": InstantText.string(incident.openedAt), "event_id": alert.id]
        if let radius = incident.blastRadius, !radius.assets.isEmpty {
            details["downstream"] = radius.assets.map(\.name).joined(separator: ", ")
            details["regulatory_reports_at_risk"] = radius.reports.map(\.name).joined(separator: ", ")
            details["downstream_owners"] = radius.owners.joined(separator: ", ")
        }
        payload = Payload(summary: SlackMessage.cut(summary, to: Self.summaryLimit), source: source,
                          severity: Self.severity(incident.severity), timestamp: InstantText.string(alert.at),
                          component: incident.table, group: "data-quality", customDetails: details)
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "critical"
        case .high: "error"
        case .medium: "warning"
        case .low: "info"
        }
    }
}
