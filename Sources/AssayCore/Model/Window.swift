/// Restricts a check to recent rows: those whose `column` is within `last` of the run's start.
public struct Window: Sendable, Hashable {
    public var column: String
    public var last: TimeSpan

    public init(column: String, last: TimeSpan) {
        self.column = column
        self.last = last
    }

    /// The rows inside the window, as a condition.
    package func condition(now: CivilDateTime) -> Expr {
        let start = CivilDateTime(epochSeconds: now.epochSeconds - last.seconds)
        return .binary(.greaterOrEqual, .column(ColumnRef(column)), .literal(.timestamp(start.description)))
    }
}
