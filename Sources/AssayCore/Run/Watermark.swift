import Foundation

/// How far an incremental table has been checked: the newest value of its column seen so far, and the keys of the
/// rows counted near it (within the lateness window, and ties on the newest value), so a poll that reads those rows
/// again does not count them twice. Stored after every poll, so a restart resumes where the last poll ended.
public struct Watermark: Sendable, Hashable, Codable {
    /// The newest value of the column among the rows checked (`nil`: none yet).
    public var high: SQLValue?
    /// Whether polling has begun (a table that starts at its newest row first takes that row's value).
    public var started: Bool
    /// Rows already counted whose column value is at or after the next poll's lower bound.
    public var counted: [Counted]
    /// Rows checked by every poll so far.
    public var rowsChecked: Int

    public struct Counted: Sendable, Hashable, Codable {
        public var key: SQLValue
        /// The column value as a number (seconds since 1970 for a date or timestamp).
        public var position: Double
    }

    public init(high: SQLValue? = nil, started: Bool = false, counted: [Counted] = [], rowsChecked: Int = 0) {
        self.high = high
        self.started = started
        self.counted = counted
        self.rowsChecked = rowsChecked
    }

    /// The margin the lower bound leaves for a database that compares instants in floating point (SQLite's
    /// `julianday`), so a row tied with the newest value is never missed.
    static let margin = 0.001

    /// The value the next poll reads from (`column >= bound`): `lateness` before the newest value; `nil` before any.
    func lowerBound(lateness: Double) -> Double? {
        guard let high, let position = Self.position(high) else { return nil }
        return position - lateness - (Self.isTemporal(high) ? Self.margin : 0)
    }

    /// The watermark after a poll counted `rows` (each `[key, column]`, in column order), keeping the keys the next
    /// poll may read again.
    func advanced(by rows: [[SQLValue]], lateness: Double) -> Watermark {
        var next = self
        next.started = true
        next.rowsChecked += rows.count
        for row in rows where row.count == 2 {
            guard let position = Self.position(row[1]) else { continue }
            // A late row does not move the watermark back.
            if next.high.flatMap(Self.position).map({ $0 <= position }) ?? true { next.high = row[1] }
            next.counted.append(Counted(key: row[0], position: position))
        }
        if let bound = next.lowerBound(lateness: lateness) {
            let keep = bound - (next.high.map(Self.isTemporal) == true ? Self.margin : 0)
            next.counted.removeAll { $0.position < keep }
        }
        return next
    }

    /// When the newest row checked was written, for a date or timestamp column.
    public var newestInstant: Date? {
        guard let high, Self.isTemporal(high), let seconds = Self.position(high) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// A column value as a number: numbers as they are, dates and timestamps (typed or ISO-8601 text) in seconds.
    static func position(_ value: SQLValue) -> Double? {
        switch value {
        case .integer(let v): Double(v)
        case .double(let v): v.isFinite ? v : nil
        case .timestamp(let s), .date(let s), .text(let s): TemporalText.parseTimestamp(s)?.epochSeconds
        case .null, .boolean: nil
        }
    }

    static func isTemporal(_ value: SQLValue) -> Bool {
        switch value {
        case .integer, .double, .null, .boolean: false
        case .timestamp, .date, .text: true
        }
    }
}
