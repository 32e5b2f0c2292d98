import AssayCore
import AssayMonitorCore
import Foundation
import GRDB

extension SQLiteStore: IncidentStore {
    public func save(_ record: IncidentRecord, alerts: [QueuedAlert]) async throws(StoreError) {
        guard let incident = IncidentCoding.incident(of: record.state) else { return }
        let state = try IncidentCoding.encode(record.state)
        // Every value taken out of the alerts before the transaction (Swift 6.3's optimizer crashed on reading them in it).
        var rows: [StatementArguments] = []
        for alert in alerts {
            let values: [(any DatabaseValueConvertible)?] = [
                alert.event.id, alert.channel, incident.id, alert.event.kind.rawValue, alert.route, InstantText.string(alert.queuedAt),
                alert.statusName, alert.notBefore.map(InstantText.string), try IncidentCoding.encode(alert.delivery),
                try IncidentCoding.encode(alert.event)]
            rows.append(StatementArguments(values))
        }
        let now = InstantText.string(Date())
        let alertRows = rows
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO incidents (id, suite, check_key, table_name, severity, status, opened_at, updated_at, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, status = excluded.status,
                      updated_at = excluded.updated_at, state = excluded.state
                    """, arguments: [incident.id, record.suite, record.check.rawValue, incident.table, incident.severity.rawValue,
                                     incident.status.rawValue, InstantText.string(incident.openedAt), now, state])
                for arguments in alertRows {
                    try db.execute(sql: """
                        INSERT INTO alerts (event_id, channel, incident, kind, route, queued_at, status, not_before, attempts, delivery, event)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT(event_id, channel) DO NOTHING
                        """, arguments: arguments)
                }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func incidentStates(suite: String) async throws(StoreError) -> [IncidentRecord] {
        let rows: [(String, String)]
        do {
            rows = try await pool.read { db in
                // Each check's newest incident: the row whose opening is the latest for its check.
                try Row.fetchAll(db, sql: """
                    SELECT check_key, state FROM incidents i WHERE suite = ? AND opened_at =
                      (SELECT max(opened_at) FROM incidents j WHERE j.suite = i.suite AND j.check_key = i.check_key)
                    ORDER BY check_key, id
                    """, arguments: [suite]).map { ($0[0], $0[1]) }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try IncidentCoding.records(suite: suite, rows)
    }

    public func incidents(status: Incident.Status?, last: Int) async throws(StoreError) -> [Incident] {
        let states: [String]
        do {
            states = try await pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT state FROM incidents WHERE (? IS NULL OR status = ?) ORDER BY opened_at DESC, id DESC LIMIT ?
                    """, arguments: [status?.rawValue, status?.rawValue, max(0, last)])
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try IncidentCoding.incidents(states)
    }

    public func incident(id: String) async throws(StoreError) -> IncidentRecord {
        let row: (String, String, String)?
        do {
            row = try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT suite, check_key, state FROM incidents WHERE id = ?", arguments: [id]).map { ($0[0], $0[1], $0[2]) }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        guard let row else { throw StoreError(.notFound, "no incident \(id) in the store \(path)") }
        return IncidentRecord(suite: row.0, check: CheckKey(row.1),
                              state: try IncidentCoding.decode(IncidentStateMachine.State.self, row.2, what: "incident \(id)"))
    }

    public func dueDeliveries(now: Date, limit: Int) async throws(StoreError) -> [QueuedAlert] {
        let rows: [(String, String, String, String, String)]
        do {
            rows = try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT channel, route, queued_at, delivery, event FROM alerts
                    WHERE (status = 'pending' AND not_before <= ?) OR status = 'sending'
                    ORDER BY queued_at, event_id, channel LIMIT ?
                    """, arguments: [InstantText.string(now), max(0, limit)]).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try IncidentCoding.deliveries(rows, now: now)
    }

    public func update(_ delivery: QueuedAlert) async throws(StoreError) {
        try await update([delivery])
    }

    public func update(_ deliveries: [QueuedAlert]) async throws(StoreError) {
        guard !deliveries.isEmpty else { return }
        let rows = try deliveries.map { delivery throws(StoreError) in (delivery, try IncidentCoding.encode(delivery.delivery)) }
        do {
            try await pool.write { db in
                for (delivery, state) in rows {
                    try db.execute(sql: """
                        UPDATE alerts SET status = ?, not_before = ?, attempts = ?, delivery = ? WHERE event_id = ? AND channel = ?
                        """, arguments: [delivery.statusName, delivery.notBefore.map(InstantText.string), delivery.attempts, state,
                                         delivery.event.id, delivery.channel])
                }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func deliveries(incident: String?, status: QueuedAlert.Status?, last: Int) async throws(StoreError) -> [QueuedAlert] {
        let rows: [(String, String, String, String, String)]
        do {
            rows = try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT channel, route, queued_at, delivery, event FROM alerts
                    WHERE (? IS NULL OR incident = ?) AND (? IS NULL OR status = ?)
                    ORDER BY queued_at DESC, event_id DESC, channel LIMIT ?
                    """, arguments: [incident, incident, status?.rawValue, status?.rawValue, max(0, last)]).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try IncidentCoding.deliveries(rows, now: Date())
    }

    public func outboxSummary() async throws(StoreError) -> OutboxSummary {
        do {
            return try await pool.read { db in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM alerts GROUP BY status") { counts[row[0]] = row[1] }
                let oldest = try String.fetchOne(db, sql: "SELECT min(queued_at) FROM alerts WHERE status IN ('pending', 'sending')")
                return OutboxSummary(pending: counts["pending"] ?? 0, sending: counts["sending"] ?? 0, sent: counts["sent"] ?? 0,
                                     failed: counts["failed"] ?? 0, oldestUnsent: oldest.flatMap(InstantText.date))
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }
}
