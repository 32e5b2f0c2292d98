import AssayCore
import AssayMonitorCore
import Foundation
import PostgresNIO

extension PostgresStore: ComplianceStore {
    public func complianceTimelines(suite: String, period: CompliancePeriod) async throws(StoreError) -> [CheckTimeline] {
        try await read { connection in
            // One snapshot for every statement, so a run recorded or pruned meanwhile is wholly in or out.
            try await connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let timelines = try await Self.timelines(connection, suite: suite, period: period)
                try await connection.execute("COMMIT")
                return timelines
            } catch {
                try? await connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    private static func timelines(_ connection: PostgresConnection, suite: String, period: CompliancePeriod) async throws -> [CheckTimeline] {
        let (from, to) = (period.fromMilliseconds, period.toMilliseconds)
        // Each check's runs per UTC day of the period, in one grouped pass.
        let buckets = try await connection.rows("""
            SELECT r.check_key AS check_key, r.started_ms / \(ComplianceSQL.day) AS day, count(*) AS runs,
                   count(*) FILTER (WHERE r.status = 'PASS') AS pass, count(*) FILTER (WHERE r.status = 'WARN') AS warn,
                   count(*) FILTER (WHERE r.status = 'FAIL') AS fail,
                   min(r.status COLLATE "C") AS lowest, max(r.status COLLATE "C") AS highest
            FROM results r JOIN runs u ON u.id = r.run AND u.suite = ?
            WHERE r.started_ms >= ? AND r.started_ms < ?
            GROUP BY 1, 2 ORDER BY 1, 2
            """, [.text(suite), .integer(from), .integer(to)]).map { row in
            ComplianceSQL.Bucket(check: try row.text(required: "check_key"), day: Int64(try row.integer(required: "day")),
                                 runs: try row.integer(required: "runs"), pass: try row.integer(required: "pass"),
                                 warn: try row.integer(required: "warn"), fail: try row.integer(required: "fail"),
                                 lowest: try row.text(required: "lowest"), highest: try row.text(required: "highest"))
        }
        // The days read row by row, a thousand days a statement, each a range of the results key (LATERAL, so that each
        // is an index range scan rather than a join over the whole table); only each day's first row and the rows whose
        // status differs from the row before leave the server (LAG within the day), which is all the timeline needs.
        var rows: [String: [Int64: [ComplianceSQL.Row]]] = [:]
        let needed = ComplianceSQL.daysToRead(buckets)
        for start in stride(from: 0, to: needed.count, by: 1000) {
            let chunk = needed[start..<min(needed.count, start + 1000)]
            var values: [StoreValue] = [.text(suite)]
            for bucket in chunk {
                let (lo, hi) = ComplianceSQL.bounds(bucket.day, period)
                values += [.text(bucket.check), .integer(lo), .integer(hi)]
            }
            let list = Array(repeating: "(?::text, ?::bigint, ?::bigint)", count: chunk.count).joined(separator: ", ")
            for row in try await connection.rows("""
                WITH suite_runs AS MATERIALIZED (SELECT id FROM runs WHERE suite = ?)
                SELECT check_key, started_ms, status FROM (
                  SELECT x.check_key, x.started_ms, x.run, x.position, x.status,
                         LAG(x.status) OVER (PARTITION BY x.check_key, x.started_ms / \(ComplianceSQL.day) ORDER BY x.started_ms, x.run, x.position) AS prev
                  FROM (VALUES \(list)) AS b(k, lo, hi) CROSS JOIN LATERAL (
                    SELECT r.check_key, r.started_ms, r.run, r.position, r.status FROM results r
                    WHERE r.check_key = b.k AND r.started_ms >= b.lo AND r.started_ms < b.hi AND r.run IN (SELECT id FROM suite_runs)) x) y
                WHERE prev IS NULL OR prev <> status
                ORDER BY check_key, started_ms, run, position
                """, values) {
                let ms = Int64(try row.integer(required: "started_ms"))
                rows[try row.text(required: "check_key"), default: [:]][ms / ComplianceSQL.day, default: []]
                    .append(ComplianceSQL.Row(startedMs: ms, status: try row.text(required: "status")))
            }
        }
        var definitions: [Int64: (String, String)] = [:]
        for row in try await connection.rows("SELECT id, table_name, severity FROM checks") {
            definitions[Int64(try row.integer(required: "id"))] = (try row.text(required: "table_name"), try row.text(required: "severity"))
        }
        var before: [String: String] = [:], latest: [String: ComplianceSQL.Latest] = [:]
        for row in try await connection.rows(ComplianceSQL.ends, [.integer(from), .text(suite), .integer(to), .integer(from), .text(suite)]) {
            let key = try row.text(required: "check_key")
            if let status = try row.text("before_status") { before[key] = status }
            if let last = ComplianceSQL.latest(try row.text("latest")), let definition = definitions[last.checkRef] {
                latest[key] = ComplianceSQL.Latest(table: definition.0, severity: definition.1, startedMs: last.startedMs)
            }
        }
        return try ComplianceSQL.timelines(buckets, rows: rows, before: before, latest: latest)
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
