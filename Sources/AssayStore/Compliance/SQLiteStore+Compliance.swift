import AssayCore
import AssayMonitorCore
import Foundation
import GRDB

extension SQLiteStore: ComplianceStore {
    public func complianceTimelines(suite: String, period: CompliancePeriod) async throws(StoreError) -> [CheckTimeline] {
        let (from, to) = (period.fromMilliseconds, period.toMilliseconds)
        let read: ([ComplianceSQL.Row], [String: String])
        do {
            read = try await pool.read { db in
                let rows = try Row.fetchAll(db, sql: ComplianceSQL.timelines, arguments: [from, to, suite]).map(ComplianceSQL.Row.init)
                var before: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: ComplianceSQL.before, arguments: [from, suite]) {
                    if let status: String = row["status"] { before[row["check_key"]] = status }
                }
                return (rows, before)
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try ComplianceSQL.timelines(read.0, before: read.1)
    }

    public func complianceIncidents(suite: String, period: CompliancePeriod) async throws(StoreError) -> [Incident] {
        let states: [String]
        do {
            states = try await pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT state FROM incidents WHERE suite = ? AND opened_at < ?
                      AND (status <> 'RESOLVED' OR json_extract(state, '$.resolved._0.resolvedAt') >= ?)
                    ORDER BY opened_at, id
                    """, arguments: [suite, InstantText.string(period.to), ComplianceSQL.seconds(period.from)])
            }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try IncidentCoding.incidents(states)
    }
}
