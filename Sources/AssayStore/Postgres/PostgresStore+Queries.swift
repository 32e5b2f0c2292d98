import AssayCore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func runs(last count: Int) async throws(StoreError) -> [RunSummary] {
        try await read { connection in
            try await connection.rows("""
                SELECT run_id, suite, source, started_at, duration_seconds, status, exit_code, checks, failed, warned, errors,
                       assay_version FROM runs ORDER BY started_at DESC, run_id DESC LIMIT ?
                """, [StoreValue(max(0, count))]).compactMap(Self.summary)
        }
    }

    /// The runs are limited to the same period as the results (the same instant, as text), so PostgreSQL reads only
    /// that range of `runs` through `runs_by_start` instead of hashing the whole table (16 ms against 37 ms for a
    /// 90-day history in a year of 15-minute runs).
    public func history(of key: CheckKey, since: Date) async throws(StoreError) -> [HistoryPoint] {
        try await read { connection in
            let statement = PostgresStatement("""
                SELECT runs.run_id, results.started_ms, checks.fingerprint, results.status, results.rows_checked,
                       results.violations, results.violation_rate, results.observed, results.message
                FROM results JOIN runs ON runs.id = results.run AND runs.started_at >= ? JOIN checks ON checks.id = results.check_ref
                WHERE results.check_key = ? AND results.started_ms >= ? ORDER BY results.started_ms, results.run, results.position
                """, [.text(InstantText.string(since)), .text(key.rawValue), .integer(storedMilliseconds(since))])
            // Thousands of rows: decoded by position, not by name.
            var points: [HistoryPoint] = []
            for try await row in try await connection.query(statement.query, logger: Self.quiet) {
                let (run, started, fingerprint, status, rows, violations, rate, observed, message) =
                    try row.decode((String, Int64, String, String, Int?, Int?, Double?, Double?, String).self)
                guard let status = CheckStatus(rawValue: status) else { continue }
                points.append(HistoryPoint(runID: RunID(stored: run), startedAt: Date(timeIntervalSince1970: Double(started) / 1000),
                                           fingerprint: CheckFingerprint(rawValue: fingerprint), status: status, rowsChecked: rows,
                                           violations: violations, violationRate: rate, observed: observed, message: message))
            }
            return points
        }
    }

    public func prune(before cutoff: Date) async throws(StoreError) -> Int {
        try await write { connection in
            let deleted = try await connection.rows("""
                WITH gone AS (DELETE FROM runs WHERE started_at < ? RETURNING 1) SELECT count(*) AS n FROM gone
                """, [.text(InstantText.string(cutoff))]).first?.integer("n") ?? 0
            // Samples no result refers to any more (check definitions are few and kept).
            if deleted > 0 {
                try await connection.execute("DELETE FROM samples WHERE NOT EXISTS (SELECT 1 FROM results WHERE results.sample = samples.id)")
            }
            return deleted
        }
    }

    public func scorecardRuns(suite: String?, asOf: Date) async throws(StoreError) -> [ScorecardHistory.ScoredRun] {
        let limit = InstantText.string(min(asOf, Date(timeIntervalSince1970: 253_402_300_799)))
        return try await read { connection in
            let columns = "SELECT run_id, suite, started_at, scorecards FROM runs"
            guard let latest = try await connection.rows(columns + """
                 WHERE (?::text IS NULL OR suite = ?) AND started_at <= ? ORDER BY started_at DESC, run_id DESC LIMIT 1
                """, [StoreValue(suite), StoreValue(suite), .text(limit)]).first else { return [] }
            let name = try latest.text(required: "suite"), started = try latest.text(required: "started_at")
            let previous = try await connection.rows(columns + """
                 WHERE suite = ? AND started_at <= ? AND run_id <> ? ORDER BY started_at DESC, run_id DESC LIMIT 1
                """, [.text(name), .text(started), .text(try latest.text(required: "run_id"))]).first
            let weekBefore = InstantText.string((InstantText.date(started) ?? Date()).addingTimeInterval(-7 * 86_400))
            let weekAgo = try await connection.rows(columns + """
                 WHERE suite = ? AND started_at <= ? ORDER BY started_at DESC, run_id DESC LIMIT 1
                """, [.text(name), .text(weekBefore)]).first
            var seen = Set<String>()
            return try ([latest] + [previous, weekAgo].compactMap(\.self)).compactMap { row -> ScorecardHistory.ScoredRun? in
                let id = try row.text(required: "run_id")
                guard seen.insert(id).inserted, let started = InstantText.date(try row.text(required: "started_at")) else { return nil }
                let cards = try JSONDecoder().decode([Scorecard].self, from: Data(try row.text(required: "scorecards").utf8))
                return ScorecardHistory.ScoredRun(runID: RunID(stored: id), suite: try row.text(required: "suite"), startedAt: started,
                                                  scorecards: cards)
            }
        }
    }

    public func scoreSeries(suite: String?, since: Date, bucketSeconds: Int?) async throws(StoreError) -> [ScorePoint] {
        let sql = TableScores.seriesSQL(bucketSeconds: bucketSeconds, placeholders: ("?::text", "?", "?"))
        let values = [StoreValue(suite), StoreValue(suite), .integer(storedMilliseconds(since))]
        return try await read { connection in try await connection.rows(sql, values).map { try TableScores.point($0) } }
    }

    public func suites() async throws(StoreError) -> [SuiteSummary] {
        try await read { connection in
            try await connection.rows("""
                SELECT suite, count(*) AS runs, max(started_at) AS last FROM runs GROUP BY suite ORDER BY last DESC, suite
                """).compactMap { row -> SuiteSummary? in
                guard let last = InstantText.date(try row.text(required: "last")) else { return nil }
                return SuiteSummary(suite: try row.text(required: "suite"), runs: try row.integer(required: "runs"), lastStartedAt: last)
            }
        }
    }

    /// The total size of the store's tables in bytes, with their indexes and TOAST data (`pg_total_relation_size`).
    public func sizeInBytes() async throws(StoreError) -> Int64 {
        let schema = location.schema
        return try await read { connection in
            Int64(try await connection.rows("""
                SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS size FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'
                """, [.text(schema)]).first?.integer("size") ?? 0)
        }
    }

    private static func summary(_ row: PostgresStoreRow) throws -> RunSummary? {
        guard let id = RunID(try row.text(required: "run_id")), let started = InstantText.date(try row.text(required: "started_at")),
              let status = CheckStatus(rawValue: try row.text(required: "status")) else { return nil }
        return RunSummary(runID: id, suite: try row.text(required: "suite"), source: try row.text(required: "source"), startedAt: started,
                          durationSeconds: try row.real(required: "duration_seconds"), status: status,
                          exitCode: Int32(try row.integer(required: "exit_code")), checks: try row.integer(required: "checks"),
                          failed: try row.integer(required: "failed"), warned: try row.integer(required: "warned"),
                          errors: try row.integer(required: "errors"), assayVersion: try row.text(required: "assay_version"))
    }
}
