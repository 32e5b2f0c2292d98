import AssayCore
import Foundation

/// The words of an alert message, shared by every channel: a subject line and one entry per alert (the seed's
/// fields: incident id, table, severity, description, affected records, detected at). Personal data never reaches
/// here: messages carry the check's message, which holds counts, not values.
public struct AlertText: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var title: String
        public var fields: [(name: String, value: String)]

        public static func == (a: Entry, b: Entry) -> Bool {
            a.title == b.title && a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(title)
            for field in fields { hasher.combine(field.name); hasher.combine(field.value) }
        }
    }

    public var subject: String
    public var entries: [Entry]
    /// Where a person sees more (the dashboard's incident page), when the monitor knows its address.
    public var link: String?

    /// The text of a message of alerts of one table.
    public init(table: String, alerts: [AlertEvent], dashboard: String? = nil) {
        let worst = alerts.map(\.incident.severity).max() ?? .low
        let kinds = Set(alerts.map(\.kind))
        let verb = kinds == [.resolved] ? "resolved" : kinds == [.escalated] ? "escalated" : kinds == [.acknowledged] ? "acknowledged" : "data quality incident"
        let count = alerts.count == 1 ? "" : " (\(alerts.count) alerts)"
        subject = "[\(worst.rawValue)] \(table): \(verb)\(count)"
        entries = alerts.map { alert in
            let i = alert.incident
            var fields: [(String, String)] = [
                ("Incident ID", i.id), ("Table", i.table), ("Check", i.check.rawValue), ("Severity", i.severity.rawValue),
                ("Status", "\(i.status.rawValue) (latest run \(i.latest.rawValue))"), ("Description", i.message),
            ]
            if let affected = i.affectedRecords { fields.append(("Affected Records", affected.grouped)) }
            if let radius = i.blastRadius, !radius.assets.isEmpty { fields.append(("Downstream", radius.summary())) }
            fields.append(("Detected At", InstantText.string(i.openedAt)))
            if let resolved = i.resolvedAt { fields.append(("Resolved At", InstantText.string(resolved))) }
            if i.escalations > 0 { fields.append(("Escalations", "\(i.escalations)")) }
            return Entry(title: "\(Self.label(alert.kind)): \(i.check.rawValue)", fields: fields)
        }
        link = dashboard
    }

    /// The whole text, for plain-text channels (email's text part, a webhook's `text`).
    public var plain: String {
        var out = subject + "\n"
        for entry in entries {
            out += "\n" + entry.title + "\n"
            for field in entry.fields { out += "  \(field.name): \(field.value)\n" }
        }
        if let link { out += "\nDashboard: \(link)\n" }
        return out
    }

    static func label(_ kind: AlertEvent.Kind) -> String {
        switch kind {
        case .opened: "Opened"
        case .reopened: "Reopened"
        case .escalated: "Escalated"
        case .repeated: "Still open"
        case .acknowledged: "Acknowledged"
        case .resolved: "Resolved"
        }
    }

}
