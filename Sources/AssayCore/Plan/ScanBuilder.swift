/// Collects the metrics of all checks on one table and writes them as one aggregate SELECT.
/// Identical metrics are computed once; scope conditions shared by every metric move to WHERE.
struct ScanBuilder {
    private(set) var metrics: [Metric] = []
    private(set) var checkIDs: [String] = []

    /// Adds a metric (or finds the identical one already added) and returns where its value will be.
    mutating func add(_ metric: Metric, for checkID: String) -> MetricRef {
        if !checkIDs.contains(checkID) { checkIDs.append(checkID) }
        if let index = metrics.firstIndex(of: metric) { return MetricRef(query: 0, column: index) }
        metrics.append(metric)
        return MetricRef(query: 0, column: metrics.count - 1)
    }

    /// `SELECT <aggregates> FROM table [WHERE <scope shared by all>]`.
    func statement(table: String, compiler: SQLCompiler) throws(ConditionError) -> SQLFragment {
        let common = metrics.dropFirst().reduce(metrics.first?.scope ?? []) { shared, metric in
            shared.filter(metric.scope.contains)
        }
        var columns: [SQLFragment] = []
        for metric in metrics { columns.append(try aggregate(metric.removingScope(common), compiler: compiler)) }
        var sql = "SELECT " + SQLFragment.join(columns, separator: ", ") + " FROM " + compiler.dialect.quote(table)
        if let condition = Expr.and(common) { sql += " WHERE " + (try compiler.compile(condition)) }
        return sql
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
            return filtered(dialect.newestEpochSeconds(compiler.column(column), type: type))
        }
    }
}
