import Foundation

/// How one database spells the SQL that Assay generates. The shared ``SQLCompiler`` asks the dialect only
/// for the pieces that differ between engines.
public protocol SQLDialect: Sendable {
    /// A short name: `sqlite`, `postgresql`.
    var name: String { get }
    /// Quotes an identifier so that no name can break out of it.
    func quote(_ identifier: String) -> String
    /// The placeholder for the `index`-th (1-based) bound value.
    func placeholder(_ index: Int) -> String
    /// A bound constant of a given type.
    func bind(_ value: SQLValue) -> SQLFragment
    /// A temporal operand prepared for comparison. `constant` is set when the value is known at plan time.
    func temporalOperand(_ sql: SQLFragment, type: ValueType, constant: CivilDateTime?) -> SQLFragment
    /// `value ~ pattern` with PostgreSQL regular-expression semantics.
    func regexMatch(_ value: SQLFragment, pattern: String, caseInsensitive: Bool) -> SQLFragment
    /// `value LIKE pattern` with PostgreSQL semantics (case-sensitive, backslash escape).
    func like(_ value: SQLFragment, pattern: SQLFragment, caseInsensitive: Bool) -> SQLFragment
    /// A scalar function call.
    func call(_ function: Function, _ args: [SQLFragment]) -> SQLFragment
    /// `EXTRACT(field FROM value)` for a date or timestamp.
    func extract(_ field: DateField, from value: SQLFragment, type: ValueType) -> SQLFragment
    /// Whole months of `AGE(later, earlier)` (signed, as PostgreSQL's interval components).
    func ageMonths(later: TemporalOperand, earlier: TemporalOperand) -> SQLFragment
    /// `value + interval` for a non-constant date or timestamp; the result is a timestamp.
    func add(_ interval: Interval, to value: SQLFragment, type: ValueType) -> SQLFragment
    /// `date + days` for a non-constant date.
    func add(days: SQLFragment, to date: SQLFragment) -> SQLFragment
    /// `later - earlier` in whole days for two dates.
    func daysBetween(_ later: SQLFragment, _ earlier: SQLFragment) -> SQLFragment
    /// `CAST(value AS type)`.
    func cast(_ value: SQLFragment, to type: CastType) -> SQLFragment
    /// The number of distinct non-null combinations of `columns`.
    func distinctCount(_ columns: [SQLFragment]) -> SQLFragment
    /// A temporal value as seconds since 1970-01-01 UTC.
    func epochSeconds(_ value: SQLFragment, type: ValueType) -> SQLFragment
    /// The aggregate: the newest value of a temporal column as seconds since 1970-01-01 UTC.
    func newestEpochSeconds(_ column: SQLFragment, type: ValueType) -> SQLFragment
    /// Count duplicates with a grouped subquery (parallel hash aggregation) instead of `COUNT(DISTINCT)`, which
    /// would make the whole scan serial.
    var countsDuplicatesByGrouping: Bool { get }
    /// Check references to a unique key with a LEFT JOIN inside the table's scan instead of a separate anti-join.
    var joinsReferencesIntoScan: Bool { get }
    /// The engine has `stddev_samp` and the ordered-set aggregates `percentile_cont` / `percentile_disc`; without
    /// them the scan computes these by scalar subqueries.
    var hasStatisticalAggregates: Bool { get }
    /// Booleans are a type of their own, with no arithmetic and no `MIN`/`MAX` (PostgreSQL); otherwise they are
    /// the integers 0 and 1 (SQLite).
    var hasBooleanType: Bool { get }
    /// Whether the engine keeps values of a column of this type as text, so that a value may fail to be an ISO-8601
    /// date where a date is needed (SQLite: text, date and timestamp columns; PostgreSQL: text columns).
    func storesTemporalAsText(_ type: ValueType) -> Bool
    /// True or false (never NULL) for a non-null value: whether it is an ISO-8601 date or timestamp the engine reads
    /// as what it says (`YYYY-MM-DD`, optionally a time with `T` or a space, optionally a zone).
    func isISOTemporal(_ value: SQLFragment) -> SQLFragment
    /// The date or timestamp a text value stands for when it is ISO-8601, NULL otherwise; never an error.
    func temporalFromText(_ value: SQLFragment) -> SQLFragment
    /// The deepest parenthesis nesting (``SQLFragment/nestingDepth``) one aggregate of a scan may have. SQLite 3.40's
    /// parser holds at most 100 pending tokens, which nested `CASE` fills at about 20 levels and nested calls at about
    /// 27; PostgreSQL's limit is its `max_stack_depth` (2 MB by default).
    var maxSQLNesting: Int { get }
    /// The most result columns one SELECT may have (SQLite: 2000, `SQLITE_MAX_COLUMN`; PostgreSQL: 1664 target
    /// list entries). A scan with more aggregates is split into several statements.
    var maxResultColumns: Int { get }
    /// The most bound values one statement may carry (SQLite: 32766, `SQLITE_MAX_VARIABLE_NUMBER`; PostgreSQL:
    /// 65535, the protocol's limit).
    var maxBoundValues: Int { get }
}

/// A date or timestamp operand: SQL to compute it, and its value when known at plan time.
public struct TemporalOperand: Sendable {
    public var sql: SQLFragment
    public var type: ValueType
    public var constant: CivilDateTime?

    public init(sql: SQLFragment, type: ValueType, constant: CivilDateTime?) {
        self.sql = sql
        self.type = type
        self.constant = constant
    }
}

extension SQLDialect {
    public var countsDuplicatesByGrouping: Bool { false }
    public var joinsReferencesIntoScan: Bool { false }
    public var hasStatisticalAggregates: Bool { false }
    public var hasBooleanType: Bool { false }

    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func bind(_ value: SQLValue) -> SQLFragment { .bind(value) }

    /// `COUNT(*)` restricted to rows where `predicate` holds.
    package func count(where predicate: SQLFragment?) -> SQLFragment {
        guard let predicate else { return SQLFragment("COUNT(*)") }
        return "COUNT(*) FILTER (WHERE " + predicate + ")"
    }

    /// The final SQL text of a fragment in this dialect.
    public func render(_ fragment: SQLFragment) -> String { fragment.sql(placeholder: placeholder) }
}
