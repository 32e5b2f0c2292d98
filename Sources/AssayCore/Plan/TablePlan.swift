/// A statement the executor will send, with what it is for.
public struct PlannedQuery: Sendable, Hashable {
    public enum Purpose: Sendable, Hashable {
        /// The one aggregate scan of the table.
        case scan
        /// An anti-join for one referential check.
        case references(checkID: String)
        /// Each row against the one before it (a window function), for the order checks in `checkIDs`.
        case ordered
        /// The distinct values of a column with their frequencies, most frequent first: many rows.
        case values
    }

    public var purpose: Purpose
    public var sql: SQLFragment
    /// Which checks depend on the result, for ERROR messages when it fails.
    public var checkIDs: [String]

    /// Whether the statement returns many rows (read up to ``Planner/valueLimit``) rather than one.
    public var returnsRows: Bool {
        if case .values = purpose { return true }
        return false
    }
}

/// How a check's result is computed from query results.
public enum Measure: Sendable, Hashable {
    /// Violating rows out of rows in scope.
    case violations(rows: MetricRef, violations: MetricRef)
    /// Violating rows out of rows in scope, with what explains the count: `values` counts the non-null values a
    /// check that skips NULLs tested; `notDates` the rows whose text stands for a date but is not one.
    case counted(rows: MetricRef, violations: MetricRef, values: MetricRef?, notDates: NotDates?)
    /// Duplicates: complete rows minus distinct combinations.
    case duplicates(rows: MetricRef, complete: MetricRef, distinct: MetricRef)
    /// Duplicates from a grouped subquery that also returns the most repeated values, as JSON
    /// `[duplicate rows, [[value, ..., occurrences], ...]]`: no separate sample statement is needed.
    case groupedDuplicates(rows: MetricRef, result: MetricRef)
    case rowCount(rows: MetricRef)
    case newest(rows: MetricRef, epochSeconds: MetricRef)
    /// One measured value (divided by `denominator` when given), judged against the check's range.
    case statistic(value: MetricRef, denominator: MetricRef?)
    /// The median as the mean of the two middle values (the same value for an odd count).
    case median(lower: MetricRef, upper: MetricRef)
    /// One value per quantile of the check, in order.
    case quantiles([MetricRef])
    /// Distinct values outside the set, values of the set that occur, and the distinct values themselves
    /// (a ``PlannedQuery/Purpose/values(checkID:)`` statement).
    case distinctSet(unexpected: MetricRef, found: MetricRef, expected: Int, values: MetricRef)
    /// The distinct values with their frequencies, most frequent first.
    case mostCommon(values: MetricRef)
    /// Decided from the catalogue alone, without a scan; `problems` counts missing or unexpected columns.
    case catalogue(passed: Bool, observed: SQLValue?, problems: Int?, message: String)
    /// Proven by a constraint the database enforces (a PRIMARY KEY proves uniqueness): no violations possible.
    case proven(rows: MetricRef, constraint: String)
    /// The check cannot run: the reason, already phrased for a person.
    case invalid(String)
}

/// Rows of a check whose columns are read as dates but hold text that is not an ISO-8601 date (counted as violations).
public struct NotDates: Sendable, Hashable {
    public var rows: MetricRef
    /// Rows that are not dates and violate the check's own condition too (counted once).
    public var alsoViolating: MetricRef
    /// The columns read as dates.
    public var columns: [String]
}

/// A check bound to the table's real schema, with the statement that fetches failing rows if it fails.
public struct PlannedCheck: Sendable, Hashable {
    public var check: Check
    public var measure: Measure
    public var sample: SQLFragment?
    /// Column names of the sample statement's result.
    public var sampleColumns: [String]
    /// Why the plan measures the check this way, when it departs from the plain scan (shown by `assay plan`).
    public var strategy: String?

    public init(check: Check, measure: Measure, sample: SQLFragment?, sampleColumns: [String], strategy: String? = nil) {
        self.check = check
        self.measure = measure
        self.sample = sample
        self.sampleColumns = sampleColumns
        self.strategy = strategy
    }
}

/// Everything that will run for one table: at most one scan, one anti-join per referential check.
public struct TablePlan: Sendable, Hashable {
    public var table: String
    public var queries: [PlannedQuery]
    public var checks: [PlannedCheck]
    /// Columns whose values are masked in samples.
    public var maskedColumns: Set<String>
    /// Set when the table itself is unusable (missing); every check is then ERROR.
    public var tableError: String?

    /// The checks that cannot run, with the reason.
    public var invalidChecks: [(check: Check, reason: String)] {
        checks.compactMap { planned in
            if case .invalid(let reason) = planned.measure { (planned.check, reason) } else { nil }
        }
    }
}
