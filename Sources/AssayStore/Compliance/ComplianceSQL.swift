import AssayCore
import AssayMonitorCore
import Foundation

/// The compliance statements, the same text on SQLite and PostgreSQL (`?` placeholders).
enum ComplianceSQL {
    /// One pass over the period's results of a suite in the order of each check's history (the results table's key):
    /// LAG finds the runs whose status differs from the run before, LEAD the check's last run, and running counts per
    /// status on that last run are the period's totals. Only those rows leave the database.
    /// Arguments: from (ms), to (ms, exclusive), suite.
    static let timelines = """
        WITH period AS (
          SELECT r.check_key AS k, r.started_ms AS t, r.run AS run, r.position AS pos, r.status AS s, r.check_ref AS c,
                 LAG(r.status) OVER w AS prev, LEAD(r.started_ms) OVER w AS next,
                 count(*) OVER w AS n,
                 sum(CASE WHEN r.status = 'PASS' THEN 1 ELSE 0 END) OVER w AS pass,
                 sum(CASE WHEN r.status = 'WARN' THEN 1 ELSE 0 END) OVER w AS warn,
                 sum(CASE WHEN r.status = 'FAIL' THEN 1 ELSE 0 END) OVER w AS fail
          FROM results r JOIN runs u ON u.id = r.run
          WHERE r.check_key IN (SELECT DISTINCT check_key FROM checks) AND r.started_ms >= ? AND r.started_ms < ? AND u.suite = ?
          WINDOW w AS (PARTITION BY r.check_key ORDER BY r.started_ms, r.run, r.position)
        )
        SELECT p.k AS check_key, p.t AS started_ms, p.s AS status,
               CASE WHEN p.prev IS NULL OR p.prev <> p.s THEN 1 ELSE 0 END AS changed,
               CASE WHEN p.next IS NULL THEN 1 ELSE 0 END AS last,
               p.n AS n, p.pass AS pass, p.warn AS warn, p.fail AS fail, c.table_name AS table_name, c.severity AS severity
        FROM period p JOIN checks c ON c.id = p.c
        WHERE p.prev IS NULL OR p.prev <> p.s OR p.next IS NULL
        ORDER BY p.k, p.t, p.run, p.pos
        """

    /// Each check's status at its last run before the period (the latest in history order), found through the results
    /// key backwards from the period's start. Arguments: from (ms), suite.
    static let before = """
        SELECT k.check_key AS check_key,
               (SELECT r.status FROM results r JOIN runs u ON u.id = r.run
                WHERE r.check_key = k.check_key AND r.started_ms < ? AND u.suite = ?
                ORDER BY r.started_ms DESC, r.run DESC, r.position DESC LIMIT 1) AS status
        FROM (SELECT DISTINCT check_key FROM checks) k
        """

    /// One row of ``timelines``.
    struct Row: Sendable {
        var check: String
        var startedMs: Int64
        var status: String
        var changed: Bool
        var last: Bool
        var runs: Int
        var pass: Int
        var warn: Int
        var fail: Int
        var table: String
        var severity: String

        init(_ row: some StoreRow) throws {
            check = try row.text(required: "check_key")
            startedMs = Int64(try row.integer(required: "started_ms"))
            status = try row.text(required: "status")
            changed = try row.integer(required: "changed") != 0
            last = try row.integer(required: "last") != 0
            runs = try row.integer(required: "n")
            pass = try row.integer(required: "pass")
            warn = try row.integer(required: "warn")
            fail = try row.integer(required: "fail")
            table = try row.text(required: "table_name")
            severity = try row.text(required: "severity")
        }
    }

    /// The timelines from ``timelines`` rows (in their order) and each check's status before the period.
    static func timelines(_ rows: [Row], before: [String: String]) throws(StoreError) -> [CheckTimeline] {
        var timelines: [CheckTimeline] = []
        var current: CheckTimeline?
        for row in rows {
            guard let status = CheckStatus(rawValue: row.status) else {
                throw StoreError(.notAStore, "a result of \(row.check) in the store has the unknown status '\(row.status)'")
            }
            if current?.check.rawValue != row.check {
                if let done = current { timelines.append(done) }
                current = CheckTimeline(check: CheckKey(row.check), table: row.table, severity: .medium,
                                        before: before[row.check].flatMap(CheckStatus.init(rawValue:)), changes: [],
                                        counts: StatusCounts(), lastRunAt: .distantPast)
            }
            let at = Date(timeIntervalSince1970: Double(row.startedMs) / 1000)
            if row.changed { current?.changes.append(StatusChange(at: at, status: status)) }
            if row.last {
                current?.counts = StatusCounts(pass: row.pass, warn: row.warn, fail: row.fail, error: row.runs - row.pass - row.warn - row.fail)
                current?.lastRunAt = at
                current?.table = row.table
                current?.severity = Severity(rawValue: row.severity) ?? .medium
            }
        }
        if let done = current { timelines.append(done) }
        return timelines
    }

    /// The period's start as the incident states hold instants (seconds since 1970).
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
}
