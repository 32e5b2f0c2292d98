/// Failing rows fetched for a failed check, with personal data masked.
public struct SampleRows: Sendable, Hashable, Codable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Columns whose values are numbers (so a report can write them as numbers); not part of the JSON form.
    public var numericColumns: Set<String> = []

    private enum CodingKeys: String, CodingKey { case columns, rows }

    public init(columns: [String], rows: [[String?]], numericColumns: Set<String> = []) {
        self.columns = columns
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// Rows as the database returned them: text for display, and which columns hold numbers.
    public init(columns: [String], values: [[SQLValue]]) {
        var numeric = Set<String>()
        for row in values {
            for (column, value) in zip(columns, row) {
                switch value {
                case .integer, .double: numeric.insert(column)
                default: break
                }
            }
        }
        self.init(columns: columns, rows: values.map { $0.map { $0.isNull ? nil : $0.description } }, numericColumns: numeric)
    }

    /// The same rows with the values of personal-data columns masked.
    public func masking(_ personal: Set<String>) -> SampleRows {
        SampleRows(columns: columns, rows: rows.map { row in
            zip(columns, row).map { column, value in
                guard let value, personal.contains(column) else { return value }
                return PersonalData.mask(value)
            }
        }, numericColumns: numericColumns.subtracting(personal))
    }
}

/// The outcome of one check, as recorded and reported.
public struct CheckResult: Sendable, Hashable, Codable {
    public var table: String
    /// The check id (a rule id, or a name derived from kind and columns).
    public var check: String
    public var kind: String
    public var columns: [String]
    public var status: CheckStatus
    public var severity: Severity
    public var dimension: Dimension
    /// Rows in the check's scope, when the check scans rows.
    public var rowsChecked: Int?
    /// Non-null values in scope that were tested, for checks that skip NULLs (regex, in_set, between, ...):
    /// fewer than `rowsChecked` when some rows hold NULL, 0 when all do.
    public var valuesChecked: Int?
    /// Violating rows, for checks that count them.
    public var violations: Int?
    /// `violations / rowsChecked`, between 0 and 1.
    public var violationRate: Double?
    /// The measured value for checks that measure one (row count, age in seconds, ...).
    public var observed: Double?
    /// The measured value as the database returned it, when it is not just a number (a date, a text minimum).
    public var observedValue: SQLValue?
    /// Measured values for checks that measure several: quantiles, distinct values, most common values.
    public var observedValues: [SQLValue]?
    /// The limits the check was judged against, for people.
    public var thresholds: String
    public var message: String
    public var sample: SampleRows?
    /// What the check was written as, when not Assay's own kind (a GX expectation and its arguments).
    public var origin: CheckOrigin?
    /// Set when the check is ERROR because its source failed as a whole (``SuiteResult/sourceFailure`` says how).
    public var errorCode: SourceError.Code?

    public init(table: String, check: String, kind: String, columns: [String], status: CheckStatus, severity: Severity,
                dimension: Dimension, rowsChecked: Int? = nil, violations: Int? = nil, observed: Double? = nil,
                thresholds: String = "", message: String, sample: SampleRows? = nil) {
        self.table = table
        self.check = check
        self.kind = kind
        self.columns = columns
        self.status = status
        self.severity = severity
        self.dimension = dimension
        self.rowsChecked = rowsChecked
        self.violations = violations
        if let violations, let rowsChecked { violationRate = rowsChecked > 0 ? Double(violations) / Double(rowsChecked) : 0 }
        self.observed = observed
        self.thresholds = thresholds
        self.message = message
        self.sample = sample
    }

    /// A result for a check that could not run.
    public static func error(_ check: Check, table: String, message: String) -> CheckResult {
        var result = CheckResult(table: table, check: check.id, kind: check.kind.name, columns: check.kind.columns, status: .error,
                                 severity: check.severity, dimension: check.dimension, thresholds: "", message: message)
        result.origin = check.origin
        return result
    }
}
