/// Plans a table's trend: the row count and the violations of every row-level check per day or hour, in ONE
/// statement grouped by the bucket of the table's time column.
///
/// The time column is the one the caller names when the table has it (`assay trends --time-column`), else the
/// table's `time_column:`, else its window column, else the first check's window column. Windows themselves are
/// replaced by the trend's range (the `days` buckets ending with the one holding `now`, and no row after `now`);
/// filters are kept. A row whose time column is NULL or not a date falls in no bucket and is counted apart.
/// Each check's violations are counted with its exact violating-row condition (``PlannedCheck/violatingRows``),
/// so a bucket's count is what a run over that bucket's rows would count.
package struct TrendPlanner: Sendable {
    package var dialect: any SQLDialect
    package var now: CivilDateTime
    /// Days the trend covers (the last one is today, up to `now`).
    package var days: Int
    package var bucket: TrendBucket
    /// The time column of every table that has a column of this name, in place of its windows' column.
    package var timeColumn: String?

    package init(dialect: any SQLDialect, now: CivilDateTime, days: Int, bucket: TrendBucket, timeColumn: String? = nil) {
        self.dialect = dialect
        self.now = now
        self.days = max(days, 1)
        self.bucket = bucket
        self.timeColumn = timeColumn
    }

    /// The trend's first instant: the start of the oldest bucket.
    package var start: CivilDateTime {
        let count = bucketCount
        return CivilDateTime(epochSeconds: bucket.start(of: now).epochSeconds - Double((count - 1) * bucket.seconds))
    }

    private var bucketCount: Int { bucket == .day ? days : days * 24 }

    /// Plans one table against the catalogue (`schemas` holds every table the checks refer to).
    package func plan(_ table: TableSpec, schemas: [String: TableSchema]) -> TrendPlan {
        let keys = table.checks.map { CheckKey($0, in: table) }
        var plan = TrendPlan(table: table.name, timeColumn: nil, bucket: bucket, from: start.description, to: now.description,
                             calendar: bucket.calendar(endingAt: now, count: bucketCount), statement: nil, trended: [],
                             notTrended: [], problem: nil)
        func unusable(_ problem: String, isError: Bool = true) -> TrendPlan {
            var copy = plan
            copy.problem = isError ? problem : nil
            copy.notTrended = zip(keys, table.checks).map { TrendPlan.NotTrended(key: $0, check: $1.id, reason: problem) }
            return copy
        }
        guard let schema = schemas[table.name] else { return unusable("table '\(table.name)' does not exist in the source") }
        guard let named = timeColumn.flatMap({ schema.column(named: $0)?.name }) ?? table.timeColumn ?? table.window?.column
                ?? table.checks.lazy.compactMap(\.window?.column).first else {
            let named = timeColumn.map { " nor a column '\($0)'" } ?? ""
            return unusable("no time column: neither the table nor any of its checks has a window\(named)", isError: false)
        }
        guard let column = schema.column(named: named) else { return unusable(schema.unknownColumnMessage(named)) }
        plan.timeColumn = column.name
        let compiler = SQLCompiler(dialect: dialect, schema: schema, now: now)
        guard let trendDialect = dialect as? any TrendDialect,
              let bucketSQL = trendDialect.trendBucket(compiler.column(column.name), type: column.type, bucket: bucket) else {
            return unusable("time column '\(column.name)' is \(column.declaredType), not a date or timestamp")
        }

        let unwindowed = Self.withoutWindows(table)
        let tablePlan = Planner(dialect: dialect, now: now).plan(unwindowed, schemas: schemas)
        var select: [SQLFragment] = [bucketSQL, SQLFragment("COUNT(*)")]
        var joins: [ParentJoin] = []
        for (index, planned) in tablePlan.checks.enumerated() {
            let key = keys[index], id = planned.check.id
            guard let rows = planned.violatingRows else {
                plan.notTrended.append(TrendPlan.NotTrended(key: key, check: id, reason: Self.reason(planned)))
                continue
            }
            var columns: [SQLFragment] = []
            var rowsColumn: Int?
            if planned.check.filter != nil {
                guard let scope = try? CheckBinding(check: planned.check, table: unwindowed, schema: schema, now: now, dialect: dialect).scope,
                      let filter = Expr.and(scope), let sql = try? compiler.compile(filter) else {
                    plan.notTrended.append(TrendPlan.NotTrended(key: key, check: id, reason: "its filter cannot be compiled"))
                    continue
                }
                rowsColumn = select.count
                columns.append(dialect.count(where: sql))
            }
            let violating = Self.joinedOrphans(planned, table: unwindowed, schema: schema, schemas: schemas, now: now,
                                               dialect: dialect, joins: &joins) ?? rows.condition
            columns.append(dialect.count(where: violating))
            guard select.count + columns.count <= dialect.maxResultColumns else {
                plan.notTrended.append(TrendPlan.NotTrended(key: key, check: id,
                                                            reason: "more checks than one \(dialect.name) statement has columns for"))
                continue
            }
            plan.trended.append(TrendPlan.Trended(key: key, check: id, rowsColumn: rowsColumn, violationsColumn: select.count + columns.count - 1))
            select += columns
        }

        let time = Expr.column(ColumnRef(column.name))
        let range = Expr.binary(.and, .binary(.greaterOrEqual, time, .literal(.timestamp(start.description))),
                                .binary(.lessOrEqual, time, .literal(.timestamp(now.description))))
        var conditions: [SQLFragment] = []
        do {
            if let filter = table.filter { conditions.append(try compiler.compile(filter.expr).enclosed) }
            conditions.append("(" + (try compiler.compile(range)) + " OR " + bucketSQL + " IS NULL)")
        } catch {
            return unusable("the trend's conditions cannot be compiled: \(error.explanation)")
        }
        var from = SQLFragment(" FROM " + dialect.quote(schema.table) + " " + ScanBuilder.alias)
        for (index, join) in joins.enumerated() { from += join.clause(index, dialect: dialect) }
        plan.statement = "SELECT " + SQLFragment.join(select, separator: ", ") + from
            + " WHERE " + SQLFragment.join(conditions, separator: " AND ") + " GROUP BY 1 ORDER BY 1"
        return plan
    }

    /// A parent table joined once into the trend statement for the referential checks on its unique key.
    struct ParentJoin: Hashable {
        var table: String
        var key: String
        var column: String

        /// Its alias and the one column it exposes are names no table column has, so that the other checks'
        /// unqualified columns still mean the checked table's.
        static func alias(_ index: Int) -> String { "assay_parent_\(index + 1)" }
        static let keyName = "assay_parent_key"

        func clause(_ index: Int, dialect: any SQLDialect) -> SQLFragment {
            let alias = Self.alias(index)
            return SQLFragment(" LEFT JOIN (SELECT " + dialect.quote(key) + " AS " + Self.keyName + " FROM " + dialect.quote(table) + ") "
                + alias + " ON " + alias + "." + Self.keyName + " = " + ScanBuilder.alias + "." + dialect.quote(column))
        }
    }

    /// A referential check's violations as the check run counts them where the dialect joins references into the
    /// scan (the parent's key is unique): `fk IS NOT NULL AND parent.key IS NULL` over a LEFT JOIN, instead of a
    /// correlated `NOT EXISTS` per row. `nil` for any other check (its own condition is used).
    static func joinedOrphans(_ planned: PlannedCheck, table: TableSpec, schema: TableSchema, schemas: [String: TableSchema],
                              now: CivilDateTime, dialect: any SQLDialect, joins: inout [ParentJoin]) -> SQLFragment? {
        guard dialect.joinsReferencesIntoScan, case .references(let column, let parentName, let key) = planned.check.kind,
              let parent = schemas[parentName], let parentKey = parent.column(named: key), parent.uniqueKeys.contains([parentKey.name]),
              let child = schema.column(named: column),
              let binding = try? CheckBinding(check: planned.check, table: table, schema: schema, now: now, dialect: dialect) else { return nil }
        let compiler = SQLCompiler(dialect: dialect, schema: schema, now: now, qualifier: ScanBuilder.alias)
        let join = ParentJoin(table: parent.table, key: parentKey.name, column: child.name)
        let index = joins.firstIndex(of: join) ?? { joins.append(join); return joins.count - 1 }()
        let orphan = compiler.column(child.name) + " IS NOT NULL AND " + ParentJoin.alias(index) + "." + ParentJoin.keyName + " IS NULL"
        guard let scope = Expr.and(binding.scope) else { return orphan }
        guard let compiled = try? compiler.compile(scope) else { return nil }
        return compiled + " AND " + orphan
    }

    /// The table with every window removed: the trend's range takes their place.
    static func withoutWindows(_ table: TableSpec) -> TableSpec {
        var copy = table
        copy.window = nil
        copy.checks = table.checks.map { check in
            var unwindowed = check
            unwindowed.window = nil
            return unwindowed
        }
        return copy
    }

    private static func reason(_ planned: PlannedCheck) -> String {
        if case .invalid(let why) = planned.measure { return "cannot run: " + why }
        if planned.check.kind.isSchemaCheck { return "a schema check, decided from the catalogue" }
        return "measures the table as a whole or compares rows with each other, not row by row"
    }
}
