import Assay
import AssayMonitorCore
import Foundation

/// What the pages read of the monitor's incidents and alert outbox; a store that keeps none has none.
struct IncidentReads {
    let store: any ResultStore

    private var kept: (any IncidentStore)? { store as? any IncidentStore }

    /// How many incidents or deliveries a page lists at most.
    static let pageSize = 200

    /// Incidents in `status`, or all of them, newest first; all: the unresolved ones first.
    func list(status: Incident.Status?, last: Int = pageSize) async throws(StoreError) -> [Incident] {
        guard let kept else { return [] }
        if let status { return try await kept.incidents(status: status, last: last) }
        // Every status on its own, so a long history of resolved incidents cannot push out an open one.
        var all: [Incident] = []
        for status in [Incident.Status.open, .acknowledged, .suppressed, .resolved] {
            all += try await kept.incidents(status: status, last: last)
        }
        return Array(IncidentListPage(status: nil, incidents: all, now: Date(), days: 1).incidents.prefix(last))
    }

    /// The overview's panel; `nil` for a store that keeps no incidents.
    func summary() async throws(StoreError) -> IncidentSummary? {
        guard let kept else { return nil }
        var unresolved: [Incident] = []
        for status in [Incident.Status.open, .acknowledged, .suppressed] {
            unresolved += try await kept.incidents(status: status, last: 1_000)
        }
        return IncidentSummary(unresolved: unresolved, outbox: try await kept.outboxSummary())
    }

    /// The check's latest incident in `suite`, if any.
    func current(_ key: CheckKey, suite: String) async throws(StoreError) -> Incident? {
        try await kept?.incidentStates(suite: suite).first { $0.check == key }?.state.incident
    }

    /// One incident's page.
    /// - Throws: ``StoreError`` `notFound` for an unknown id.
    func page(_ id: String, now: Date, days: Int, acceptsCommands: Bool, notice: String? = nil) async throws(StoreError) -> IncidentPage {
        guard let kept else { throw StoreError(.notFound, "the store keeps no incidents") }
        let record = try await kept.incident(id: id)
        guard let incident = record.state.incident else { throw StoreError(.notFound, "no incident \(id)") }
        var page = IncidentPage(suite: record.suite, incident: incident, deliveries: try await kept.deliveries(incident: id, status: nil, last: Self.pageSize),
                                now: now, days: days, acceptsCommands: acceptsCommands, notice: notice)
        page.remediations = try await (kept as? any RemediationLog)?.remediations(run: nil, check: nil, incident: id, last: Self.pageSize) ?? []
        return page
    }

    /// The outbox's deliveries in `status`, or all, newest first.
    func deliveries(status: QueuedAlert.Status?) async throws(StoreError) -> [QueuedAlert] {
        try await kept?.deliveries(incident: nil, status: status, last: Self.pageSize) ?? []
    }
}
