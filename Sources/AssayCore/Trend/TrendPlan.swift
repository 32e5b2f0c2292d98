/// The one grouped statement that measures a table's trend, and how to read its rows.
public struct TrendPlan: Sendable, Hashable {
    /// The table as the suite names it.
    public var table: String
    /// The column whose day or hour places a row in a bucket; `nil` when the table has none.
    public var timeColumn: String?
    public var bucket: TrendBucket
    /// The start of the oldest bucket and the instant the trend ends at ("now"), `YYYY-MM-DD HH:MM:SS` UTC.
    public var from: String
    public var to: String
    /// The bucket labels, oldest first: every bucket appears in the result, with 0 rows when none fell in it.
    public var calendar: [String]
    /// `SELECT bucket, COUNT(*), <per check> ... GROUP BY 1 ORDER BY 1`; `nil` when nothing can be measured.
    public var statement: SQLFragment?
    /// The checks the statement counts, in the order of their columns.
    public var trended: [Trended]
    /// The checks that get no rate, with the reason.
    public var notTrended: [NotTrended]
    /// Why the table has no trend although it should (a missing table or time column), phrased for a person; a table
    /// with no time column at all has no trend and no problem.
    public var problem: String?

    /// A row-level check counted per bucket: result column `violations`, and `rows` when the check has a filter of
    /// its own (otherwise its rows are the bucket's rows).
    public struct Trended: Sendable, Hashable {
        public var key: CheckKey
        public var check: String
        public var rowsColumn: Int?
        public var violationsColumn: Int
    }

    /// A check without a per-bucket rate: one that measures the table as a whole, compares rows with each other,
    /// or could not be planned.
    public struct NotTrended: Sendable, Hashable, Codable {
        public var key: CheckKey
        public var check: String
        public var reason: String

        public init(key: CheckKey, check: String, reason: String) {
            self.key = key
            self.check = check
            self.reason = reason
        }
    }
}
