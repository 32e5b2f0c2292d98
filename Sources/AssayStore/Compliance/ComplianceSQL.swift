import AssayCore
import AssayMonitorCore
import Foundation

/// How the store computes a compliance timeline, the same on SQLite and PostgreSQL.
///
/// The period's results of each check are aggregated per UTC day in the database — runs per status and the lowest and
/// highest status, read along the results table's key (check, then start) — so one pass of simple aggregates covers
/// every row. A day whose runs all had one status, the same as the day before it ended with, holds no change; only the
/// other days (a check's first day, days with more than one status, days after them) are read row by row, in the
/// order of the check's history. A year of 15-minute runs of 60 checks is 2.1M results, 22,000 days and, when a check
/// changes status a few dozen times a year, a few thousand rows.
enum ComplianceSQL {
    static let day: Int64 = 86_400_000

    /// One check's results on one UTC day of the period.
    struct Bucket: Sendable, Hashable {
        var check: String
        var day: Int64
        var runs: Int
        var pass: Int
        var warn: Int
        var fail: Int
        /// The lowest and highest status (as text): one status all day when they are equal.
        var lowest: String
        var highest: String

        var uniform: Bool { lowest == highest }
    }

    /// One result read row by row: its start and status, in history order within its day.
    struct Row: Sendable, Hashable {
        var startedMs: Int64
        var status: String
    }

    /// A check's table, severity and last run in the period, from its latest result there.
    struct Latest: Sendable, Hashable {
        var table: String
        var severity: String
        var startedMs: Int64
    }

    /// Each check's status at its last result before the period, and its latest result in the period, read through the
    /// results key backwards from a point (one row each). Arguments: from (ms), suite, to (ms), from (ms), suite.
    static let ends = """
        SELECT k.check_key AS check_key,
               (SELECT r.status FROM results r JOIN runs u ON u.id = r.run
                WHERE r.check_key = k.check_key AND r.started_ms < ? AND u.suite = ?
                ORDER BY r.started_ms DESC, r.run DESC, r.position DESC LIMIT 1) AS before_status,
               (SELECT r.started_ms || ' ' || r.check_ref FROM results r JOIN runs u ON u.id = r.run
                WHERE r.check_key = k.check_key AND r.started_ms < ? AND r.started_ms >= ? AND u.suite = ?
                ORDER BY r.started_ms DESC, r.run DESC, r.position DESC LIMIT 1) AS latest
        FROM (SELECT DISTINCT check_key FROM checks) k
        """

    /// One check's results on one day, in history order. Arguments: check key, from (ms), to (ms), suite.
    static let dayRows = """
        SELECT r.started_ms AS started_ms, r.status AS status FROM results r JOIN runs u ON u.id = r.run
        WHERE r.check_key = ? AND r.started_ms >= ? AND r.started_ms < ? AND u.suite = ?
        ORDER BY r.started_ms, r.run, r.position
        """

    /// The days whose rows must be read: a check's first day in the period, each day with more than one status, and
    /// each day that follows a day read or a day of another status.
    static func daysToRead(_ buckets: [Bucket]) -> [Bucket] {
        var needed: [Bucket] = []
        var previous: Bucket?
        for bucket in buckets {
            if previous?.check != bucket.check || !bucket.uniform || !(previous?.uniform ?? false) || previous?.lowest != bucket.lowest {
                needed.append(bucket)
            }
            previous = bucket
        }
        return needed
    }

    /// The timelines from the day buckets (ordered by check and day), the rows of the days read, and each check's ends.
    static func timelines(_ buckets: [Bucket], rows: [String: [Int64: [Row]]], before: [String: String],
                          latest: [String: Latest]) throws(StoreError) -> [CheckTimeline] {
        var timelines: [CheckTimeline] = []
        var index = buckets.startIndex
        while index < buckets.endIndex {
            let check = buckets[index].check
            var end = index
            while end < buckets.endIndex, buckets[end].check == check { end += 1 }
            guard let last = latest[check] else {
                throw StoreError(.notAStore, "the results of \(check) in the store changed while they were read")
            }
            var changes: [StatusChange] = []
            var counts = StatusCounts()
            var current: String?
            for bucket in buckets[index..<end] {
                counts = StatusCounts(pass: counts.pass + bucket.pass, warn: counts.warn + bucket.warn, fail: counts.fail + bucket.fail,
                                      error: counts.error + bucket.runs - bucket.pass - bucket.warn - bucket.fail)
                if bucket.uniform, current == bucket.lowest { continue }
                for row in rows[check]?[bucket.day] ?? [] where row.status != current {
                    guard let status = CheckStatus(rawValue: row.status) else {
                        throw StoreError(.notAStore, "a result of \(check) in the store has the unknown status '\(row.status)'")
                    }
                    changes.append(StatusChange(at: Date(timeIntervalSince1970: Double(row.startedMs) / 1000), status: status))
                    current = row.status
                }
            }
            timelines.append(CheckTimeline(check: CheckKey(check), table: last.table, severity: Severity(rawValue: last.severity) ?? .medium,
                                           before: before[check].flatMap(CheckStatus.init(rawValue:)), changes: changes, counts: counts,
                                           lastRunAt: Date(timeIntervalSince1970: Double(last.startedMs) / 1000)))
            index = end
        }
        return timelines
    }

    /// The bounds of a bucket's day within the period, in milliseconds.
    static func bounds(_ day: Int64, _ period: CompliancePeriod) -> (from: Int64, to: Int64) {
        (max(period.fromMilliseconds, day * Self.day), min(period.toMilliseconds, (day + 1) * Self.day))
    }

    /// A packed `latest` value: `started_ms check_ref`.
    static func latest(_ packed: String?) -> (startedMs: Int64, checkRef: Int64)? {
        guard let parts = packed?.split(separator: " "), parts.count == 2, let ms = Int64(parts[0]), let ref = Int64(parts[1]) else { return nil }
        return (ms, ref)
    }

    /// The period's start as the incident states hold instants (seconds since 1970).
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
}
