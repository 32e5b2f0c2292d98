import AssayCore
import Foundation

/// One alert to send: what happened to which incident.
public struct AlertEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case opened, escalated, repeated, acknowledged, resolved, reopened
    }

    /// Stable across retries and restarts: receivers use it to drop repeats.
    public var id: String
    public var kind: Kind
    public var incident: Incident
    public var at: Date

    public init(id: String, kind: Kind, incident: Incident, at: Date) {
        self.id = id
        self.kind = kind
        self.incident = incident
        self.at = at
    }

    /// The alert an incident action calls for, if any.
    public init?(_ action: IncidentStateMachine.Action, id: String, at: Date) {
        let pair: (Kind, Incident)
        switch action {
        case .opened(let i): pair = (.opened, i)
        case .escalated(let i): pair = (.escalated, i)
        case .repeated(let i): pair = (.repeated, i)
        case .acknowledged(let i): pair = (.acknowledged, i)
        case .resolved(let i): pair = (.resolved, i)
        case .reopened(let i): pair = (.reopened, i)
        case .none, .updated, .suppressed, .rejected: return nil
        }
        self.init(id: id, kind: pair.0, incident: pair.1, at: at)
    }
}

/// Holds a route's alerts of one table for the route's grouping wait and releases them as one message; applies
/// quiet hours and the digest rule. Pure: the dispatcher calls ``add(_:route:now:)`` and ``tick(now:)``.
public struct AlertGrouper: Sendable {
    /// A message: one or more alerts of one table, for one route's channels.
    public struct Message: Sendable, Hashable {
        public var route: String
        public var channels: [String]
        public var table: String
        public var alerts: [AlertEvent]
    }

    private struct Key: Hashable { var route: String, table: String }
    private struct Group { var route: AlertRoute, due: Date, alerts: [AlertEvent] }
    private var groups: [Key: Group] = [:]

    public init() {}

    /// Alerts waiting, for `/metrics` and the dashboard.
    public var waiting: Int { groups.values.reduce(0) { $0 + $1.alerts.count } }

    /// Takes an alert for `route`; returns the messages due now (an alert of a route without a wait, that is not
    /// held by quiet hours, goes out at once).
    public mutating func add(_ alert: AlertEvent, route: AlertRoute, now: Date) -> [Message] {
        let release = route.quietHours?.release(of: alert.incident.severity, at: now) ?? now
        let key = Key(route: route.name, table: alert.incident.table)
        let due = max(release, now.addingTimeInterval(route.groupWaitSeconds))
        if var group = groups[key] {
            group.alerts.append(alert)
            group.due = max(group.due, release)
            groups[key] = group
        } else {
            groups[key] = Group(route: route, due: due, alerts: [alert])
        }
        return tick(now: now)
    }

    /// The groups whose wait is over, as messages (a digest route's group without a FAIL, an ERROR or more than 5
    /// WARN is dropped from the digest: its incidents are still in the store and on the dashboard).
    public mutating func tick(now: Date) -> [Message] {
        var out: [Message] = []
        for (key, group) in groups where group.due <= now {
            groups[key] = nil
            if group.route.digest, !Self.digestWorthy(group.alerts) { continue }
            out.append(Message(route: group.route.name, channels: group.route.channels, table: key.table, alerts: group.alerts))
        }
        return out.sorted { ($0.route, $0.table) < ($1.route, $1.table) }
    }

    /// When the next group is due, for the dispatcher's sleep.
    public var nextDue: Date? { groups.values.map(\.due).min() }

    /// The seed's rule: any FAIL (or ERROR), or more than five WARN.
    static func digestWorthy(_ alerts: [AlertEvent]) -> Bool {
        alerts.contains { $0.incident.worst >= .fail } || alerts.filter { $0.incident.worst == .warn }.count > 5
    }
}
