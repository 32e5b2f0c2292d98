/// Turns a table's checks into the fewest statements: every aggregate of every check in ONE scan,
/// one anti-join per referential check, and failing-row statements kept aside until a check fails.
///
/// Checks are bound to the table's real schema first; a check that names an unknown column or holds an
/// ill-typed condition becomes an ``Measure/invalid(_:)`` measure (reported as ERROR) and never reaches SQL.
package struct Planner: Sendable {
    package var dialect: any SQLDialect
    /// The instant the run treats as "now" (UTC).
    package var now: CivilDateTime
    /// Failing rows fetched per failed check.
    package var sampleLimit: Int
    /// Distinct values read for value-set and most-common-value checks (their pass/fail is exact regardless).
    package static let valueLimit = 1000

    package init(dialect: any SQLDialect, now: CivilDateTime, sampleLimit: Int = 5) {
        self.dialect = dialect
        self.now = now
        self.sampleLimit = sampleLimit
    }

    /// Plans one table.
    /// - Parameters:
    ///   - table: the table's checks.
    ///   - schemas: the catalogue of every table the checks refer to; a missing entry means the table does not exist.
    package func plan(_ table: TableSpec, schemas: [String: TableSchema]) -> TablePlan {
        guard let schema = schemas[table.name] else {
            return .unusable(table, TablePlan.TableError(code: .missingTable, message: "table '\(table.name)' does not exist in the source"))
        }
        var builder = ScanBuilder(sampleLimit: sampleLimit)
        var separateQueries = SeparateStatements()
        var planned: [PlannedCheck] = []
        for check in table.checks {
            if case .unsupported(_, let reason) = check.kind {
                planned.append(PlannedCheck(check: check, measure: .invalid(reason), sample: nil, sampleColumns: []))
                continue
            }
            do {
                let binding = try CheckBinding(check: check, table: table, schema: schema, now: now, dialect: dialect)
                planned.append(try plan(binding, schemas: schemas, scan: &builder, separate: &separateQueries))
            } catch {
                planned.append(PlannedCheck(check: check, measure: .invalid(error.message), sample: nil, sampleColumns: []))
            }
        }
        var queries: [PlannedQuery] = []
        if !builder.metrics.isEmpty {
            let compiler = SQLCompiler(dialect: dialect, schema: schema, now: now)
            do {
                let scan = try builder.statements(table: schema.table, compiler: compiler)
                var places: [Int: MetricRef] = [:]
                for (part, statement) in scan.parts.enumerated() {
                    for (column, metric) in statement.metrics.enumerated() { places[metric] = MetricRef(query: part, column: column) }
                }
                planned = planned.map { $0.placingScan(at: places, failures: scan.failures) }
                for (index, part) in scan.parts.enumerated() {
                    let ids = planned.filter { $0.measure.references.contains { $0.query == index } }.map(\.check.id)
                    queries.append(PlannedQuery(purpose: .scan, sql: part.sql, checkIDs: ids))
                }
            } catch {
                let reason = "could not compile the scan of '\(table.name)': \(error.explanation)"
                planned = planned.map { p in
                    guard builder.checkIDs.contains(p.check.id) else { return p }
                    return PlannedCheck(check: p.check, measure: .invalid(reason), sample: nil, sampleColumns: [])
                }
            }
        }
        // Separate statements follow the scan; shift their metric references past it.
        let offset = queries.count
        queries += separateQueries.queries
        planned = planned.map { $0.shiftingReferences(past: offset) }
        return TablePlan(spec: table, table: schema.table, queries: queries, checks: planned,
                         maskedColumns: PersonalData.maskedColumns(schema: schema, configured: table.piiColumns,
                                                                  excluded: table.notPIIColumns))
    }

    private func plan(_ binding: CheckBinding, schemas: [String: TableSchema], scan: inout ScanBuilder,
                      separate: inout SeparateStatements) throws(PlanError) -> PlannedCheck {
        let check = binding.check
        let compiler = SQLCompiler(dialect: dialect, schema: binding.schema, now: now)
        let keyColumns = binding.schema.primaryKey
        if let constraint = binding.provingConstraint() {
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            return PlannedCheck(check: check, measure: .proven(rows: rows, constraint: constraint), sample: nil, sampleColumns: [])
        }
        switch check.kind {
        case .columnExists, .columnSet, .columnCount, .columnType:
            return PlannedCheck(check: check, measure: binding.catalogueMeasure(), sample: nil, sampleColumns: [])
        case .rowCount:
            return PlannedCheck(check: check, measure: .rowCount(rows: scan.add(.rows(scope: binding.scope), for: check.id)),
                                sample: nil, sampleColumns: [])
        case .freshness(let column, _, _):
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            let newest = scan.add(.newest(scope: binding.scope, column: binding.resolved(column)), for: check.id)
            return PlannedCheck(check: check, measure: .newest(rows: rows, epochSeconds: newest), sample: nil, sampleColumns: [])
        case .unique(let columns, let counting):
            let cols = columns.map(binding.resolved)
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            let sample = try duplicateSample(cols, scope: binding.scope, table: binding.schema.table, compiler: compiler)
            if counting == .allRows {
                let repeated = scan.add(.repeatedRows(scope: binding.scope, columns: cols), for: check.id)
                return PlannedCheck(check: check, measure: .violations(rows: rows, violations: repeated),
                                    sample: sample, sampleColumns: cols + ["occurrences"],
                                    strategy: "every row of a repeated value, by a grouped subquery")
            }
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
                                     scan: &scan, references: &separate)
        case .statistic(let column, let statistic, _):
            let c = binding.resolved(column)
            if let problem = Applicability.problem(statistic, column: c, type: binding.schema.column(named: c)?.type ?? .unknown) {
                throw PlanError(problem)
            }
            return planStatistic(binding, column: c, statistic, scan: &scan)
        case .quantiles(let column, let ranges):
            let c = binding.resolved(column)
            let refs = ranges.map { scan.percentile(scope: binding.scope, column: c, fraction: $0.quantile, for: check.id) }
            return PlannedCheck(check: check, measure: .quantiles(refs), sample: nil, sampleColumns: [],
                                strategy: "every percentile of \(c) from one sort")
        case .distinctValues(let column, let values, _):
            let c = binding.resolved(column)
            let outside = try binding.membership(column, values, negated: true)
            let inside = try binding.membership(column, values, negated: false)
            let unexpected = scan.add(.distinct(scope: binding.scope + [outside], columns: [c]), for: check.id)
            let found = scan.add(.distinct(scope: binding.scope + [inside], columns: [c]), for: check.id)
            let listing = try valuesQuery(binding, column: c, compiler: compiler, into: &separate)
            return PlannedCheck(check: check, measure: .distinctSet(unexpected: unexpected, found: found,
                                                                    expected: Set(values).count, values: listing),
                                sample: nil, sampleColumns: [c, "occurrences"],
                                strategy: "set membership counted in the scan; the distinct values listed by one grouped statement")
        case .mostCommonValue(let column, _, _):
            let listing = try valuesQuery(binding, column: binding.resolved(column), compiler: compiler, into: &separate)
            return PlannedCheck(check: check, measure: .mostCommon(values: listing), sample: nil, sampleColumns: [],
                                strategy: "value frequencies by one grouped statement")
        case .monotonic(let column, let increasing, let strict, let orderBy):
            return try planOrder(binding, column: column, increasing: increasing, strict: strict, orderBy: orderBy,
                                 compiler: compiler, into: &separate)
        default:
            let (bare, textDates) = try binding.violationPredicate()
            let notDate = Expr.or(textDates.map { .notTemporalText(ColumnRef($0)) })
            let predicate = notDate.map { Expr.binary(.or, bare, $0) } ?? bare
            let rows = scan.add(.rows(scope: binding.scope), for: check.id)
            // With text read as dates, |bare ∪ notDate| = |bare| + |notDate| − |bare ∩ notDate|: the costly ISO-8601
            // test runs once per column (shared by the checks) and, per check, only on rows that already violate.
            let violations = scan.add(.matching(scope: binding.scope, predicate: notDate == nil ? predicate : bare), for: check.id)
            let columns = (keyColumns + check.kind.columns.map(binding.resolved)).uniqued()
            let filter = try compile(Expr.and(binding.scope + [predicate])!, compiler)
            let sample = "SELECT " + SQLFragment.join(columns.map(compiler.column), separator: ", ")
                + " FROM " + dialect.quote(binding.schema.table) + " WHERE " + filter + " LIMIT \(sampleLimit)"
            let values = check.kind.nullSkippingColumn.map { scan.add(.complete(scope: binding.scope, columns: [binding.resolved($0)]), for: check.id) }
            let notDates = notDate.map { n in
                NotDates(rows: scan.add(.matching(scope: binding.scope, predicate: n), for: check.id),
                         alsoViolating: scan.add(.matching(scope: binding.scope, predicate: .binary(.and, bare, n)), for: check.id),
                         columns: textDates)
            }
            let measure: Measure = values == nil && notDates == nil ? .violations(rows: rows, violations: violations)
                : .counted(rows: rows, violations: violations, values: values, notDates: notDates)
            return PlannedCheck(check: check, measure: measure, sample: sample, sampleColumns: columns,
                                violatingRows: RowSelection(table: binding.schema.table, alias: nil, condition: filter,
                                                            keyColumns: keyColumns))
        }
    }

    private func planStatistic(_ binding: CheckBinding, column c: String, _ statistic: Statistic,
                               scan: inout ScanBuilder) -> PlannedCheck {
        let check = binding.check, scope = binding.scope
        func add(_ metric: Metric) -> MetricRef { scan.add(metric, for: check.id) }
        func value(_ metric: Metric) -> Measure { .statistic(value: add(metric), denominator: nil) }
        // A unique key has as many distinct values as non-null ones: no distinct count needed.
        let isKey = binding.schema.uniqueKeys.contains { !$0.isEmpty && Set($0).isSubset(of: [c]) }
        let distinct: Metric = isKey ? .complete(scope: scope, columns: [c]) : .distinct(scope: scope, columns: [c])
        var strategy: String?
        let measure: Measure
        switch statistic {
        case .min: measure = value(.aggregate(scope: scope, .min, column: c))
        case .max: measure = value(.aggregate(scope: scope, .max, column: c))
        case .mean: measure = value(.aggregate(scope: scope, .avg, column: c))
        case .sum: measure = value(.aggregate(scope: scope, .sum, column: c))
        case .stddev: measure = value(.aggregate(scope: scope, .stddev, column: c))
        case .median:
            // The two middle values (the same one for an odd count), read with the column's other percentiles:
            // position ceil(f·n) for f = 0.5 and for f just above it, exact for fewer than 10^12 rows.
            measure = .median(lower: scan.percentile(scope: scope, column: c, fraction: 0.5, for: check.id),
                              upper: scan.percentile(scope: scope, column: c, fraction: 0.5 + 1e-12, for: check.id))
            strategy = "the two middle values from the one sort of \(c)"
        case .distinctCount: measure = value(distinct)
        case .uniqueProportion: measure = .statistic(value: add(distinct), denominator: add(.complete(scope: scope, columns: [c])))
        }
        if isKey, statistic == .distinctCount || statistic == .uniqueProportion {
            strategy = "\(c) is a unique key: its distinct values are its non-null values"
        }
        return PlannedCheck(check: check, measure: measure, sample: nil, sampleColumns: [], strategy: strategy)
    }

    func compile(_ expr: Expr, _ compiler: SQLCompiler) throws(PlanError) -> SQLFragment {
        do {
            return try compiler.compile(expr)
        } catch {
            throw PlanError(error.explanation)
        }
    }

    /// ``SQLCompiler/presentRows(_:scope:)``, with errors phrased for the plan.
    func presentRows(_ columns: [String], scope: [Expr], _ compiler: SQLCompiler) throws(PlanError) -> SQLFragment {
        do {
            return try compiler.presentRows(columns, scope: scope)
        } catch {
            throw PlanError(error.explanation)
        }
    }
}

extension CheckKind {
    /// The column whose non-null values a check tests, for the checks that skip NULLs (so a result can say how many
    /// values were tested, not only how many rows).
    var nullSkippingColumn: String? {
        switch self {
        case .regex(let c, _, _), .inSet(let c, _, _), .between(let c, _, _, _, _), .lengthBetween(let c, _, _), .dateFormat(let c, _): c
        default: nil
        }
    }
}

/// Why a check cannot be planned, phrased for a person.
struct PlanError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension PlannedCheck {
    /// Moves references to separate statements (numbered negatively while planning) to their final positions.
    func shiftingReferences(past scanQueries: Int) -> PlannedCheck {
        var copy = self
        copy.measure = measure.mapReferences { ref in
            ref.query < 0 ? MetricRef(query: scanQueries + (-1 - ref.query), column: ref.column, element: ref.element) : ref
        }
        return copy
    }
}

extension PlannedCheck {
    /// Points references to the scan's metrics (query 0, the metric's position) at the statement and column of the
    /// split scan that computes them; a check whose metric could not be placed becomes invalid with the reason.
    func placingScan(at places: [Int: MetricRef], failures: [Int: String]) -> PlannedCheck {
        if let reason = measure.references.lazy.filter({ $0.query == 0 }).compactMap({ failures[$0.column] }).first {
            return PlannedCheck(check: check, measure: .invalid(reason), sample: nil, sampleColumns: [])
        }
        var copy = self
        copy.measure = measure.mapReferences { ref in
            guard ref.query == 0, let place = places[ref.column] else { return ref }
            return MetricRef(query: place.query, column: place.column, element: ref.element)
        }
        return copy
    }
}

extension Measure {
    /// Every metric reference of the measure.
    var references: [MetricRef] {
        var found: [MetricRef] = []
        _ = mapReferences { found.append($0); return $0 }
        return found
    }

    /// The same measure with every metric reference transformed.
    func mapReferences(_ f: (MetricRef) -> MetricRef) -> Measure {
        switch self {
        case .violations(let r, let v): .violations(rows: f(r), violations: f(v))
        case .counted(let r, let v, let n, let d):
            .counted(rows: f(r), violations: f(v), values: n.map(f), notDates: d.map { NotDates(rows: f($0.rows), alsoViolating: f($0.alsoViolating), columns: $0.columns) })
        case .duplicates(let r, let c, let d): .duplicates(rows: f(r), complete: f(c), distinct: f(d))
        case .groupedDuplicates(let r, let g): .groupedDuplicates(rows: f(r), result: f(g))
        case .rowCount(let r): .rowCount(rows: f(r))
        case .newest(let r, let n): .newest(rows: f(r), epochSeconds: f(n))
        case .statistic(let v, let d): .statistic(value: f(v), denominator: d.map(f))
        case .median(let lower, let upper): .median(lower: f(lower), upper: f(upper))
        case .quantiles(let refs): .quantiles(refs.map(f))
        case .distinctSet(let u, let found, let e, let v): .distinctSet(unexpected: f(u), found: f(found), expected: e, values: f(v))
        case .mostCommon(let v): .mostCommon(values: f(v))
        case .proven(let r, let c): .proven(rows: f(r), constraint: c)
        case .catalogue, .invalid: self
        }
    }
}
