@testable import AssayCore
import Testing

/// The trend planner on a hand-built catalogue: the one grouped statement per table, its bucket expression per
/// dialect, the calendar it fills, and which checks get a rate.
@Suite("Trend planner")
struct TrendPlannerTests {
    typealias F = CoreFixture

    static let checks: [Check] = [
        Check(id: "email_present", kind: .notNull(column: "email")),
        Check(id: "amount_range", kind: .between(column: "amount", min: .integer(0), max: .integer(1000), strictMin: false, strictMax: false)),
        Check(id: "rows", kind: .rowCount(fail: ValueBounds(min: 1), warn: nil)),
        Check(id: "has_id", kind: .columnExists(column: "id")),
    ]

    static func table(window: Window? = Window(column: "updated_at", last: TimeSpan(seconds: 86_400)),
                      checks: [Check] = checks) -> TableSpec {
        TableSpec(name: "accounts", checks: checks, window: window)
    }

    static func plan(_ table: TableSpec, _ dialect: any SQLDialect, days: Int = 30, bucket: TrendBucket = .day) -> TrendPlan {
        TrendPlanner(dialect: dialect, now: F.now, days: days, bucket: bucket).plan(table, schemas: F.schemas)
    }

    @Test("one statement grouped by the bucket, with a count per row check", arguments: CoreFixture.dialects)
    func oneGroupedStatement(_ dialect: any SQLDialect) throws {
        let plan = Self.plan(Self.table(), dialect)
        #expect(plan.problem == nil)
        #expect(plan.timeColumn == "updated_at")
        let sql = dialect.render(try #require(plan.statement))
        #expect(sql.hasSuffix(" GROUP BY 1 ORDER BY 1"))
        #expect(sql.contains(" FROM \"accounts\" c WHERE "))
        if dialect is PostgresDialect {
            #expect(sql.hasPrefix("SELECT date_trunc('day', \"updated_at\"), COUNT(*), COUNT(*) FILTER (WHERE "))
        } else {
            #expect(sql.hasPrefix("SELECT CASE WHEN (julianday(\"updated_at\") IS NOT NULL"))
            #expect(sql.contains("THEN date(\"updated_at\") END, COUNT(*), COUNT(*) FILTER (WHERE "))
        }
        // Bucket, rows, and one count per row check: the not-null and the range check.
        #expect(plan.trended.map(\.check) == ["email_present", "amount_range"])
        #expect(plan.trended.map(\.violationsColumn) == [2, 3])
        #expect(plan.trended.allSatisfy { $0.rowsColumn == nil })
        #expect(sql.components(separatedBy: "COUNT(*) FILTER").count - 1 == 2)
        // The whole-table and schema checks are listed, not trended.
        #expect(plan.notTrended.map(\.check) == ["rows", "has_id"])
        #expect(plan.notTrended[1].reason.contains("schema check"))
    }

    @Test("a reference to a unique key is a LEFT JOIN on PostgreSQL, as in the check scan; otherwise a NOT EXISTS", arguments: CoreFixture.dialects)
    func referencesJoined(_ dialect: any SQLDialect) throws {
        let checks = [
            Check(id: "customer_exists", kind: .references(column: "customer_id", table: "customers", key: "customer_id"),
                  filter: try Condition("status = 'open'")),
            Check(id: "legacy_exists", kind: .references(column: "customer_id", table: "legacy", key: "ref")),
            Check(id: "customer_again", kind: .references(column: "customer_id", table: "customers", key: "customer_id")),
        ]
        let plan = Self.plan(Self.table(checks: checks), dialect)
        let sql = dialect.render(try #require(plan.statement))
        #expect(plan.trended.map(\.check) == ["customer_exists", "legacy_exists", "customer_again"])
        // The non-unique parent is always a NOT EXISTS: a join could repeat rows.
        #expect(sql.components(separatedBy: "NOT EXISTS (SELECT 1 FROM \"legacy\"").count - 1 == 1)
        if dialect is PostgresDialect {
            // One join for both checks on customers; the other columns stay the checked table's.
            #expect(sql.components(separatedBy: " LEFT JOIN (SELECT \"customer_id\" AS assay_parent_key FROM \"customers\") assay_parent_1"
                + " ON assay_parent_1.assay_parent_key = c.\"customer_id\"").count - 1 == 1)
            #expect(sql.contains("COUNT(*) FILTER (WHERE (c.\"status\" = $2::text) AND c.\"customer_id\" IS NOT NULL AND assay_parent_1.assay_parent_key IS NULL)"))
            #expect(!sql.contains("FROM \"customers\" p WHERE"))
        } else {
            #expect(!sql.contains("LEFT JOIN"))
            #expect(sql.components(separatedBy: "NOT EXISTS (SELECT 1 FROM \"customers\"").count - 1 == 2)
        }
    }

    @Test("checks are named by the keys of the suite as written, windows included")
    func keysAreTheSuites() {
        let table = Self.table()
        let plan = Self.plan(table, SQLiteDialect())
        #expect(plan.trended.map(\.key) == [table.checks[0].key(in: table), table.checks[1].key(in: table)])
        #expect(plan.notTrended.map(\.key) == [table.checks[2].key(in: table), table.checks[3].key(in: table)])
    }

    @Test("the window is replaced by the trend's range; a check's own filter gets a row count of its own", arguments: CoreFixture.dialects)
    func rangeAndFilters(_ dialect: any SQLDialect) throws {
        let filtered = Check(id: "open_email", kind: .notNull(column: "email"), filter: try Condition("status = 'open'"))
        let plan = Self.plan(Self.table(checks: [filtered]), dialect, days: 3)
        let statement = try #require(plan.statement)
        #expect(plan.trended.first?.rowsColumn == 2)
        #expect(plan.trended.first?.violationsColumn == 3)
        #expect(plan.from == "2026-05-30 00:00:00")
        #expect(plan.to == "2026-06-01 12:00:00")
        // The bounds of the range are bound values, not the window's own start (one day before now).
        let bound = statement.bindings.map(\.description).joined(separator: " ")
        #expect(!bound.contains("2026-05-31 12:00:00"))
        #expect(plan.calendar == ["2026-05-30", "2026-05-31", "2026-06-01"])
    }

    @Test("hour buckets: 24 per day, ending with the hour that holds now", arguments: CoreFixture.dialects)
    func hours(_ dialect: any SQLDialect) throws {
        let plan = Self.plan(Self.table(), dialect, days: 2, bucket: .hour)
        #expect(plan.calendar.count == 48)
        #expect(plan.calendar.first == "2026-05-30T13:00:00Z")
        #expect(plan.calendar.last == "2026-06-01T12:00:00Z")
        #expect(plan.from == "2026-05-30 13:00:00")
        let sql = dialect.render(try #require(plan.statement))
        #expect(sql.contains(dialect is PostgresDialect ? "date_trunc('hour', " : "strftime('%Y-%m-%d %H', "))
    }

    @Test("the time column: the one named, else the table's window, else a check's; a table without one has no trend and no error")
    func timeColumn() {
        let windowed = Check(id: "recent_email", kind: .notNull(column: "email"), window: Window(column: "opened", last: TimeSpan(seconds: 3600)))
        let fallback = Self.plan(Self.table(window: nil, checks: [Self.checks[0], windowed]), SQLiteDialect())
        #expect(fallback.timeColumn == "opened")
        #expect(fallback.trended.count == 2)
        let named = TrendPlanner(dialect: SQLiteDialect(), now: F.now, days: 1, bucket: .day, timeColumn: "OPENED")
        #expect(named.plan(Self.table(), schemas: F.schemas).timeColumn == "opened")
        #expect(named.plan(Self.table(window: nil), schemas: F.schemas).timeColumn == "opened")
        let absent = TrendPlanner(dialect: SQLiteDialect(), now: F.now, days: 1, bucket: .day, timeColumn: "nope")
        #expect(absent.plan(Self.table(), schemas: F.schemas).timeColumn == "updated_at")
        #expect(absent.plan(Self.table(window: nil), schemas: F.schemas).notTrended.first?.reason.hasSuffix("nor a column 'nope'") == true)
        let none = Self.plan(Self.table(window: nil), SQLiteDialect())
        #expect(none.timeColumn == nil && none.statement == nil && none.problem == nil)
        #expect(none.notTrended.count == Self.checks.count)
        #expect(none.notTrended.allSatisfy { $0.reason.hasPrefix("no time column") })
    }

    @Test("a time column that is not a date, or does not exist, or a missing table is a problem", arguments: CoreFixture.dialects)
    func problems(_ dialect: any SQLDialect) {
        let numeric = Self.plan(Self.table(window: Window(column: "amount", last: TimeSpan(seconds: 60))), dialect)
        #expect(numeric.problem?.contains("not a date or timestamp") == true)
        #expect(numeric.statement == nil)
        let unknown = Self.plan(Self.table(window: Window(column: "nope", last: TimeSpan(seconds: 60))), dialect)
        #expect(unknown.problem?.contains("unknown column 'nope'") == true)
        let missing = TrendPlanner(dialect: dialect, now: F.now, days: 1, bucket: .day).plan(Self.table(), schemas: [:])
        #expect(missing.problem == "table 'accounts' does not exist in the source")
    }

    @Test("bucket labels and the database's forms of them")
    func labels() {
        #expect(TrendBucket.day.label(fromDatabase: "2026-11-27") == "2026-11-27")
        #expect(TrendBucket.day.label(fromDatabase: "2026-11-27 00:00:00") == "2026-11-27")
        #expect(TrendBucket.hour.label(fromDatabase: "2026-11-27 09") == "2026-11-27T09:00:00Z")
        #expect(TrendBucket.hour.label(fromDatabase: "2026-11-27 09:00:00") == "2026-11-27T09:00:00Z")
        #expect(TrendBucket.hour.label(fromDatabase: "2026-11-27") == nil)
        #expect(TrendBucket.day.label(fromDatabase: "garbage") == nil)
        let now = CivilDateTime(date: CivilDate(year: 2024, month: 3, day: 1), secondOfDay: 30)
        #expect(TrendBucket.day.calendar(endingAt: now, count: 2) == ["2024-02-29", "2024-03-01"])
        #expect(TrendBucket.hour.calendar(endingAt: now, count: 2) == ["2024-02-29T23:00:00Z", "2024-03-01T00:00:00Z"])
    }
}
