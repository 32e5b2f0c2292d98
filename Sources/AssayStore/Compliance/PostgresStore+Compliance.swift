import AssayCore
import AssayMonitorCore
import Foundation
import PostgresNIO

extension PostgresStore: ComplianceStore {
    public func complianceTimelines(suite: String, period: CompliancePeriod) async throws(StoreError) -> [CheckTimeline] {
        let (from, to) = (period.fromMilliseconds, period.toMilliseconds)
        let (rows, before) = try await read { connection in
            let rows = try await connection.rows(ComplianceSQL.timelines, [.integer(from), .integer(to), .text(suite)]).map(ComplianceSQL.Row.init)
            var before: [String: String] = [:]
            for row in try await connection.rows(ComplianceSQL.before, [.integer(from), .text(suite)]) {
                if let status = try row.text("status") { before[try row.text(required: "check_key")] = status }
            }
            return (rows, before)
        }
        return try ComplianceSQL.timelines(rows, before: before)
    }

    public func complianceIncidents(suite: String, period: CompliancePeriod) async throws(StoreError) -> [Incident] {
        let values: [StoreValue] = [.text(suite), .text(InstantText.string(period.to)), .real(ComplianceSQL.seconds(period.from))]
        let states = try await read { connection in
            try await connection.rows("""
                SELECT state FROM incidents WHERE suite = ? AND opened_at < ?
                  AND (status <> 'RESOLVED' OR (state::jsonb #>> '{resolved,_0,resolvedAt}')::double precision >= ?)
                ORDER BY opened_at, id
                """, values).map { try $0.text(required: "state") }
        }
        return try IncidentCoding.incidents(states)
    }
}
