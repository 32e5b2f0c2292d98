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

    /// Whether the statement returns many rows (up to 1000 distinct values) rather than one.
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
    /// Exactly the rows that violate the check in this run's scope, for checks judged row by row; `nil` for checks
    /// that measure the table as a whole (counts, statistics, schema) or compare rows with each other (order,
    /// duplicates), where no single row is at fault.
    public var violatingRows: RowSelection?

    package init(check: Check, measure: Measure, sample: SQLFragment?, sampleColumns: [String], strategy: String? = nil,
                violatingRows: RowSelection? = nil) {
        self.check = check
        self.measure = measure
        self.sample = sample
        self.sampleColumns = sampleColumns
        self.strategy = strategy
        self.violatingRows = violatingRows
    }
}

/// The rows of a table that violate a check: `SELECT ... FROM table [alias] WHERE condition` selects them,
/// `UPDATE` or `DELETE ... WHERE` acts on exactly them.
public struct RowSelection: Sendable, Hashable {
    /// The table, as the catalogue spells it.
    public var table: String
    /// The alias `condition` qualifies the table's columns with, if any (a referential check's anti-join uses one).
    public var alias: String?
    /// The check's scope (table filter, window, check filter) and its violation, as one condition.
    public var condition: SQLFragment
    /// The table's primary-key columns (empty when it has none).
    public var keyColumns: [String]
}

/// Everything that will run for one table: at most one scan, one anti-join per referential check.
public struct TablePlan: Sendable, Hashable {
    public var table: String
    /// The table as the suite configures it.
    public var spec: TableSpec
    public var queries: [PlannedQuery]
    public var checks: [PlannedCheck]
    /// Columns whose values are masked in samples.
    public var maskedColumns: Set<String>
    /// Set when the table itself is unusable (missing, or its columns could not be read); every check is then ERROR.
    public var tableError: TableError?
    /// Whether the plan depends on the run's clock (a window, `current_date`, a one-argument `AGE`): such a plan is
    /// made again for each run from the catalogue it was prepared with; any other is reused as it is.
    public var readsClock: Bool

    package init(spec: TableSpec, table: String, queries: [PlannedQuery], checks: [PlannedCheck], maskedColumns: Set<String>,
                tableError: TableError? = nil) {
        self.spec = spec
        self.table = table
        self.queries = queries
        self.checks = checks
        self.maskedColumns = maskedColumns
        self.tableError = tableError
        self.readsClock = spec.readsClock
    }

    /// The plan of a table that cannot be checked: every check is ERROR for `error`.
    package static func unusable(_ spec: TableSpec, _ error: TableError) -> TablePlan {
        TablePlan(spec: spec, table: spec.name, queries: [],
                  checks: spec.checks.map { PlannedCheck(check: $0, measure: .invalid(error.message), sample: nil, sampleColumns: []) },
                  maskedColumns: [], tableError: error)
    }

    /// Why a table cannot be checked.
    public struct TableError: Sendable, Hashable {
        public var code: RunFailure.Code
        public var message: String
        /// Whether the cause is the source as a whole (it is then reported once for the run).
        public var sourceWide: Bool

        package init(code: RunFailure.Code, message: String, sourceWide: Bool = false) {
            self.code = code
            self.message = message
            self.sourceWide = sourceWide
        }
    }

    /// The checks that cannot run, with the reason.
    public var invalidChecks: [(check: Check, reason: String)] {
        checks.compactMap { planned in
            if case .invalid(let reason) = planned.measure { (planned.check, reason) } else { nil }
        }
    }
}
