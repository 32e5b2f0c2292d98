/// What a check measures. Row checks count violating rows; the others measure one value of the table.
public enum CheckKind: Sendable, Hashable {
    /// Rows where the column is NULL.
    case notNull(column: String)
    /// Rows that repeat a value (or combination) of the columns; NULLs are not duplicates. `counting` says
    /// whether only the rows beyond the first of each value violate, or every row of a repeated value.
    case unique(columns: [String], counting: DuplicateCounting = .extraRows)
    /// Non-null values that do not match (`mustMatch`) or that do match (`!mustMatch`) a PostgreSQL regex.
    case regex(column: String, pattern: String, mustMatch: Bool)
    /// Non-null values outside (or, negated, inside) a set.
    case inSet(column: String, values: [Literal], negated: Bool)
    /// Non-null values outside `[min, max]`; each bound may be strict or absent.
    case between(column: String, min: Literal?, max: Literal?, strictMin: Bool, strictMax: Bool)
    /// Non-null text whose length is outside `[min, max]`.
    case lengthBetween(column: String, min: Int?, max: Int?)
    /// Non-null text that does not parse with a strftime-style format such as `%Y-%m-%d`.
    case dateFormat(column: String, format: StrftimeFormat)
    /// Non-null values smaller (increasing) or larger (decreasing) than the value in the row before, in the
    /// order of `orderBy` (the primary key when absent); `strict` also rejects equal neighbours.
    case monotonic(column: String, increasing: Bool, strict: Bool, orderBy: String?)
    /// The number of rows in scope must lie within bounds.
    case rowCount(fail: ValueBounds, warn: ValueBounds?)
    /// The column must exist (at a 0-based position, when given).
    case columnExists(column: String, position: Int? = nil)
    /// The table's columns must include (or, `exact`, equal; `ordered`, in this order) the expected ones.
    case columnSet(expected: [String], exact: Bool, ordered: Bool = false)
    /// The number of columns of the table must lie within bounds.
    case columnCount(ValueBounds)
    /// The column's declared type must be one of `types` (compared without case; `varchar` matches `varchar(20)`).
    case columnType(column: String, types: [String])
    /// The newest value of a timestamp column must be no older than the limits.
    case freshness(column: String, warnAfter: TimeSpan?, failAfter: TimeSpan)
    /// Non-null values that have no matching key in another table.
    case references(column: String, table: String, key: String)
    /// Rows where `left op right` does not hold; rows with missing values are skipped as `skip` says, and the
    /// rest violate when the comparison is false or unknown.
    case columnPair(left: String, op: BinaryOperator, right: String, skip: MissingValues = .anyMissing)
    /// Rows where two of the columns hold the same non-null value.
    case uniqueWithinRecord(columns: [String], skip: MissingValues)
    /// Rows whose columns do not add up to `total`.
    case sumEquals(columns: [String], total: Literal, skip: MissingValues)
    /// A business rule: rows matching `condition` violate it (`violationWhen`), or rows where it is false do.
    case rule(Condition, violationWhen: Bool)
    /// A statistic of the column's non-null values must lie within a range.
    case statistic(column: String, Statistic, range: ValueRange)
    /// Quantiles of the column's non-null values, each within its range.
    case quantiles(column: String, [QuantileRange])
    /// The distinct non-null values must be within, contain or equal a set.
    case distinctValues(column: String, values: [Literal], relation: SetRelation)
    /// The most common non-null value must be in a set; with `tiesOkay`, any of several equally common ones.
    case mostCommonValue(column: String, values: [Literal], tiesOkay: Bool)
    /// A check read from configuration that Assay cannot run (an expectation it does not support): always ERROR.
    case unsupported(name: String, reason: String)

    /// A stable, short name for the kind, as used in configuration and reports.
    public var name: String {
        switch self {
        case .notNull: "not_null"
        case .unique: "unique"
        case .regex(_, _, let mustMatch): mustMatch ? "regex" : "not_regex"
        case .inSet(_, _, let negated): negated ? "not_in_set" : "in_set"
        case .between: "between"
        case .lengthBetween: "length_between"
        case .dateFormat: "date_format"
        case .monotonic(_, let increasing, _, _): increasing ? "increasing" : "decreasing"
        case .rowCount: "row_count"
        case .columnExists: "column_exists"
        case .columnSet: "columns"
        case .columnCount: "column_count"
        case .columnType: "column_type"
        case .freshness: "freshness"
        case .references: "references"
        case .columnPair: "column_pair"
        case .uniqueWithinRecord: "unique_within_record"
        case .sumEquals: "sum_equals"
        case .rule: "rule"
        case .statistic(_, let statistic, _): statistic.rawValue
        case .quantiles: "quantiles"
        case .distinctValues(_, _, let relation): relation.kindName
        case .mostCommonValue: "most_common_value"
        case .unsupported(let name, _): name
        }
    }

    /// The columns the check reads.
    public var columns: [String] {
        switch self {
        case .notNull(let c), .regex(let c, _, _), .inSet(let c, _, _), .between(let c, _, _, _, _),
             .lengthBetween(let c, _, _), .columnExists(let c, _), .freshness(let c, _, _), .references(let c, _, _),
             .dateFormat(let c, _), .columnType(let c, _), .statistic(let c, _, _), .quantiles(let c, _),
             .distinctValues(let c, _, _), .mostCommonValue(let c, _, _):
            [c]
        case .monotonic(let c, _, _, let orderBy): [c] + (orderBy.map { [$0] } ?? [])
        case .unique(let cs, _), .uniqueWithinRecord(let cs, _), .sumEquals(let cs, _, _): cs
        case .columnSet(let cs, _, _): cs
        case .rowCount, .columnCount, .unsupported: []
        case .columnPair(let l, _, let r, _): [l, r]
        case .rule(let condition, _): condition.expr.columns.map(\.name).uniqued()
        }
    }

    /// The dimension a check of this kind measures unless configuration says otherwise.
    public var defaultDimension: Dimension {
        switch self {
        case .notNull: .completeness
        case .unique: .uniqueness
        case .regex, .inSet, .between, .lengthBetween, .dateFormat, .distinctValues, .mostCommonValue: .validity
        case .rowCount: .volume
        case .columnExists, .columnSet, .columnCount, .columnType: .schema
        case .freshness: .freshness
        case .references, .columnPair, .uniqueWithinRecord, .sumEquals, .rule, .monotonic: .consistency
        case .statistic, .quantiles, .unsupported: .validity
        }
    }

    /// Whether the check counts violating rows (and so takes warn/fail limits on a count or a rate).
    public var countsRows: Bool {
        switch self {
        case .rowCount, .columnExists, .columnSet, .columnCount, .columnType, .freshness, .statistic, .quantiles,
             .distinctValues, .mostCommonValue, .unsupported: false
        default: true
        }
    }

    /// Whether each row violates or not on its own (a null, a pattern, a range, a rule, a missing parent), so the
    /// check can be judged on some rows alone: an incremental poll checks only new rows. Counts, statistics,
    /// duplicates and row order compare rows with each other and are not.
    public var judgedRowByRow: Bool {
        switch self {
        case .unique, .monotonic: false
        default: countsRows
        }
    }

    /// Whether the check is decided from the catalogue alone.
    public var isSchemaCheck: Bool {
        switch self {
        case .columnExists, .columnSet, .columnCount, .columnType: true
        default: false
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
