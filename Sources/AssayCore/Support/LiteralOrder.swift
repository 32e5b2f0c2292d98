/// Orders a measured value against a configured bound: numbers (and booleans, as 0 and 1) as numbers, dates
/// and timestamps as instants, everything else as text.
enum LiteralOrder {
    /// `-1`, `0` or `1`; `nil` when the two cannot be compared (a number against a word).
    static func compare(_ value: SQLValue, _ bound: Literal) -> Int? {
        if case .boolean(let b) = value, let limit = bound.number { return sign(b ? 1.0 : 0.0, limit) }
        if let number = value.double, let limit = bound.number { return sign(number, limit) }
        if let instant = instant(value.description), let limit = bound.instant { return sign(instant, limit) }
        guard case .string(let text) = bound else { return nil }
        switch value {
        case .text(let s), .date(let s), .timestamp(let s): return sign(s, text)
        default: return nil
        }
    }

    static func instant(_ text: String) -> Double? { TemporalText.parseTimestamp(text)?.epochSeconds }

    private static func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}

extension Literal {
    /// The value as a number, when it is one (or numeric text; a boolean as 0 or 1).
    var number: Double? {
        switch self {
        case .boolean(let b): b ? 1 : 0
        case .integer(let n): Double(n)
        case .decimal(let d): d
        case .string(let s): Double(s)
        default: nil
        }
    }

    /// The value as seconds since 1970, when it is a date, a timestamp or text that reads as one.
    var instant: Double? {
        switch self {
        case .date(let s), .timestamp(let s), .string(let s): LiteralOrder.instant(s)
        default: nil
        }
    }

    /// The value as people write it: numbers plain, text as is.
    package var display: String {
        switch self {
        case .null: "null"
        case .boolean(let b): b ? "true" : "false"
        case .integer(let n): String(n)
        case .decimal(let d): d.formatted(maxFractionDigits: 10)
        case .string(let s), .date(let s), .timestamp(let s): s
        case .interval(let i): i.description
        }
    }

    /// The value as a SQL value, for comparing with what a query returned.
    package var sqlValue: SQLValue {
        switch self {
        case .null, .interval: .null
        case .boolean(let b): .boolean(b)
        case .integer(let n): .integer(n)
        case .decimal(let d): .double(d)
        case .string(let s): .text(s)
        case .date(let s): .date(s)
        case .timestamp(let s): .timestamp(s)
        }
    }
}
