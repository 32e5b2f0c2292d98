/// The statements a table needs besides its scan: anti-joins, value listings and row-order windows.
/// Checks that need the same listing share it, and order checks over the same key and scope share one
/// window statement, so a suite adds the fewest statements its shapes allow.
///
/// Statements are numbered negatively (`-1` is the first) until ``Planner`` places them after the scan.
struct SeparateStatements {
    private(set) var queries: [PlannedQuery] = []
    /// Window statements by what they share: table, order key and scope.
    private var windows: [WindowKey: Window] = [:]

    private struct WindowKey: Hashable {
        var from: SQLFragment
        var keys: SQLFragment
    }

    /// One window statement: `LAG` of each column over one order, a row count and a violation count per check.
    private struct Window {
        var index: Int
        var columns: [SQLFragment] = []
        /// Per check: the column's position and the comparison that breaks the order.
        var tests: [(column: Int, op: String)] = []
    }

    /// Adds a statement of its own; returns its (negative) number.
    mutating func add(_ query: PlannedQuery) -> Int {
        queries.append(query)
        return -queries.count
    }

    /// A statement returning many rows, shared with any check that needs the identical one.
    mutating func listing(_ sql: SQLFragment, for checkID: String) -> MetricRef {
        if let index = queries.firstIndex(where: { $0.returnsRows && $0.sql == sql }) {
            queries[index].checkIDs.append(checkID)
            return MetricRef(query: -1 - index, column: 0)
        }
        return MetricRef(query: add(PlannedQuery(purpose: .values, sql: sql, checkIDs: [checkID])), column: 0)
    }

    /// Rows compared, and rows where `column op previous` holds, among rows of `from` (`FROM table [WHERE scope]`)
    /// ordered by `keys`.
    mutating func order(column: SQLFragment, op: String, from: SQLFragment, keys: SQLFragment, dialect: any SQLDialect,
                        for checkID: String) -> (rows: MetricRef, violations: MetricRef) {
        let key = WindowKey(from: from, keys: keys)
        var window = windows[key] ?? Window(index: add(PlannedQuery(purpose: .ordered, sql: SQLFragment(), checkIDs: [])))
        let position = window.columns.firstIndex(of: column) ?? {
            window.columns.append(column)
            return window.columns.count - 1
        }()
        window.tests.append((position, op))
        let slot = -1 - window.index
        queries[slot].checkIDs.append(checkID)
        queries[slot].sql = Self.render(window, from: from, keys: keys, dialect: dialect)
        windows[key] = window
        let test = window.tests.count - 1
        return (MetricRef(query: window.index, column: 2 * test), MetricRef(query: window.index, column: 2 * test + 1))
    }

    /// `SELECT COUNT(s.v1), COUNT(*) FILTER (WHERE s.v1 < s.p1), ... FROM (SELECT c AS v1, LAG(c) OVER (ORDER BY k) AS p1 ...) s`.
    private static func render(_ window: Window, from: SQLFragment, keys: SQLFragment, dialect: any SQLDialect) -> SQLFragment {
        let inner = window.columns.enumerated().map { i, c in
            c + " AS v\(i + 1), LAG(" + c + ") OVER (ORDER BY " + keys + ") AS p\(i + 1)"
        }
        let outer = window.tests.map { test in
            SQLFragment("COUNT(s.v\(test.column + 1)), ")
                + dialect.count(where: SQLFragment("s.v\(test.column + 1)" + test.op + "s.p\(test.column + 1)"))
        }
        return "SELECT " + SQLFragment.join(outer, separator: ", ") + " FROM (SELECT " + SQLFragment.join(inner, separator: ", ")
            + from + ") s"
    }
}
