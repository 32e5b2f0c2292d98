/// The checks that need statements of another shape than the scan: references, value listings, row order,
/// and the failing-row statement of duplicates.
extension Planner {
    func planReference(_ binding: CheckBinding, column: String, parentName: String, key: String,
                               schemas: [String: TableSchema], scan: inout ScanBuilder,
                               references: inout SeparateStatements) throws(PlanError) -> PlannedCheck {
        guard let parent = schemas[parentName] else {
            throw PlanError("referenced table '\(parentName)' does not exist in the source")
        }
        guard let parentKey = parent.column(named: key) else {
            throw PlanError(parent.unknownColumnMessage(key, role: "referenced table"))
        }
        let child = SQLCompiler(dialect: dialect, schema: binding.schema, now: now, qualifier: ScanBuilder.alias)
        let fk = child.column(binding.resolved(column))
        let orphan = fk + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + dialect.quote(parent.table) + " p WHERE p."
            + dialect.quote(parentKey.name) + " = " + fk + ")"
        let scope = try Expr.and(binding.scope).map { e throws(PlanError) in try compile(e, child) }
        let from = " FROM " + dialect.quote(binding.schema.table) + " " + ScanBuilder.alias
        let columns = (binding.schema.primaryKey.map { child.column($0) } + [fk]).uniqued()
        let names = (binding.schema.primaryKey + [binding.resolved(column)]).uniqued()
        let sampleFilter = scope.map { $0 + " AND " + orphan } ?? orphan
        let sample = "SELECT " + SQLFragment.join(columns, separator: ", ") + from + " WHERE " + sampleFilter + " LIMIT \(sampleLimit)"
        let violating = RowSelection(table: binding.schema.table, alias: ScanBuilder.alias, condition: sampleFilter,
                                     keyColumns: binding.schema.primaryKey)
        if dialect.joinsReferencesIntoScan, parent.uniqueKeys.contains([parentKey.name]) {
            let join = scan.join(ScanBuilder.Join(table: parent.table, key: parentKey.name, column: binding.resolved(column)))
            let rows = scan.add(.rows(scope: binding.scope), for: binding.check.id)
            let orphans = scan.add(.orphans(scope: binding.scope, column: binding.resolved(column), join: join), for: binding.check.id)
            return PlannedCheck(check: binding.check, measure: .violations(rows: rows, violations: orphans),
                                sample: sample, sampleColumns: names,
                                strategy: "orphans by a LEFT JOIN on the unique key \(parent.table)(\(parentKey.name)) inside the scan",
                                violatingRows: violating)
        }
        let whereScope = scope.map { " WHERE " + $0 } ?? SQLFragment()
        let statement = "SELECT COUNT(*), " + dialect.count(where: orphan) + from + whereScope
        // Separate statements are numbered negatively here and shifted past the scan by `plan(_:schemas:)`.
        let query = references.add(PlannedQuery(purpose: .references(checkID: binding.check.id), sql: statement, checkIDs: [binding.check.id]))
        return PlannedCheck(check: binding.check,
                            measure: .violations(rows: MetricRef(query: query, column: 0), violations: MetricRef(query: query, column: 1)),
                            sample: sample, sampleColumns: names, violatingRows: violating)
    }

    /// `SELECT column, COUNT(*) ... GROUP BY column ORDER BY COUNT(*) DESC`: the distinct values, most frequent first.
    func valuesQuery(_ binding: CheckBinding, column: String, compiler: SQLCompiler,
                             into separate: inout SeparateStatements) throws(PlanError) -> MetricRef {
        let c = compiler.column(column)
        let sql = "SELECT " + c + ", COUNT(*) FROM " + dialect.quote(binding.schema.table)
            + (try presentRows([column], scope: binding.scope, compiler)) + " GROUP BY " + c + " ORDER BY COUNT(*) DESC, " + c
            + " LIMIT \(Self.valueLimit)"
        return separate.listing(sql, for: binding.check.id)
    }

    /// Each non-null value against the value in the row before it, by `LAG` over the order key.
    func planOrder(_ binding: CheckBinding, column: String, increasing: Bool, strict: Bool, orderBy: String?,
                           compiler: SQLCompiler, into separate: inout SeparateStatements) throws(PlanError) -> PlannedCheck {
        let check = binding.check
        let keys: [SQLFragment]
        let keyNames: [String]
        if let orderBy {
            keyNames = [binding.resolved(orderBy)]
            keys = keyNames.map(compiler.column)
        } else if !binding.schema.primaryKey.isEmpty {
            keyNames = binding.schema.primaryKey
            keys = keyNames.map(compiler.column)
        } else if dialect.name == "sqlite" {
            keyNames = []
            keys = [SQLFragment("rowid")]
        } else {
            throw PlanError("\(check.kind.name) needs 'order_by': table '\(binding.schema.table)' has no primary key to order rows by")
        }
        let c = compiler.column(column)
        let op = switch (increasing, strict) {
        case (true, false): " < "
        case (true, true): " <= "
        case (false, false): " > "
        case (false, true): " >= "
        }
        let filter = try Expr.and(binding.scope).map { e throws(PlanError) in " WHERE " + (try compile(e, compiler)) } ?? SQLFragment()
        let keyList = SQLFragment.join(keys, separator: ", ")
        let from = " FROM " + dialect.quote(binding.schema.table) + filter
        let counts = separate.order(column: c, op: op, from: from, keys: keyList, dialect: dialect, for: check.id)
        let ordered = "(SELECT " + SQLFragment.join(keyNames.map(compiler.column) + [c + " AS v"], separator: ", ")
            + ", LAG(" + c + ") OVER (ORDER BY " + keyList + ") AS prev" + from + ") s"
        let sampleNames = keyNames + [binding.resolved(column), "previous"]
        let sample = "SELECT " + SQLFragment.join(keyNames.map { "s." + compiler.column($0) } + [SQLFragment("s.v"), SQLFragment("s.prev")], separator: ", ")
            + " FROM " + ordered + " WHERE " + SQLFragment("s.v" + op + "s.prev") + " LIMIT \(sampleLimit)"
        return PlannedCheck(check: check, measure: .violations(rows: counts.rows, violations: counts.violations),
                            sample: sample, sampleColumns: sampleNames,
                            strategy: "each value against the previous row in the order of \(keyNames.isEmpty ? "rowid" : keyNames.joined(separator: ", ")), by a window function")
    }

    func duplicateSample(_ columns: [String], scope: [Expr], table: String, compiler: SQLCompiler) throws(PlanError) -> SQLFragment {
        let cols = SQLFragment.join(columns.map(compiler.column), separator: ", ")
        return "SELECT " + cols + ", COUNT(*) FROM " + dialect.quote(table) + (try presentRows(columns, scope: scope, compiler))
            + " GROUP BY " + cols + " HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC LIMIT \(sampleLimit)"
    }
}
