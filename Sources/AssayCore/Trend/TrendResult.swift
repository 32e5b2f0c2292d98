/// A table's trend: per bucket, the rows and each row-level check's violations and rate. Encodes as snake_case
/// JSON; checks are named by their ``CheckKey`` so a trend lines up with a check's recorded history.
public struct TrendResult: Sendable, Hashable, Codable {
    public var table: String
    /// The column whose day or hour places a row in a bucket; `nil` when the table has none (see `problem`).
    public var timeColumn: String?
    public var bucket: TrendBucket
    /// The start of the oldest bucket and the instant the trend ends at, `YYYY-MM-DD HH:MM:SS` UTC.
    public var from: String
    public var to: String
    /// Every bucket of the range, oldest first, including those no row fell in.
    public var points: [TrendPoint]
    /// Rows in the table's scope whose time column is NULL or not a date: they are in no bucket.
    public var undatedRows: Int
    /// The checks that have a point per bucket, in the suite's order.
    public var checks: [TrendedCheck]
    /// The checks that do not, with the reason.
    public var notTrended: [TrendPlan.NotTrended]
    /// Why the table has no trend although it should: a missing table or time column, or the statement failed.
    /// `nil` for a table without a time column (it has no trend, and that is no error).
    public var problem: String?

    public init(table: String, timeColumn: String?, bucket: TrendBucket, from: String, to: String, points: [TrendPoint],
                undatedRows: Int, checks: [TrendedCheck], notTrended: [TrendPlan.NotTrended], problem: String?) {
        self.table = table
        self.timeColumn = timeColumn
        self.bucket = bucket
        self.from = from
        self.to = to
        self.points = points
        self.undatedRows = undatedRows
        self.checks = checks
        self.notTrended = notTrended
        self.problem = problem
    }

    enum CodingKeys: String, CodingKey {
        case table, bucket, from, to, points, checks, problem
        case timeColumn = "time_column", undatedRows = "undated_rows", notTrended = "not_trended"
    }

    /// Every key is written, `null` when it does not apply (as in the check report).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(table, forKey: .table)
        try container.encode(timeColumn, forKey: .timeColumn)
        try container.encode(bucket, forKey: .bucket)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(points, forKey: .points)
        try container.encode(undatedRows, forKey: .undatedRows)
        try container.encode(checks, forKey: .checks)
        try container.encode(notTrended, forKey: .notTrended)
        try container.encode(problem, forKey: .problem)
    }
}

/// A check that has a trend.
public struct TrendedCheck: Sendable, Hashable, Codable {
    public var key: CheckKey
    /// The check's id within its table.
    public var check: String

    public init(key: CheckKey, check: String) {
        self.key = key
        self.check = check
    }
}

/// One bucket: its start (`2026-11-27` for a day, `2026-11-27T13:00:00Z` for an hour), its rows, and each trended
/// check's count in the order of ``TrendResult/checks``.
public struct TrendPoint: Sendable, Hashable, Codable {
    public var start: String
    public var rows: Int
    public var checks: [CheckPoint]

    public init(start: String, rows: Int, checks: [CheckPoint]) {
        self.start = start
        self.rows = rows
        self.checks = checks
    }
}

/// One check in one bucket: its violating rows out of the rows in its scope, and their ratio (`nil` with no rows).
public struct CheckPoint: Sendable, Hashable, Codable {
    public var key: CheckKey
    public var rows: Int
    public var violations: Int
    public var rate: Double?

    public init(key: CheckKey, rows: Int, violations: Int) {
        self.key = key
        self.rows = rows
        self.violations = violations
        self.rate = rows == 0 ? nil : Double(violations) / Double(rows)
    }

    enum CodingKeys: String, CodingKey { case key, rows, violations, rate }

    /// `rate` is written as `null` for a bucket without rows.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(rows, forKey: .rows)
        try container.encode(violations, forKey: .violations)
        try container.encode(rate, forKey: .rate)
    }
}
