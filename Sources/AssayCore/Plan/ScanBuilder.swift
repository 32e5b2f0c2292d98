/// Collects the metrics of all checks on one table and writes them as one aggregate SELECT.
/// Identical metrics are computed once; scope conditions shared by every metric move to WHERE.
struct ScanBuilder {
    /// A parent table joined on a unique key, for references checked inside the scan.
    struct Join: Hashable {
        var table: String
        var key: String
        var column: String
    }

    private(set) var metrics: [Metric] = []
    private(set) var checkIDs: [String] = []
    /// Where each metric is in ``metrics``, and the checks already listed: large suites add in constant time.
    private var positions: [Metric: Int] = [:]
    private var checkIDSet: Set<String> = []
    private(set) var joins: [Join] = []
    /// Most repeated values returned with each grouped duplicate count.
    let sampleLimit: Int

    init(sampleLimit: Int) { self.sampleLimit = sampleLimit }

    /// Adds a discrete percentile as one more element of the column's shared ordered aggregate.
    mutating func percentile(scope: [Expr], column: String, fraction: Double, for checkID: String) -> MetricRef {
        if checkIDSet.insert(checkID).inserted { checkIDs.append(checkID) }
        for (index, metric) in metrics.enumerated() {
            guard case .percentiles(scope, column, var fractions) = metric else { continue }
            if let element = fractions.firstIndex(of: fraction) { return MetricRef(query: 0, column: index, element: element) }
            fractions.append(fraction)
            metrics[index] = .percentiles(scope: scope, column: column, fractions: fractions)
            return MetricRef(query: 0, column: index, element: fractions.count - 1)
        }
        metrics.append(.percentiles(scope: scope, column: column, fractions: [fraction]))
        return MetricRef(query: 0, column: metrics.count - 1, element: 0)
    }

    /// Adds (or finds) a LEFT JOIN of `table` on `key = column`; returns its position.
    mutating func join(_ join: Join) -> Int {
        if let index = joins.firstIndex(of: join) { return index }
        joins.append(join)
        return joins.count - 1
    }

    /// The alias of the scanned table when the scan joins others.
    static let alias = "c"

    static func joinAlias(_ index: Int) -> String { "p\(index + 1)" }

    /// Adds a metric (or finds the identical one already added) and returns where its value will be.
    mutating func add(_ metric: Metric, for checkID: String) -> MetricRef {
        if checkIDSet.insert(checkID).inserted { checkIDs.append(checkID) }
        if let index = positions[metric] { return MetricRef(query: 0, column: index) }
        metrics.append(metric)
        positions[metric] = metrics.count - 1
        return MetricRef(query: 0, column: metrics.count - 1)
    }

    /// One statement of the scan and the metrics (positions in ``metrics``) its result columns hold, in order.
    struct Part {
        var sql: SQLFragment
        var metrics: [Int]
    }

    /// The scan: `SELECT <aggregates> FROM table [LEFT JOIN parent ...] [WHERE <scope shared by all>]`.
    ///
    /// A normal suite gets ONE statement. Only when the aggregates pass the dialect's limits on result columns or
    /// bound values per statement is the scan split, into as few statements as the limits allow (each then reads the
    /// table once). A metric that cannot be compiled, or that alone carries more bound values than a statement
    /// may, is left out and reported in `failures` with the reason; the other metrics still run.
    /// - Throws: ``ConditionError`` when the scope shared by every metric cannot be compiled.
    func statements(table: String, compiler base: SQLCompiler) throws(ConditionError) -> (parts: [Part], failures: [Int: String]) {
        let common = metrics.dropFirst().reduce(metrics.first?.scope ?? []) { shared, metric in
            shared.filter(metric.scope.contains)
        }
        var compiler = base
        if !joins.isEmpty { compiler.qualifier = Self.alias }
        let dialect = compiler.dialect
        var from = SQLFragment(" FROM " + dialect.quote(table))
        if !joins.isEmpty { from += " " + Self.alias }
        for (index, join) in joins.enumerated() {
            let alias = Self.joinAlias(index)
            let on = " LEFT JOIN " + dialect.quote(join.table) + " \(alias) ON \(alias)." + dialect.quote(join.key) + " = "
            from += on + compiler.column(join.column)
        }
        if let condition = Expr.and(common) { from += " WHERE " + (try compiler.compile(condition)) }
        let room = dialect.maxBoundValues - from.bindings.count
        var failures: [Int: String] = [:]
        var groups: [(columns: [SQLFragment], metrics: [Int], bindings: Int)] = []
        for (index, metric) in metrics.enumerated() {
            let column: SQLFragment
            do throws(ConditionError) {
                if let subquery = try subquery(metric, table: table, compiler: base) {
                    column = subquery
                } else {
                    column = try aggregate(metric.removingScope(common), compiler: compiler)
                }
            } catch {
                failures[index] = error.explanation
                continue
            }
            guard column.nestingDepth <= dialect.maxSQLNesting else {
                failures[index] = "the condition nests \(column.nestingDepth) levels deep in SQL; \(dialect.name) accepts at most "
                    + "\(dialect.maxSQLNesting) (its parser's limit): simplify it"
                continue
            }
            guard column.bindings.count <= room else {
                failures[index] = "needs \(column.bindings.count) bound values, more than \(dialect.name) allows in one statement (\(dialect.maxBoundValues))"
                continue
            }
            if let last = groups.last, last.columns.count < dialect.maxResultColumns, last.bindings + column.bindings.count <= room {
                groups[groups.count - 1].columns.append(column)
                groups[groups.count - 1].metrics.append(index)
                groups[groups.count - 1].bindings += column.bindings.count
            } else {
                groups.append(([column], [index], column.bindings.count))
            }
        }
        let parts = groups.map { Part(sql: "SELECT " + SQLFragment.join($0.columns, separator: ", ") + from, metrics: $0.metrics) }
        return (parts, failures)
    }

    /// Metrics computed by a scalar subquery of their own inside the scan's SELECT list: they need another shape
    /// (grouping, ordering, two passes) than the scan's aggregates.
    private func subquery(_ metric: Metric, table: String, compiler: SQLCompiler) throws(ConditionError) -> SQLFragment? {
        let dialect = compiler.dialect
        let from = " FROM " + dialect.quote(table)
        switch metric {
        case .duplicateRows:
            return try duplicateRows(metric, table: table, compiler: compiler)
        case .repeatedRows(let scope, let columns):
            let keys = SQLFragment.join(columns.map(compiler.column), separator: ", ")
            return "(SELECT COALESCE(SUM(g.n), 0) FROM (SELECT COUNT(*) AS n" + from + (try compiler.presentRows(columns, scope: scope))
                + " GROUP BY " + keys + " HAVING COUNT(*) > 1) g)"
        case .aggregate(let scope, .stddev, let column) where !dialect.hasStatisticalAggregates:
            // Two passes (mean, then squared deviations): exact where the one-pass formula loses digits.
            let c = compiler.column(column)
            let filter = try compiler.presentRows([column], scope: scope)
            return "(SELECT sqrt(SUM((" + c + " - m.assay_mean) * (" + c + " - m.assay_mean)) / (COUNT(*) - 1))" + from
                + ", (SELECT AVG(" + c + ") AS assay_mean" + from + filter + ") m" + filter + ")"
        case .percentiles(let scope, let column, let fractions):
            // A scalar subquery, so the ordered aggregate (never parallel) does not make the whole scan serial.
            let c = compiler.column(column)
            let rows = from + (try compiler.presentRows([column], scope: scope))
            if dialect.hasStatisticalAggregates {
                let list = SQLFragment.join(fractions.map { dialect.bind(.double($0)) }, separator: ", ")
                return "(SELECT percentile_disc(ARRAY[" + list + "]::float8[]) WITHIN GROUP (ORDER BY " + c + ")" + rows + ")::text"
            }
            // Without percentile_disc: number the rows in order once, pick position ceil(f·n) (at least 1) for each f.
            let picks = fractions.map { f -> SQLFragment in
                let rank = "s.n * " + dialect.bind(.double(f))
                return "MAX(CASE WHEN s.r = MAX(1, CAST(" + rank + " AS INTEGER) + (" + rank + " > CAST(" + rank
                    + " AS INTEGER))) THEN s.v END)"
            }
            return "(SELECT json_array(" + SQLFragment.join(picks, separator: ", ") + ") FROM (SELECT " + c
                + " AS v, ROW_NUMBER() OVER (ORDER BY " + c + ") AS r, COUNT(*) OVER () AS n" + rows + ") s)"
        case .distinct(let scope, let columns) where dialect.countsDuplicatesByGrouping:
            // Distinct values by hash aggregation: COUNT(DISTINCT) sorts, and makes the scan serial.
            return "(SELECT COUNT(*) FROM (SELECT 1" + from + (try compiler.presentRows(columns, scope: scope))
                + " GROUP BY " + SQLFragment.join(columns.map(compiler.column), separator: ", ") + ") d)"
        default:
            return nil
        }
    }

    /// `(SELECT json_build_array(SUM(n - 1), <most repeated values>) FROM (SELECT cols, COUNT(*) n ... GROUP BY cols
    /// HAVING COUNT(*) > 1))`: one hash aggregation gives the exact duplicate count and the failing-row sample,
    /// without `COUNT(DISTINCT)`, which would make PostgreSQL's scan serial.
    private func duplicateRows(_ metric: Metric, table: String, compiler: SQLCompiler) throws(ConditionError) -> SQLFragment {
        guard case .duplicateRows(let scope, let columns) = metric else { return SQLFragment("NULL") }
        let keys = SQLFragment.join(columns.map(compiler.column), separator: ", ")
        let aliased = SQLFragment.join(columns.indices.map { compiler.column(columns[$0]) + " AS k\($0 + 1)" }, separator: ", ")
        let sampleValues = columns.indices.map { "d.k\($0 + 1), " }.joined()
        return "(SELECT json_build_array(COALESCE(SUM(d.n - 1), 0), COALESCE(json_agg(json_build_array(" + sampleValues
            + "d.n) ORDER BY d.r) FILTER (WHERE d.r <= \(sampleLimit)), '[]'::json))::text FROM (SELECT " + aliased
            + ", COUNT(*) AS n, row_number() OVER (ORDER BY COUNT(*) DESC) AS r FROM " + compiler.dialect.quote(table)
            + (try compiler.presentRows(columns, scope: scope)) + " GROUP BY " + keys
            + " HAVING COUNT(*) > 1) d)"
    }

    private func aggregate(_ metric: Metric, compiler: SQLCompiler) throws(ConditionError) -> SQLFragment {
        let dialect = compiler.dialect
        let scope = try Expr.and(metric.scope).map { e throws(ConditionError) in try compiler.compile(e) }
        func filtered(_ aggregate: SQLFragment) -> SQLFragment {
            scope.map { aggregate + " FILTER (WHERE " + $0 + ")" } ?? aggregate
        }
        switch metric {
        case .rows:
            return dialect.count(where: scope)
        case .matching(_, let predicate):
            let p = try compiler.compile(predicate)
            return dialect.count(where: scope.map { $0 + " AND " + p } ?? p)
        case .complete(_, let columns):
            let present = SQLFragment.join(columns.map { compiler.column($0) + " IS NOT NULL" }, separator: " AND ")
            if columns.count == 1 { return filtered("COUNT(" + compiler.column(columns[0]) + ")") }
            return dialect.count(where: scope.map { $0 + " AND " + present } ?? present)
        case .distinct(_, let columns):
            return filtered(dialect.distinctCount(columns.map(compiler.column)))
        case .newest(_, let column):
            let type = compiler.typer.schema.column(named: column)?.type ?? .timestamp
            guard type == .text else { return filtered(dialect.newestEpochSeconds(compiler.column(column), type: type)) }
            return filtered(dialect.newestEpochSeconds(dialect.temporalFromText(compiler.column(column)), type: .timestamp))
        case .orphans(_, let column, let join):
            let orphan = compiler.column(column) + " IS NOT NULL AND " + Self.joinAlias(join) + "."
                + dialect.quote(joins[join].key) + " IS NULL"
            return dialect.count(where: scope.map { $0 + " AND " + orphan } ?? orphan)
        case .aggregate(_, let function, let column):
            var c = compiler.column(column)
            if dialect.hasBooleanType, compiler.typer.schema.column(named: column)?.type == .boolean {
                // Booleans as 0 and 1, as GX and SQLite take them: the mean is the share of true values.
                switch function {
                case .min: return filtered("bool_and(" + c + ")")
                case .max: return filtered("bool_or(" + c + ")")
                default: c = "CAST(" + c + " AS integer)"
                }
            }
            switch function {
            case .min: return filtered("MIN(" + c + ")")
            case .max: return filtered("MAX(" + c + ")")
            case .avg: return filtered("AVG(" + c + ")")
            case .sum: return filtered("SUM(" + c + ")")
            case .stddev: return filtered("stddev_samp(" + c + ")")
            }
        case .duplicateRows, .repeatedRows, .percentiles:
            return SQLFragment("NULL")
        }
    }
}
