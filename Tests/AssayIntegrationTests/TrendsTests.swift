import Assay
import AssayTestSupport
import Foundation
import Testing

/// Trends from the data on a real SQLite file: exact counts per day and per hour worked out by hand, ONE statement
/// per table in SQLite's own trace, and the `assay trends` command in each format.
@Suite("Trends on SQLite")
struct TrendsTests {
    static func database() throws -> TestDatabase { try TestDatabase(TrendFixture.statements.joined(separator: ";\n") + ";") }

    static func trends(_ source: any DataSource, days: Int, bucket: TrendBucket) async throws -> [TrendResult] {
        let suite = try SuiteLoader(environment: [:]).parse(TrendFixture.suite, file: "trends.yml")
        return try await TrendRunner(source: source, clock: FixedClock(TrendFixture.now), days: days, bucket: bucket).run(suite)
    }

    /// The counts of check `index` per bucket.
    static func violations(_ trend: TrendResult, _ index: Int) -> [Int] { trend.points.map { $0.checks[index].violations } }
    static func checkRows(_ trend: TrendResult, _ index: Int) -> [Int] { trend.points.map { $0.checks[index].rows } }

    /// The day trend of the fixture over 5 days, worked out by hand: row 4 is after now, rows 9 (2026-11-20) before
    /// the range, row 8 has no date; 2026-11-23 has no rows at all.
    static func expectDays(_ trends: [TrendResult]) throws {
        let events = try #require(trends.first { $0.table == "trend_events" })
        #expect(events.problem == nil)
        #expect(events.timeColumn == "created_at")
        #expect(events.from == "2026-11-23 00:00:00" && events.to == "2026-11-27 12:00:00")
        #expect(events.points.map(\.start) == ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"])
        #expect(events.points.map(\.rows) == [0, 1, 1, 2, 4])
        #expect(events.undatedRows == 1)
        #expect(events.checks.map(\.check) == ["not_null_email", "negative", "web_email", "references_kind"])
        #expect(violations(events, 0) == [0, 0, 0, 1, 1])
        #expect(violations(events, 1) == [0, 0, 0, 2, 1])
        #expect(checkRows(events, 2) == [0, 0, 1, 1, 3])
        #expect(violations(events, 2) == [0, 0, 0, 1, 1])
        // The referential check's anti-join condition counts the 'app' rows, whose kind is not in trend_kinds.
        #expect(violations(events, 3) == [0, 1, 0, 1, 1])
        #expect(events.points[3].checks[1].rate == 1.0)
        #expect(events.points[4].checks[0].rate == 0.25)
        #expect(events.points[0].checks[0].rate == nil)
        #expect(events.notTrended.map(\.check) == ["row_count", "unique_id"])

        // Text dates: the check's window names the column; text that is not a real date is in no bucket.
        let logs = try #require(trends.first { $0.table == "trend_logs" })
        #expect(logs.timeColumn == "created")
        #expect(logs.points.map(\.rows) == [0, 0, 0, 1, 2])
        #expect(violations(logs, 0) == [0, 0, 0, 0, 1])
        #expect(logs.undatedRows == 3)

        let accounts = try #require(trends.first { $0.table == "trend_accounts" })
        #expect(accounts.timeColumn == nil && accounts.problem == nil && accounts.points.isEmpty)
        #expect(accounts.notTrended.first?.reason.hasPrefix("no time column") == true)
    }

    /// The hour trend over 1 day: 24 buckets from 2026-11-26T13:00Z to 2026-11-27T12:00Z (row 11, at now exactly,
    /// is in the last); row 5 (2026-11-26 00:00) is before the range.
    static func expectHours(_ trends: [TrendResult]) throws {
        let events = try #require(trends.first { $0.table == "trend_events" })
        #expect(events.points.count == 24)
        #expect(events.points.first?.start == "2026-11-26T13:00:00Z")
        #expect(events.points.last?.start == "2026-11-27T12:00:00Z")
        let busy = Dictionary(uniqueKeysWithValues: events.points.filter { $0.rows > 0 }.map { ($0.start, $0) })
        #expect(busy.keys.sorted() == ["2026-11-26T23:00:00Z", "2026-11-27T09:00:00Z", "2026-11-27T11:00:00Z", "2026-11-27T12:00:00Z"])
        #expect(busy["2026-11-26T23:00:00Z"].map { [$0.rows, $0.checks[0].violations, $0.checks[1].violations, $0.checks[3].violations] } == [1, 0, 1, 1])
        #expect(busy["2026-11-27T09:00:00Z"].map { [$0.rows, $0.checks[0].violations, $0.checks[1].violations, $0.checks[3].violations] } == [2, 1, 1, 0])
        #expect(busy["2026-11-27T11:00:00Z"].map { [$0.rows, $0.checks[0].violations, $0.checks[1].violations, $0.checks[3].violations] } == [1, 0, 0, 1])
        #expect(busy["2026-11-27T12:00:00Z"].map { [$0.rows, $0.checks[0].violations, $0.checks[1].violations, $0.checks[3].violations] } == [1, 0, 0, 0])
        #expect(events.undatedRows == 1)
    }

    @Test("day buckets: exact rows and violations, empty days filled, undated rows counted apart")
    func days() async throws {
        let db = try Self.database()
        defer { db.remove() }
        try Self.expectDays(try await Self.trends(try db.source(), days: 5, bucket: .day))
    }

    @Test("hour buckets: exact rows and violations per UTC hour")
    func hours() async throws {
        let db = try Self.database()
        defer { db.remove() }
        try Self.expectHours(try await Self.trends(try db.source(), days: 1, bucket: .hour))
    }

    @Test("ONE statement per table with a time column, in SQLite's own trace")
    func oneStatementPerTable() async throws {
        let db = try Self.database()
        defer { db.remove() }
        let log = StatementLog()
        _ = try await Self.trends(try db.source(trace: log.trace), days: 30, bucket: .day)
        let reads = log.dataReads
        #expect(reads.count == 2, "\(reads)")
        #expect(reads.filter { $0.contains("FROM \"trend_events\"") }.count == 1)
        #expect(reads.filter { $0.contains("FROM \"trend_logs\"") }.count == 1)
        #expect(reads.allSatisfy { $0.hasSuffix("GROUP BY 1 ORDER BY 1") })
    }

    @Test("a bucket's counts are what a check run over that bucket's rows counts")
    func agreesWithARun() async throws {
        let db = try Self.database()
        defer { db.remove() }
        let trends = try await Self.trends(try db.source(), days: 5, bucket: .day)
        let events = try #require(trends.first)
        // A run as of the end of 2026-11-26 with a one-day window sees exactly that day's rows.
        let yaml = TrendFixture.suite.replacingOccurrences(of: "last: 7d", with: "last: 86399s")
        let endOfDay = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 26), secondOfDay: 86_399)
        let run = try await run(yaml: yaml, database: db.path, now: endOfDay)
        let day = try #require(events.points.first { $0.start == "2026-11-26" })
        for (check, point) in zip(events.checks, day.checks) {
            let result = try #require(run.result("trend_events", check.check))
            #expect(result.violations == point.violations, "\(check.check)")
            #expect(result.rowsChecked == point.rows, "\(check.check)")
        }
    }

    @Test("the JSON form reads back and names every key, null where nothing applies")
    func codable() async throws {
        let db = try Self.database()
        defer { db.remove() }
        let trends = try await Self.trends(try db.source(), days: 5, bucket: .day)
        let json = TrendReport(format: .json).render(trends)
        #expect(json.contains("\"undated_rows\" : 1"))
        #expect(json.contains("\"time_column\" : null"))
        #expect(json.contains("\"rate\" : null"))
        #expect(try JSONDecoder().decode([TrendResult].self, from: Data(json.utf8)) == trends)
    }
}

/// `assay trends` as a user runs it, against a file whose dates are relative to today (the command reads the wall clock).
@Suite("assay trends")
struct TrendsCLITests {
    static func setUp(_ dir: TemporaryDirectory) throws -> String {
        let today = CivilDateTime.now().date
        let yesterday = today.adding(days: -1)
        try makeDatabase(at: dir.file("t.db"), """
            CREATE TABLE orders(id INTEGER PRIMARY KEY, email TEXT, placed TIMESTAMP);
            INSERT INTO orders VALUES (1, 'a@x', '\(today) 00:00:00'), (2, NULL, '\(today) 00:00:00'),
                (3, 'c@x', '\(yesterday) 12:00:00'), (4, NULL, NULL);
            """)
        let config = dir.file("suite.yml")
        try """
            source: sqlite:\(dir.file("t.db"))
            tables:
              orders:
                window: {column: placed, last: 1d}
                checks:
                  - not_null: email
                  - row_count: {min: 1}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test("csv: one line per table, bucket and check")
    func csv() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let config = try Self.setUp(dir)
        let out = try AssayProcess.run(["trends", "--config", config, "--days", "2", "--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        let today = CivilDateTime.now().date, yesterday = today.adding(days: -1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "table,bucket_start,rows,check_key,check,check_rows,violations,rate")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("orders,\(yesterday),1,orders.not_null_email."))
        #expect(lines[1].hasSuffix(",not_null_email,1,0,0"))
        #expect(lines[2].hasPrefix("orders,\(today),2,orders.not_null_email."))
        #expect(lines[2].hasSuffix(",not_null_email,2,1,0.5"))
    }

    @Test("json and text")
    func jsonAndText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let config = try Self.setUp(dir)
        let json = try AssayProcess.run(["trends", "--config", config, "--days", "3", "--format", "json", "--table", "orders"])
        #expect(json.status == 0, "\(json.stderr)")
        let trends = try JSONDecoder().decode([TrendResult].self, from: Data(json.stdout.utf8))
        #expect(trends.count == 1)
        #expect(trends.first?.points.map(\.rows) == [0, 1, 2])
        #expect(trends.first?.undatedRows == 1)
        #expect(trends.first?.notTrended.map(\.check) == ["row_count"])

        let text = try AssayProcess.run(["trends", "--config", config, "--days", "1", "--bucket", "hour"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("orders: rows and violations by hour of placed, "))
        #expect(text.stdout.contains("\(CivilDateTime.now().date)T00:00:00Z     2       1 (50.0%)"), "\(text.stdout)")
        #expect(text.stdout.contains("rows with no date in placed: 1"))
        #expect(text.stdout.contains("not trended: row_count: measures the table as a whole"))
    }

    @Test("a Great Expectations suite: --table is the table it validates, --time-column its time column")
    func greatExpectations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = try Self.setUp(dir)
        try #"{"expectations": [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "email"}}]}"#
            .write(toFile: dir.file("gx.json"), atomically: true, encoding: .utf8)
        let out = try AssayProcess.run(["trends", "--config", dir.file("gx.json"), "--table", "orders", "--time-column", "placed",
                                        "--source", "sqlite:" + dir.file("t.db"), "--days", "2", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let trends = try JSONDecoder().decode([TrendResult].self, from: Data(out.stdout.utf8))
        #expect(trends.first?.timeColumn == "placed")
        #expect(trends.first?.points.map { $0.checks.first?.violations } == [0, 1])
    }

    @Test("bad input is a clear error, exit 3", arguments: [
        (["--days", "0"], "--days must be at least 1"),
        (["--bucket", "week"], "week"),
        (["--table", "ordres"], "the suite checks no table 'ordres'"),
        (["--format", "xml"], "xml"),
    ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let config = try Self.setUp(dir)
        let out = try AssayProcess.run(["trends", "--config", config] + arguments)
        #expect(out.status == 3)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(out.stdout.isEmpty)
    }
}
