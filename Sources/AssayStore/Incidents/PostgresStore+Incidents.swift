import AssayCore
import AssayMonitorCore
import Foundation
import PostgresNIO

extension PostgresStore: IncidentStore {
    public func save(_ record: IncidentRecord, alerts: [QueuedAlert]) async throws(StoreError) {
        guard let incident = IncidentCoding.incident(of: record.state) else { return }
        let state = try IncidentCoding.encode(record.state)
        var alertRows: [[StoreValue]] = []
        for alert in alerts { alertRows.append(try Self.row(of: alert, incident: incident.id)) }
        let incidentRow: [StoreValue] = [.text(incident.id), .text(record.suite), .text(record.check.rawValue), .text(incident.table),
                                          .text(incident.severity.rawValue), .text(incident.status.rawValue),
                                          .text(InstantText.string(incident.openedAt)), .text(InstantText.string(Date())), .text(state)]
        let queued = alertRows
        try await write { connection in
            try await connection.execute("""
                INSERT INTO incidents (id, suite, check_key, table_name, severity, status, opened_at, updated_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, status = excluded.status,
                  updated_at = excluded.updated_at, state = excluded.state
                """, incidentRow)
            for row in queued {
                try await connection.execute("""
                    INSERT INTO alerts (event_id, channel, incident, kind, route, queued_at, status, not_before, attempts, delivery, event)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (event_id, channel) DO NOTHING
                    """, row)
            }
        }
    }

    /// An alert's row of the `alerts` table (a function of its own: Swift 6.3's optimizer crashed on it inline).
    private static func row(of alert: QueuedAlert, incident: String) throws(StoreError) -> [StoreValue] {
        let delivery = try IncidentCoding.encode(alert.delivery)
        let event = try IncidentCoding.encode(alert.event)
        let notBefore = StoreValue(alert.notBefore.map(InstantText.string))
        return [.text(alert.event.id), .text(alert.channel), .text(incident), .text(alert.event.kind.rawValue), .text(alert.route),
                .text(InstantText.string(alert.queuedAt)), .text(alert.statusName), notBefore, .text(delivery), .text(event)]
    }

    public func incidentStates(suite: String) async throws(StoreError) -> [IncidentRecord] {
        let rows = try await read { connection in
            try await connection.rows("""
                SELECT check_key, state FROM incidents i WHERE suite = ? AND opened_at =
                  (SELECT max(opened_at) FROM incidents j WHERE j.suite = i.suite AND j.check_key = i.check_key)
                ORDER BY check_key, id
                """, [.text(suite)]).map { (try $0.text(required: "check_key"), try $0.text(required: "state")) }
        }
        return try IncidentCoding.records(suite: suite, rows)
    }

    public func incidents(status: Incident.Status?, last: Int) async throws(StoreError) -> [Incident] {
        let states = try await read { connection in
            try await connection.rows("""
                SELECT state FROM incidents WHERE (?::text IS NULL OR status = ?) ORDER BY opened_at DESC, id DESC LIMIT ?
                """, [StoreValue(status?.rawValue), StoreValue(status?.rawValue), StoreValue(max(0, last))]).map { try $0.text(required: "state") }
        }
        return try IncidentCoding.incidents(states)
    }

    public func incident(id: String) async throws(StoreError) -> IncidentRecord {
        let row = try await read { connection in
            try await connection.rows("SELECT suite, check_key, state FROM incidents WHERE id = ?", [.text(id)]).first.map {
                (try $0.text(required: "suite"), try $0.text(required: "check_key"), try $0.text(required: "state"))
            }
        }
        guard let row else { throw StoreError(.notFound, "no incident \(id) in the store \(displayName)") }
        return IncidentRecord(suite: row.0, check: CheckKey(row.1),
                              state: try IncidentCoding.decode(IncidentStateMachine.State.self, row.2, what: "incident \(id)"))
    }

    public func dueDeliveries(now: Date, limit: Int) async throws(StoreError) -> [QueuedAlert] {
        let rows = try await read { connection in
            try await connection.rows("""
                SELECT channel, route, queued_at, delivery, event FROM alerts
                WHERE (status = 'pending' AND not_before <= ?) OR status = 'sending'
                ORDER BY queued_at, event_id, channel LIMIT ?
                """, [.text(InstantText.string(now)), StoreValue(max(0, limit))]).map {
                (try $0.text(required: "channel"), try $0.text(required: "route"), try $0.text(required: "queued_at"),
                 try $0.text(required: "delivery"), try $0.text(required: "event"))
            }
        }
        return try IncidentCoding.deliveries(rows, now: now)
    }

    public func update(_ delivery: QueuedAlert) async throws(StoreError) {
        try await update([delivery])
    }

    public func update(_ deliveries: [QueuedAlert]) async throws(StoreError) {
        guard !deliveries.isEmpty else { return }
        let rows: [[StoreValue]] = try deliveries.map { delivery throws(StoreError) in
            [.text(delivery.statusName), StoreValue(delivery.notBefore.map(InstantText.string)), StoreValue(delivery.attempts),
             .text(try IncidentCoding.encode(delivery.delivery)), .text(delivery.event.id), .text(delivery.channel)]
        }
        try await write { connection in
            for values in rows {
                try await connection.execute("""
                    UPDATE alerts SET status = ?, not_before = ?, attempts = ?, delivery = ? WHERE event_id = ? AND channel = ?
                    """, values)
            }
        }
    }

    public func deliveries(incident: String?, status: QueuedAlert.Status?, last: Int) async throws(StoreError) -> [QueuedAlert] {
        let values: [StoreValue] = [StoreValue(incident), StoreValue(incident), StoreValue(status?.rawValue), StoreValue(status?.rawValue),
                                    StoreValue(max(0, last))]
        let rows = try await read { connection in
            try await connection.rows("""
                SELECT channel, route, queued_at, delivery, event FROM alerts
                WHERE (?::text IS NULL OR incident = ?) AND (?::text IS NULL OR status = ?)
                ORDER BY queued_at DESC, event_id DESC, channel LIMIT ?
                """, values).map {
                (try $0.text(required: "channel"), try $0.text(required: "route"), try $0.text(required: "queued_at"),
                 try $0.text(required: "delivery"), try $0.text(required: "event"))
            }
        }
        return try IncidentCoding.deliveries(rows, now: Date())
    }

    public func outboxSummary() async throws(StoreError) -> OutboxSummary {
        try await read { connection in
            var counts: [String: Int] = [:]
            for row in try await connection.rows("SELECT status, count(*) AS n FROM alerts GROUP BY status") {
                counts[try row.text(required: "status")] = try row.integer(required: "n")
            }
            let oldest = try await connection.rows("SELECT min(queued_at) AS oldest FROM alerts WHERE status IN ('pending', 'sending')")
                .first?.text("oldest")
            return OutboxSummary(pending: counts["pending"] ?? 0, sending: counts["sending"] ?? 0, sent: counts["sent"] ?? 0,
                                 failed: counts["failed"] ?? 0, oldestUnsent: oldest.flatMap(InstantText.date))
        }
    }
}
