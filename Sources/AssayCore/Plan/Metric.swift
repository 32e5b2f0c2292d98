/// One aggregate a query computes. Checks that need the same aggregate share one column of the query.
package enum Metric: Sendable, Hashable {
    /// Rows in scope.
    case rows(scope: [Expr])
    /// Rows in scope where `predicate` is true.
    case matching(scope: [Expr], predicate: Expr)
    /// Rows in scope where every column is non-null.
    case complete(scope: [Expr], columns: [String])
    /// Distinct non-null combinations of the columns among rows in scope.
    case distinct(scope: [Expr], columns: [String])
    /// Newest value of a temporal column among rows in scope, as seconds since 1970 (UTC).
    case newest(scope: [Expr], column: String)
    /// Rows in scope beyond the first of each non-null value of the columns, by a grouped subquery.
    case duplicateRows(scope: [Expr], columns: [String])
    /// Rows in scope whose non-null `column` finds no row in the joined parent (`join` is its position).
    case orphans(scope: [Expr], column: String, join: Int)
    /// Rows in scope whose non-null value of the columns occurs more than once, by a grouped subquery.
    case repeatedRows(scope: [Expr], columns: [String])
    /// An aggregate of the column's non-null values among rows in scope.
    case aggregate(scope: [Expr], Aggregate, column: String)
    /// Discrete percentiles of one column's non-null values — for each fraction f, the value at position
    /// ceil(f·n) in order, as `percentile_disc` — from ONE sort, as an array whose elements ``MetricRef/element`` picks.
    case percentiles(scope: [Expr], column: String, fractions: [Double])

    package var scope: [Expr] {
        switch self {
        case .rows(let s), .matching(let s, _), .complete(let s, _), .distinct(let s, _), .newest(let s, _),
             .duplicateRows(let s, _), .orphans(let s, _, _), .repeatedRows(let s, _), .aggregate(let s, _, _),
             .percentiles(let s, _, _): s
        }
    }

    /// The same metric with some scope conditions removed (they moved to the query's WHERE).
    func removingScope(_ common: [Expr]) -> Metric {
        let rest = scope.filter { !common.contains($0) }
        switch self {
        case .rows: return .rows(scope: rest)
        case .matching(_, let p): return .matching(scope: rest, predicate: p)
        case .complete(_, let c): return .complete(scope: rest, columns: c)
        case .distinct(_, let c): return .distinct(scope: rest, columns: c)
        case .newest(_, let c): return .newest(scope: rest, column: c)
        // Rendered as subqueries over their full scope, before the scan's shared scope is taken out.
        case .duplicateRows, .repeatedRows, .percentiles: return self
        case .aggregate(_, let f, let c): return .aggregate(scope: rest, f, column: c)
        case .orphans(_, let c, let j): return .orphans(scope: rest, column: c, join: j)
        }
    }
}

/// An aggregate function over a column's non-null values.
package enum Aggregate: String, Sendable, Hashable {
    case min, max, avg, sum
    /// Sample standard deviation.
    case stddev
}

/// Where a metric's value will be found: the query and the column of its single result row.
public struct MetricRef: Sendable, Hashable {
    public var query: Int
    public var column: Int
    /// For a column holding an array (the percentiles of one column, from one sort), the element.
    public var element: Int?

    public init(query: Int, column: Int, element: Int? = nil) {
        self.query = query
        self.column = column
        self.element = element
    }
}
