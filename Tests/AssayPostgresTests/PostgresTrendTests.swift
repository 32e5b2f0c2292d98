import Assay
import AssayTestSupport
import Foundation
import Testing

/// Trends on the real PostgreSQL server: the same data as the SQLite trend tests (``TrendFixture``) gives the same
/// trends, bucket for bucket and check for check, by day and by hour.
@Suite("PostgreSQL trends", .serialized)
struct PostgresTrendTests {
    static let tables = ["trend_events", "trend_logs", "trend_accounts", "trend_kinds"]

    static func trends(_ source: any DataSource, days: Int, bucket: TrendBucket) async throws -> [TrendResult] {
        let suite = try SuiteLoader(environment: [:]).parse(TrendFixture.suite, file: "trends.yml")
        return try await TrendRunner(source: source, clock: FixedClock(TrendFixture.now), days: days, bucket: bucket).run(suite)
    }

    @Test("identical to SQLite on the same data", arguments: [(5, TrendBucket.day), (1, .hour), (30, .day)])
    func parity(days: Int, bucket: TrendBucket) async throws {
        try await PostgresTestServer.execute(Self.tables.map { "DROP TABLE IF EXISTS \($0)" } + TrendFixture.statements)
        let sqlite = try TestDatabase(TrendFixture.statements.joined(separator: ";\n") + ";")
        defer { sqlite.remove() }
        let expected = try await Self.trends(try sqlite.source(), days: days, bucket: bucket)
        let postgres = try await Self.trends(try PostgresSource(url: PostgresTestServer.url()), days: days, bucket: bucket)
        #expect(postgres.allSatisfy { $0.problem == nil }, "\(postgres.compactMap(\.problem))")
        #expect(postgres == expected)
        for (p, s) in zip(postgres, expected) where p != s {
            for (a, b) in zip(p.points, s.points) where a != b { Issue.record("\(p.table) \(a.start): postgres \(a), sqlite \(b)") }
        }
        // Spot checks counted by hand (the SQLite tests check every bucket).
        let events = try #require(postgres.first { $0.table == "trend_events" })
        #expect(events.undatedRows == 1)
        if bucket == .day, days == 5 {
            #expect(events.points.map(\.rows) == [0, 1, 1, 2, 4])
            #expect(events.points.map { $0.checks[3].violations } == [0, 1, 0, 1, 1])
        }
        let logs = try #require(postgres.first { $0.table == "trend_logs" })
        #expect(logs.undatedRows == 3)
        try await PostgresTestServer.execute(Self.tables.map { "DROP TABLE IF EXISTS \($0)" })
    }

    @Test("a timestamptz column falls in its UTC day; the statement is one grouped SELECT")
    func timestampWithZone() async throws {
        try await PostgresTestServer.execute([
            "DROP TABLE IF EXISTS trend_zoned",
            "CREATE TABLE trend_zoned(id int PRIMARY KEY, v text, at timestamptz)",
            // 23:30 at -05:00 is 04:30 UTC the next day; 01:00 at +02:00 is 23:00 UTC the day before.
            "INSERT INTO trend_zoned VALUES (1, NULL, '2026-11-26 23:30:00-05:00'), (2, 'x', '2026-11-27 01:00:00+02:00')",
        ])
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              trend_zoned:
                window: {column: at, last: 2d}
                checks:
                  - not_null: v
            """, file: "zoned.yml")
        let source = try PostgresSource(url: PostgresTestServer.url())
        let trends = try await TrendRunner(source: source, clock: FixedClock(TrendFixture.now), days: 2).run(suite)
        let zoned = try #require(trends.first)
        #expect(zoned.points.map(\.start) == ["2026-11-26", "2026-11-27"])
        #expect(zoned.points.map(\.rows) == [1, 1])
        #expect(zoned.points.map { $0.checks[0].violations } == [0, 1])
        let schemas = try #require(await source.open { try? await source.schemas(of: ["trend_zoned"]) })
        let plan = TrendPlanner(dialect: source.dialect, now: TrendFixture.now, days: 2, bucket: .day).plan(suite.tables[0], schemas: schemas)
        let sql = source.dialect.render(try #require(plan.statement))
        #expect(sql.hasPrefix("SELECT date_trunc('day', \"at\"), COUNT(*), COUNT(*) FILTER (WHERE "))
        #expect(sql.hasSuffix(" GROUP BY 1 ORDER BY 1"))
        try await PostgresTestServer.execute(["DROP TABLE trend_zoned"])
    }
}
