/// Turns a table's checks into the fewest statements: every aggregate of every check in ONE scan,
/// one anti-join per referential check, and failing-row statements kept aside until a check fails.
///
/// Checks are bound to the table's real schema first; a check that names an unknown column or holds an
/// ill-typed condition becomes an ``Measure/invalid(_:)`` measure (reported as ERROR) and never reaches SQL.
public struct Planner: Sendable {
    public var dialect: any SQLDialect
    /// The instant the run treats as "now" (UTC).
    public var now: CivilDateTime
    /// Failing rows fetched per failed check.
    public var sampleLimit: Int

    public init(dialect: any SQLDialect, now: CivilDateTime, sampleLimit: Int = 5) {
        self.dialect = dialect
        self.now = now
        self.sampleLimit = sampleLimit
    }

    /// Plans one table.
    /// - Parameters:
    ///   - table: the table's checks.
    ///   - schemas: the catalogue of every table the checks refer to; a missing entry means the table does not exist.
    public func plan(_ table: TableSpec, schemas: [String: TableSchema]) -> TablePlan {
        guard let schema = schemas[table.name] else {
            let reason = "table '\(table.name)' does not exist in the source"
            return TablePlan(table: table.name, queries: [],
                             checks: table.checks.map { PlannedCheck(check: $0, measure: .invalid(reason), sample: nil, sampleColumns: []) },
                             maskedColumns: [], tableError: reason)
        }
        var builder = ScanBuilder(sampleLimit: sampleLimit)
        var referenceQueries: [PlannedQuery] = []
        var planned: [PlannedCheck] = []
        for check in table.checks {
            do {
                let binding = try CheckBinding(check: check, table: table, schema: schema, now: now)
                planned.append(try plan(binding, schemas: schemas, scan: &builder, references: &referenceQueries))
            } catch {
                planned.append(PlannedCheck(check: check, measure: .invalid(error.message), sample: nil, sampleColumns: []))
            }
        }
        var queries: [PlannedQuery] = []
        if !builder.metrics.isEmpty {
            let compiler = SQLCompiler(dialect: dialect, schema: schema, now: now)
            do {
                queries.append(PlannedQuery(purpose: .scan, sql: try builder.statement(table: schema.table, compiler: compiler),
                                            checkIDs: builder.checkIDs))
            } catch {
                let reason = "could not compile the scan of '\(table.name)': \(error.explanation)"
                planned = planned.map { p in
                    guard builder.checkIDs.contains(p.check.id) else { return p }
                    return PlannedCheck(check: p.check, measure: .invalid(reason), sample: nil, sampleColumns: [])
                }
            }
        }
        // Anti-joins follow the scan; shift their metric references past it.
        let offset = queries.count
        queries += referenceQueries
        planned = planned.map { $0.shiftingReferences(past: offset) }
        return TablePlan(table: schema.table, queries: queries, checks: planned,
                         maskedColumns: PersonalData.maskedColumns(schema: schema, configured: table.piiColumns),
                         tableError: nil)
    }

    private func plan(_ binding: CheckBinding, schemas: [String: TableSchema], scan: inout ScanBuilder,
                      references: inout [PlannedQuery]) throws(PlanError) -> PlannedCheck {
        let check = binding.check
        let compiler = SQLCompiler(dialect: dialect, schema: binding.schema, now: now)
        let keyColumns = binding.schema.primaryKey
        if let constraint = binding.provingConstraint() {
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            return PlannedCheck(check: check, measure: .proven(rows: rows, constraint: constraint), sample: nil, sampleColumns: [])
        }
        switch check.kind {
        case .columnExists, .columnSet:
            return PlannedCheck(check: check, measure: binding.schemaMeasure(), sample: nil, sampleColumns: [])
        case .rowCount:
            return PlannedCheck(check: check, measure: .rowCount(rows: scan.add(.rows(scope: binding.scope), for: check.id)),
                                sample: nil, sampleColumns: [])
        case .freshness(let column, _, _):
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            let newest = scan.add(.newest(scope: binding.scope, column: binding.resolved(column)), for: check.id)
            return PlannedCheck(check: check, measure: .newest(rows: rows, epochSeconds: newest), sample: nil, sampleColumns: [])
        case .unique(let columns):
            let cols = columns.map(binding.resolved)
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            let sample = try duplicateSample(cols, scope: binding.scope, table: binding.schema.table, compiler: compiler)
            if dialect.countsDuplicatesByGrouping {
                let duplicates = scan.add(.duplicateRows(scope: binding.scope, columns: cols), for: check.id)
                return PlannedCheck(check: check, measure: .groupedDuplicates(rows: rows, result: duplicates),
                                    sample: nil, sampleColumns: cols + ["occurrences"],
                                    strategy: "duplicates and their most repeated values by one grouped subquery (hash aggregation; COUNT(DISTINCT) would make the scan serial)")
            }
            let complete = scan.add(.complete(scope: binding.scope, columns: cols), for: check.id)
            let distinct = scan.add(.distinct(scope: binding.scope, columns: cols), for: check.id)
            return PlannedCheck(check: check, measure: .duplicates(rows: rows, complete: complete, distinct: distinct),
                                sample: sample, sampleColumns: cols + ["occurrences"])
        case .references(let column, let parentName, let key):
            return try planReference(binding, column: column, parentName: parentName, key: key, schemas: schemas,
                                     scan: &scan, references: &references)
        default:
            let predicate = try binding.violationPredicate()
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            let violations = scan.add(.matching(scope: binding.scope, predicate: predicate), for: check.id)
            let columns = (keyColumns + check.kind.columns.map(binding.resolved)).uniqued()
            let filter = try compile(Expr.and(binding.scope + [predicate])!, compiler)
            let sample = "SELECT " + SQLFragment.join(columns.map(compiler.column), separator: ", ")
                + " FROM " + dialect.quote(binding.schema.table) + " WHERE " + filter + " LIMIT \(sampleLimit)"
            return PlannedCheck(check: check, measure: .violations(rows: rows, violations: violations),
                                sample: sample, sampleColumns: columns)
        }
    }

    private func planReference(_ binding: CheckBinding, column: String, parentName: String, key: String,
                               schemas: [String: TableSchema], scan: inout ScanBuilder,
                               references: inout [PlannedQuery]) throws(PlanError) -> PlannedCheck {
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
        if dialect.joinsReferencesIntoScan, parent.uniqueKeys.contains([parentKey.name]) {
            let join = scan.join(ScanBuilder.Join(table: parent.table, key: parentKey.name, column: binding.resolved(column)))
            let rows = scan.add(.rows(scope: binding.scope), for: binding.check.id)
            let orphans = scan.add(.orphans(scope: binding.scope, column: binding.resolved(column), join: join), for: binding.check.id)
            return PlannedCheck(check: binding.check, measure: .violations(rows: rows, violations: orphans),
                                sample: sample, sampleColumns: names,
                                strategy: "orphans by a LEFT JOIN on the unique key \(parent.table)(\(parentKey.name)) inside the scan")
        }
        let whereScope = scope.map { " WHERE " + $0 } ?? SQLFragment()
        let statement = "SELECT COUNT(*), " + dialect.count(where: orphan) + from + whereScope
        let index = references.count
        references.append(PlannedQuery(purpose: .references(checkID: binding.check.id), sql: statement, checkIDs: [binding.check.id]))
        // References are numbered among the anti-joins here and shifted past the scan by `plan(_:schemas:)`.
        return PlannedCheck(check: binding.check,
                            measure: .violations(rows: MetricRef(query: -1 - index, column: 0), violations: MetricRef(query: -1 - index, column: 1)),
                            sample: sample, sampleColumns: names)
    }

    private func duplicateSample(_ columns: [String], scope: [Expr], table: String, compiler: SQLCompiler) throws(PlanError) -> SQLFragment {
        let cols = SQLFragment.join(columns.map(compiler.column), separator: ", ")
        let present = columns.map { compiler.column($0) + " IS NOT NULL" }
        let filter = try Expr.and(scope).map { e throws(PlanError) in try compile(e, compiler) }
        let conditions = SQLFragment.join((filter.map { [$0.parenthesized] } ?? []) + present, separator: " AND ")
        return "SELECT " + cols + ", COUNT(*) FROM " + dialect.quote(table) + " WHERE " + conditions
            + " GROUP BY " + cols + " HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC LIMIT \(sampleLimit)"
    }

    private func compile(_ expr: Expr, _ compiler: SQLCompiler) throws(PlanError) -> SQLFragment {
        do {
            return try compiler.compile(expr)
        } catch {
            throw PlanError(error.explanation)
        }
    }
}

/// Why a check cannot be planned, phrased for a person.
struct PlanError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension PlannedCheck {
    /// Moves anti-join references (numbered negatively while planning) to their final query positions.
    func shiftingReferences(past scanQueries: Int) -> PlannedCheck {
        guard case .violations(let rows, let violations) = measure, rows.query < 0 else { return self }
        var copy = self
        let query = scanQueries + (-1 - rows.query)
        copy.measure = .violations(rows: MetricRef(query: query, column: rows.column),
                                   violations: MetricRef(query: query, column: violations.column))
        return copy
    }
}
