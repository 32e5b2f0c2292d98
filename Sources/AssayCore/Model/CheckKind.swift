/// What a check measures. Row checks count violating rows; the others measure one value of the table.
public enum CheckKind: Sendable, Hashable {
    /// Rows where the column is NULL.
    case notNull(column: String)
    /// Rows beyond the first for each value (or combination) of the columns; NULLs are not duplicates.
    case unique(columns: [String])
    /// Non-null values that do not match (`mustMatch`) or that do match (`!mustMatch`) a PostgreSQL regex.
    case regex(column: String, pattern: String, mustMatch: Bool)
    /// Non-null values outside (or, negated, inside) a set.
    case inSet(column: String, values: [Literal], negated: Bool)
    /// Non-null values outside `[min, max]`; each bound may be strict or absent.
    case between(column: String, min: Literal?, max: Literal?, strictMin: Bool, strictMax: Bool)
    /// Non-null text whose length is outside `[min, max]`.
    case lengthBetween(column: String, min: Int?, max: Int?)
    /// The number of rows in scope must lie within bounds.
    case rowCount(fail: ValueBounds, warn: ValueBounds?)
    /// The column must exist.
    case columnExists(column: String)
    /// The table's columns must include (or, `exact`, equal) the expected set.
    case columnSet(expected: [String], exact: Bool)
    /// The newest value of a timestamp column must be no older than the limits.
    case freshness(column: String, warnAfter: TimeSpan?, failAfter: TimeSpan)
    /// Non-null values that have no matching key in another table.
    case references(column: String, table: String, key: String)
    /// Rows where both columns are present and `left op right` does not hold.
    case columnPair(left: String, op: BinaryOperator, right: String)
    /// A business rule: rows matching `condition` violate it (`violationWhen`), or rows where it is false do.
    case rule(Condition, violationWhen: Bool)

    /// A stable, short name for the kind, as used in configuration and reports.
    public var name: String {
        switch self {
        case .notNull: "not_null"
        case .unique: "unique"
        case .regex(_, _, let mustMatch): mustMatch ? "regex" : "not_regex"
        case .inSet(_, _, let negated): negated ? "not_in_set" : "in_set"
        case .between: "between"
        case .lengthBetween: "length_between"
        case .rowCount: "row_count"
        case .columnExists: "column_exists"
        case .columnSet: "columns"
        case .freshness: "freshness"
        case .references: "references"
        case .columnPair: "column_pair"
        case .rule: "rule"
        }
    }

    /// The columns the check reads.
    public var columns: [String] {
        switch self {
        case .notNull(let c), .regex(let c, _, _), .inSet(let c, _, _), .between(let c, _, _, _, _),
             .lengthBetween(let c, _, _), .columnExists(let c), .freshness(let c, _, _), .references(let c, _, _):
            [c]
        case .unique(let cs): cs
        case .columnSet(let cs, _): cs
        case .rowCount: []
        case .columnPair(let l, _, let r): [l, r]
        case .rule(let condition, _): condition.expr.columns.map(\.name).uniqued()
        }
    }

    /// The dimension a check of this kind measures unless configuration says otherwise.
    public var defaultDimension: Dimension {
        switch self {
        case .notNull: .completeness
        case .unique: .uniqueness
        case .regex, .inSet, .between, .lengthBetween: .validity
        case .rowCount: .volume
        case .columnExists, .columnSet: .schema
        case .freshness: .freshness
        case .references, .columnPair, .rule: .consistency
        }
    }

    /// Whether the check counts violating rows (and so takes warn/fail limits on a count or a rate).
    public var countsRows: Bool {
        switch self {
        case .rowCount, .columnExists, .columnSet, .freshness: false
        default: true
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    package func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
