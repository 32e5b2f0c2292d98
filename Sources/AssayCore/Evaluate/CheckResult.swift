/// Failing rows fetched for a failed check, with personal data masked.
public struct SampleRows: Sendable, Hashable, Codable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Columns whose values are numbers (so a report can write them as numbers).
    public var numericColumns: Set<String> = []

    private enum CodingKeys: String, CodingKey { case columns, rows, numericColumns = "numeric_columns" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decode([String].self, forKey: .columns)
        rows = try c.decode([[String?]].self, forKey: .rows)
        numericColumns = Set(try c.decodeIfPresent([String].self, forKey: .numericColumns) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
        try c.encode(numericColumns.sorted(), forKey: .numericColumns)
    }

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

/// The outcome of one check, as recorded and reported. Its `Codable` form (snake_case keys, every key present) is
/// the one the JSON report writes and a store keeps; docs/results.md describes it.
public struct CheckResult: Sendable, Hashable {
    /// The check's identity across runs (see ``CheckKey``).
    public var key: CheckKey
    /// A hash of the check's whole definition at this run: it changes with any edit of the check.
    public var fingerprint: CheckFingerprint
    public var table: String
    /// The check id (a rule id, or a name derived from kind and columns).
    public var check: String
    public var kind: CheckKind.Name
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
    /// Every raw value the plan measured for the check, by name (`rows`, `violations`, `values`, `newest`, ...),
    /// so each has a history. Values of personal-data columns are masked.
    public var metrics: [String: SQLValue]
    /// The limits the check was judged against.
    public var thresholds: Thresholds
    public var message: String
    public var sample: SampleRows?
    /// What the check was written as, when not Assay's own kind (a GX expectation and its arguments).
    public var origin: CheckOrigin?
    /// Set when the check is ERROR: the run's failure (``SuiteResult/failures``) that stopped it.
    public var failure: RunFailure.Reference?

    /// A result of `check` in `table`, judged as `status`.
    public init(_ check: Check, in table: TableSpec, status: CheckStatus, message: String) {
        self.init(check, table: table.name, key: check.key(in: table), fingerprint: CheckFingerprint(check, in: table),
                  status: status, message: message)
    }

    package init(_ check: Check, table: String, key: CheckKey, fingerprint: CheckFingerprint, status: CheckStatus,
                 rowsChecked: Int? = nil, violations: Int? = nil, observed: Double? = nil, message: String) {
        self.key = key
        self.fingerprint = fingerprint
        self.table = table
        self.check = check.id
        self.kind = CheckKind.Name(check.kind.name)
        self.columns = check.kind.columns
        self.status = status
        self.severity = check.severity
        self.dimension = check.dimension
        self.rowsChecked = rowsChecked
        self.violations = violations
        if let violations, let rowsChecked { violationRate = rowsChecked > 0 ? Double(violations) / Double(rowsChecked) : 0 }
        self.observed = observed
        self.metrics = [:]
        self.thresholds = Thresholds(check)
        self.message = message
        self.origin = check.origin
    }
}

extension CheckKind {
    /// The name of a check's kind as reports and stores write it (`not_null`, `unique`, `mean`, or the name of an
    /// unsupported expectation). Extensible: compare with the constants; a `switch` needs a `default`.
    public struct Name: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }

        public static let notNull = Name("not_null"), unique = Name("unique"), regex = Name("regex")
        public static let notRegex = Name("not_regex"), inSet = Name("in_set"), notInSet = Name("not_in_set")
        public static let between = Name("between"), lengthBetween = Name("length_between"), dateFormat = Name("date_format")
        public static let increasing = Name("increasing"), decreasing = Name("decreasing"), rowCount = Name("row_count")
        public static let columnExists = Name("column_exists"), columns = Name("columns"), columnCount = Name("column_count")
        public static let columnType = Name("column_type"), freshness = Name("freshness"), references = Name("references")
        public static let columnPair = Name("column_pair"), uniqueWithinRecord = Name("unique_within_record")
        public static let sumEquals = Name("sum_equals"), rule = Name("rule"), quantiles = Name("quantiles")
        public static let mostCommonValue = Name("most_common_value")

        public var description: String { rawValue }
    }
}
