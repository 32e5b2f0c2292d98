/// A table checked as rows arrive (`incremental:`): each poll checks only the rows past a watermark on a monotonic
/// `column` (a timestamp or an ever-growing key), in the order of `column` then `key`, so a poll costs what the new
/// rows cost, not what the table does.
///
/// Exactness: a poll first reads the keys of the next rows (at most `batch`), then checks exactly those rows. Rows
/// that share the watermark's value, and rows that arrive late but within `lateness` of it, are read again but
/// never counted twice: the watermark remembers the keys it has counted in that span.
public struct IncrementalSpec: Sendable, Hashable {
    /// Where a monitor that has no watermark yet starts.
    public enum Start: String, Sendable, Hashable {
        /// At the newest row: only rows arriving from now on are polled (the table's scheduled run covers the rest).
        case latest
        /// At the oldest row: the polls work through the table, `batch` rows at a time.
        case earliest
    }

    /// The monotonic column the watermark follows.
    public var column: String
    /// The column that tells rows apart (the primary key when `nil`; it must then have a one-column primary key).
    public var key: String?
    /// How far behind the watermark a late row may be and still be checked: seconds for a date or timestamp column,
    /// units of the column for a number (0: rows are committed in `column` order).
    public var lateness: Double
    /// How often the table is polled (at least 1 s).
    public var poll: TimeSpan
    /// The most rows one poll checks (the rest wait for the next poll).
    public var batch: Int
    public var start: Start

    public static let defaultBatch = 10_000

    public init(column: String, key: String? = nil, lateness: Double = 0, poll: TimeSpan = TimeSpan(seconds: 1),
                batch: Int = IncrementalSpec.defaultBatch, start: Start = .latest) {
        self.column = column
        self.key = key
        self.lateness = max(0, lateness)
        self.poll = poll
        self.batch = max(1, batch)
        self.start = start
    }
}
