import AssayCore
import Testing

/// The planner keeps every statement within what the database accepts, and refuses checks that do not apply.
@Suite("Planner: database limits and applicability")
struct PlannerLimitsTests {
    static let now = CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 1), secondOfDay: 12 * 3600)
    static let schema = TableSchema(table: "t", columns: [
        ColumnInfo(name: "id", declaredType: "INTEGER", isPrimaryKey: true),
        ColumnInfo(name: "amount", declaredType: "REAL"),
        ColumnInfo(name: "name", declaredType: "TEXT"),
        ColumnInfo(name: "opened", declaredType: "DATE"),
        ColumnInfo(name: "born", declaredType: "TEXT"),
        ColumnInfo(name: "active", declaredType: "BOOLEAN"),
    ])

    static func plan(_ checks: [Check], dialect: any SQLDialect = SQLiteDialect(), window: Window? = nil) -> TablePlan {
        Planner(dialect: dialect, now: now).plan(TableSpec(name: "t", checks: checks, window: window), schemas: ["t": schema])
    }

    static func rule(_ id: String, _ text: String) throws -> Check {
        Check(id: id, kind: .rule(try Condition(text), violationWhen: true))
    }

    @Test("2,500 checks on one table split into as few scans as the dialect's column limit allows",
          arguments: [SQLiteDialect() as any SQLDialect, PostgresDialect()])
    func manyChecksSplitTheScan(_ dialect: any SQLDialect) throws {
        let checks = try (0..<2500).map { try Self.rule("r\($0)", "amount > \($0)") }
        let plan = Self.plan(checks, dialect: dialect)
        #expect(plan.invalidChecks.isEmpty)
        let scans = plan.queries.filter { $0.purpose == .scan }
        // 2,501 aggregates (one row count, 2,500 violation counts).
        #expect(scans.count == (2501 + dialect.maxResultColumns - 1) / dialect.maxResultColumns)
        for scan in scans {
            let columns = dialect.render(scan.sql).components(separatedBy: " FILTER (WHERE").count - 1
            #expect(columns <= dialect.maxResultColumns)
        }
        // Every reference points at a column its statement has.
        for planned in plan.checks {
            guard case .violations(let rows, let violations) = planned.measure else {
                Issue.record("\(planned.check.id): \(planned.measure)")
                continue
            }
            for ref in [rows, violations] { #expect(ref.query < scans.count && ref.column < dialect.maxResultColumns) }
        }
    }

    @Test func aNormalSuiteKeepsOneScan() throws {
        let plan = Self.plan(try (0..<50).map { try Self.rule("r\($0)", "amount > \($0)") })
        #expect(plan.queries.count { $0.purpose == .scan } == 1)
    }

    @Test func conditionsTooDeepForSQLitesParserAreRefusedWithTheReason() throws {
        let deep = try Self.rule("deep", String(repeating: "abs(", count: 40) + "amount" + String(repeating: ")", count: 40) + " > 0")
        let plan = Self.plan([deep, try Self.rule("ok", "amount > 0")])
        #expect(plan.invalidChecks.map(\.check.id) == ["deep"])
        #expect(plan.invalidChecks.first?.reason.contains("sqlite accepts at most") == true)
        #expect(Self.plan([deep], dialect: PostgresDialect()).invalidChecks.isEmpty)
    }

    /// Statistics that average values apply to numbers (and booleans as 0 and 1) only; order statistics to any ordered type.
    @Test(arguments: [
        (Statistic.mean, "opened", false), (.mean, "name", false), (.stddev, "born", false), (.sum, "opened", false),
        (.median, "name", false), (.median, "opened", false), (.mean, "amount", true), (.median, "amount", true),
        (.min, "opened", true), (.max, "name", true), (.distinctCount, "born", true), (.uniqueProportion, "opened", true),
        (.mean, "active", true), (.sum, "active", true), (.stddev, "active", true), (.median, "active", false),
    ])
    func statisticsApplyToTheirTypes(_ statistic: Statistic, _ column: String, _ applies: Bool) {
        let plan = Self.plan([Check(id: "s", kind: .statistic(column: column, statistic, range: ValueRange(min: .integer(0))))])
        #expect(plan.invalidChecks.isEmpty == applies, "\(plan.invalidChecks)")
        if !applies {
            let reason = plan.invalidChecks.first?.reason ?? ""
            #expect(reason.contains("applies to numeric columns") && reason.contains(column), "\(reason)")
        }
    }

    @Test func aWindowEndsNow() throws {
        let plan = Self.plan([Check(id: "rows", kind: .rowCount(fail: ValueBounds(min: 0), warn: nil))],
                             dialect: PostgresDialect(), window: Window(column: "opened", last: TimeSpan(seconds: 7 * 86_400)))
        let sql = try #require(plan.queries.first).sql.displaySQL()
        #expect(sql.contains("2026-05-25 12:00:00") && sql.contains("2026-06-01 12:00:00"), "\(sql)")
    }

    @Test("text columns compare as the ISO-8601 dates they hold", arguments: [SQLiteDialect() as any SQLDialect, PostgresDialect()])
    func textDates(_ dialect: any SQLDialect) throws {
        let checks = try ["born > current_date", "EXTRACT(YEAR FROM AGE(born)) < 18", "EXTRACT(MONTH FROM born) = 2",
                          "born + INTERVAL '1 day' > current_date"].enumerated().map { try Self.rule("r\($0.offset)", $0.element) }
        let plan = Self.plan(checks, dialect: dialect)
        #expect(plan.invalidChecks.isEmpty, "\(plan.invalidChecks)")
        for planned in plan.checks {
            guard case .counted(_, _, _, let notDates) = planned.measure else {
                Issue.record("\(planned.check.id): \(planned.measure)")
                continue
            }
            #expect(notDates?.columns == ["born"])
        }
    }
}
