/// How a dialect names the bucket a row's time column falls in, for ``TrendPlanner``.
package protocol TrendDialect: SQLDialect {
    /// The bucket of `value` (a column of `type`) in UTC, as text or a timestamp whose first characters are
    /// `YYYY-MM-DD` (and `HH` at positions 12-13 for hours); NULL when the value is NULL or not a date. `nil` when a
    /// column of this type cannot hold dates.
    func trendBucket(_ value: SQLFragment, type: ValueType, bucket: TrendBucket) -> SQLFragment?
}

extension SQLiteDialect: TrendDialect {
    /// `date(x)` or `strftime('%Y-%m-%d %H', x)`, both in UTC (a value with a zone is converted), guarded so that
    /// text SQLite would still read (`2024-02-30`, a bare Julian day number) counts as no date.
    package func trendBucket(_ value: SQLFragment, type: ValueType, bucket: TrendBucket) -> SQLFragment? {
        guard storesTemporalAsText(type) else { return nil }
        let start: SQLFragment = bucket == .day ? "date(" + value + ")" : "strftime('%Y-%m-%d %H', " + value + ")"
        return "CASE WHEN " + isISOTemporal(value) + " THEN " + start + " END"
    }
}

extension PostgresDialect: TrendDialect {
    /// `date_trunc('day' | 'hour', x)`; the session's time zone is UTC, so a `timestamptz` falls in its UTC day.
    /// Text is read as a timestamp only when it is ISO-8601 (``temporalFromText(_:)``).
    package func trendBucket(_ value: SQLFragment, type: ValueType, bucket: TrendBucket) -> SQLFragment? {
        let operand: SQLFragment
        switch type {
        case .date, .timestamp: operand = value
        case .text: operand = temporalFromText(value)
        default: return nil
        }
        return "date_trunc('" + bucket.rawValue + "', " + operand + ")"
    }
}
