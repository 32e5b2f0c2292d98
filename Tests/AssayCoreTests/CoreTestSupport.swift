@testable import AssayCore

/// Hand-built schemas, checks and plans shared by the planner, compiler, evaluator and scorecard tests:
/// no database, only the real components.
enum CoreFixture {
    /// 2026-06-01 12:00:00 UTC, the run's "now" in every test.
    static let now = CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 1), secondOfDay: 12 * 3600)

    static let dialects: [any SQLDialect] = [SQLiteDialect(), PostgresDialect()]

    /// A table with a primary key, a nullable foreign key, text, numbers, a date, a timestamp and personal data.
    static let accounts = TableSchema(table: "accounts", columns: [
        ColumnInfo(name: "id", declaredType: "INTEGER", isNullable: false, isPrimaryKey: true),
        ColumnInfo(name: "customer_id", declaredType: "INTEGER"),
        ColumnInfo(name: "email", declaredType: "TEXT"),
        ColumnInfo(name: "amount", declaredType: "NUMERIC"),
        ColumnInfo(name: "opened", declaredType: "DATE"),
        ColumnInfo(name: "updated_at", declaredType: "TIMESTAMP"),
        ColumnInfo(name: "status", declaredType: "TEXT"),
        ColumnInfo(name: "code", declaredType: "VARCHAR(8)"),
    ])

    /// The parent of `accounts.customer_id`, keyed by its primary key.
    static let customers = TableSchema(table: "customers", columns: [
        ColumnInfo(name: "customer_id", declaredType: "INTEGER", isNullable: false, isPrimaryKey: true),
        ColumnInfo(name: "segment", declaredType: "TEXT"),
    ])

    /// A parent whose key column is not unique (no constraint).
    static let legacy = TableSchema(table: "legacy", columns: [
        ColumnInfo(name: "ref", declaredType: "INTEGER"),
    ])

    static let schemas = ["accounts": accounts, "customers": customers, "legacy": legacy]

    /// Plans `checks` on `accounts`.
    static func plan(_ checks: [Check], dialect: any SQLDialect = SQLiteDialect(), filter: Condition? = nil,
                     window: Window? = nil, pii: [String]? = nil, notPII: [String] = [], sampleLimit: Int = 5,
                     schemas: [String: TableSchema] = schemas) -> TablePlan {
        Planner(dialect: dialect, now: now, sampleLimit: sampleLimit)
            .plan(TableSpec(name: "accounts", checks: checks, filter: filter, window: window, piiColumns: pii,
                            notPIIColumns: notPII), schemas: schemas)
    }

    /// A business rule whose matching rows violate.
    static func rule(_ id: String, _ text: String) throws -> Check {
        Check(id: id, kind: .rule(try Condition(text), violationWhen: true))
    }

    /// The scan statement of a plan, rendered for `dialect`.
    static func scanSQL(_ plan: TablePlan, _ dialect: any SQLDialect) -> String? {
        plan.queries.first { $0.purpose == .scan }.map { dialect.render($0.sql) }
    }

    /// The measure planned for the check `id`.
    static func measure(_ plan: TablePlan, _ id: String) -> Measure? {
        plan.checks.first { $0.check.id == id }?.measure
    }

    /// A result with the given status and dimension, made by the real evaluator (no hand-built result).
    static func result(_ status: CheckStatus, _ dimension: Dimension) -> CheckResult {
        let check = Check(id: "\(status)-\(dimension)", kind: .notNull(column: "x"),
                          thresholds: ViolationThresholds(warn: .count(0), fail: .count(1)), dimension: dimension)
        let violations: Int64 = switch status {
        case .pass: 0
        case .warn: 1
        case .fail: 2
        case .error: 0
        }
        let measure: Measure = status == .error ? .invalid("cannot run")
            : .violations(rows: MetricRef(query: 0, column: 0), violations: MetricRef(query: 0, column: 1))
        let planned = PlannedCheck(check: check, measure: measure, sample: nil, sampleColumns: [])
        return Evaluator(now: now).evaluate(planned, table: TableSpec(name: "t", checks: []), results: QueryResults(rows: [0: [.integer(10), .integer(violations)]]))
    }
}
