import AssayCore
import AssayMonitorCore
import Foundation
import GRDB

extension SQLiteStore: ComplianceStore {
    public func complianceTimelines(suite: String, period: CompliancePeriod) async throws(StoreError) -> [CheckTimeline] {
        let (from, to) = (period.fromMilliseconds, period.toMilliseconds)
        do {
            return try await pool.read { db in
                // Results of other suites in the period: each row's run is then checked (it costs a lookup a row).
                let mixed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE started_at >= ? AND started_at < ? AND suite <> ?)",
                                              arguments: [InstantText.string(period.from), InstantText.string(period.to), suite]) ?? true
                var arguments: StatementArguments = [from / ComplianceSQL.day, (to - 1) / ComplianceSQL.day, from, to]
                if mixed { arguments += [suite] }
                let buckets = try Row.fetchAll(db, sql: Self.bucketSQL(suiteFilter: mixed), arguments: arguments).compactMap(Self.bucket)
                var rows: [String: [Int64: [ComplianceSQL.Row]]] = [:]
                let dayRows = try db.cachedStatement(sql: ComplianceSQL.dayRows)
                for bucket in ComplianceSQL.daysToRead(buckets) {
                    let (start, end) = ComplianceSQL.bounds(bucket.day, period)
                    rows[bucket.check, default: [:]][bucket.day] = try Row.fetchAll(dayRows, arguments: [bucket.check, start, end, suite]).map {
                        ComplianceSQL.Row(startedMs: $0["started_ms"], status: $0["status"])
                    }
                }
                var definitions: [Int64: (String, String)] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, table_name, severity FROM checks") { definitions[row["id"]] = (row["table_name"], row["severity"]) }
                var before: [String: String] = [:], latest: [String: ComplianceSQL.Latest] = [:]
                for row in try Row.fetchAll(db, sql: ComplianceSQL.ends, arguments: [from, suite, to, from, suite]) {
                    let key: String = row["check_key"]
                    if let status: String = row["before_status"] { before[key] = status }
                    if let last = ComplianceSQL.latest(row["latest"]), let definition = definitions[last.checkRef] {
                        latest[key] = ComplianceSQL.Latest(table: definition.0, severity: definition.1, startedMs: last.startedMs)
                    }
                }
                return try ComplianceSQL.timelines(buckets, rows: rows, before: before, latest: latest)
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    /// Each check's runs per UTC day of the period: one aggregate subquery per check and day, each a range of the
    /// results key (no sort, no temporary table), packed as `runs pass warn fail lowest highest`.
    /// Arguments: first day, last day, from (ms), to (ms), and the suite when `suiteFilter`.
    private static func bucketSQL(suiteFilter: Bool) -> String {
        """
        WITH RECURSIVE days(d) AS (SELECT ? UNION ALL SELECT d + 1 FROM days WHERE d < ?),
        bounds(lo, hi) AS (SELECT ?, ?),
        keys(k) AS (SELECT DISTINCT check_key FROM checks)
        SELECT keys.k AS check_key, days.d AS day,
               (SELECT count(*) || ' ' || sum(r.status = 'PASS') || ' ' || sum(r.status = 'WARN') || ' ' || sum(r.status = 'FAIL')
                       || ' ' || min(r.status) || ' ' || max(r.status)
                FROM results r
                WHERE r.check_key = keys.k AND r.started_ms >= max(bounds.lo, days.d * \(ComplianceSQL.day))
                  AND r.started_ms < min(bounds.hi, (days.d + 1) * \(ComplianceSQL.day))
                  \(suiteFilter ? "AND r.run IN (SELECT id FROM runs WHERE suite = ?)" : "")) AS agg
        FROM keys CROSS JOIN days CROSS JOIN bounds
        ORDER BY keys.k, days.d
        """
    }

    private static func bucket(_ row: Row) -> ComplianceSQL.Bucket? {
        guard let packed: String = row["agg"] else { return nil }
        let parts = packed.split(separator: " ")
        guard parts.count == 6, let runs = Int(parts[0]), let pass = Int(parts[1]), let warn = Int(parts[2]), let fail = Int(parts[3]) else { return nil }
        return ComplianceSQL.Bucket(check: row["check_key"], day: row["day"], runs: runs, pass: pass, warn: warn, fail: fail,
                                    lowest: String(parts[4]), highest: String(parts[5]))
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
