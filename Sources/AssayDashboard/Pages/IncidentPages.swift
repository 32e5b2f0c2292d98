import AssayCore
import AssayMonitorCore
import AssayStore
import Foundation

/// The monitor's incidents, newest first; with no status filter the unresolved ones (open, acknowledged,
/// suppressed) come before the resolved ones.
public struct IncidentListPage: Sendable, Hashable {
    /// Only incidents in this status; `nil`: all of them.
    public var status: Incident.Status?
    public var incidents: [Incident]
    /// "Now", for each incident's age.
    public var now: Date
    public var days: Int

    public init(status: Incident.Status?, incidents: [Incident], now: Date, days: Int) {
        self.status = status
        self.incidents = incidents.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if (x.status == .resolved) != (y.status == .resolved) { return y.status == .resolved }
            if x.openedAt != y.openedAt { return x.openedAt > y.openedAt }
            return a.offset < b.offset
        }.map(\.element)
        self.now = now
        self.days = days
    }
}

/// One incident: its fields, its timeline, the alerts it caused with their delivery state, and what a person may do
/// to it when the server can act on incidents (the monitor).
public struct IncidentPage: Sendable, Hashable {
    /// One moment in the incident's life.
    public struct Event: Sendable, Hashable {
        public var at: Date
        public var what: String
    }

    public var suite: String
    public var incident: Incident
    /// Its deliveries, the newest queued first (one per channel of each alert).
    public var deliveries: [QueuedAlert]
    public var now: Date
    public var days: Int
    /// Whether the server takes commands (acknowledge, resolve, suppress); a read-only server shows no forms.
    public var acceptsCommands: Bool
    /// What the last command did, or why it did not apply.
    public var notice: String?
    /// Remediation entered on the incident (moves, flags, fixes, restores), newest first.
    public var remediations: [RemediationEntry] = []

    public init(suite: String, incident: Incident, deliveries: [QueuedAlert], now: Date, days: Int, acceptsCommands: Bool,
                notice: String? = nil) {
        self.suite = suite
        self.incident = incident
        self.deliveries = deliveries
        self.now = now
        self.days = days
        self.acceptsCommands = acceptsCommands
        self.notice = notice
    }

    /// The incident's life in time order: from its fields (opened, acknowledged, suppressed until, last seen,
    /// resolved) and from the alerts it queued (each escalation, reminder and reopening is an alert; the deliveries
    /// table says whether each reached its channel).
    public var timeline: [Event] {
        let i = incident
        var events: [Event] = []
        if let bad = i.firstBadRowAt, bad < i.openedAt { events.append(Event(at: bad, what: "first bad row written")) }
        events.append(Event(at: i.openedAt, what: "opened: " + i.message))
        var seen = Set<String>()
        for alert in deliveries.reversed() where seen.insert(alert.event.id).inserted {
            events.append(Event(at: alert.event.at, what: Self.describe(alert.event.kind)))
        }
        if let at = i.acknowledgedAt { events.append(Event(at: at, what: "acknowledged by " + (i.acknowledgedBy ?? "someone"))) }
        events.append(Event(at: i.lastSeenAt, what: "last seen failing (\(i.failingRuns) failing run\(i.failingRuns == 1 ? "" : "s"))"))
        if let until = i.suppressedUntil { events.append(Event(at: until, what: "suppression ends")) }
        if let at = i.resolvedAt { events.append(Event(at: at, what: Self.describe(i.resolution))) }
        return events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The commands that apply to the incident as it is: none once resolved.
    public var applicableCommands: [String] {
        guard acceptsCommands, incident.status != .resolved else { return [] }
        return (incident.acknowledgedAt == nil ? ["ack"] : []) + ["resolve", "suppress"]
    }

    private static func describe(_ kind: AlertEvent.Kind) -> String {
        switch kind {
        case .opened: "alert queued: opened"
        case .escalated: "alert queued: escalated (nobody acknowledged in time)"
        case .repeated: "alert queued: reminder, still open"
        case .acknowledged: "alert queued: acknowledged"
        case .resolved: "alert queued: resolved"
        case .reopened: "alert queued: reopened"
        }
    }

    private static func describe(_ resolution: Incident.Resolution?) -> String {
        switch resolution {
        case .passed(let runs)?: "resolved: the check passed \(runs) run\(runs == 1 ? "" : "s") in a row"
        case .manual(let by, let note)?: "resolved by " + by + (note.map { ": " + $0 } ?? "")
        case nil: "resolved"
        }
    }
}

/// The alert outbox's deliveries, the newest queued first, for one state or all.
public struct AlertListPage: Sendable, Hashable {
    public var status: QueuedAlert.Status?
    public var deliveries: [QueuedAlert]
    public var days: Int

    public init(status: QueuedAlert.Status?, deliveries: [QueuedAlert], days: Int) {
        self.status = status
        self.deliveries = deliveries
        self.days = days
    }
}

/// The overview's incident panel: the unresolved incidents by severity, the newest few, and the outbox's state.
public struct IncidentSummary: Sendable, Hashable {
    /// Unresolved incidents (open, acknowledged or suppressed), newest first.
    public var unresolved: [Incident]
    public var outbox: OutboxSummary
    /// How many of the newest the overview lists.
    public var shown: Int

    public init(unresolved: [Incident], outbox: OutboxSummary, shown: Int = 5) {
        self.unresolved = unresolved.sorted { $0.openedAt > $1.openedAt }
        self.outbox = outbox
        self.shown = shown
    }

    /// Unresolved incidents per severity, the most severe first (severities without one left out).
    public var bySeverity: [(severity: Severity, count: Int)] {
        Severity.allCases.reversed().compactMap { s in
            let n = unresolved.count { $0.severity == s }
            return n == 0 ? nil : (s, n)
        }
    }
}
