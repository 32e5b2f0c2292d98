import Foundation

/// SQLite's spelling. Dates and timestamps are ISO-8601 text; comparisons go through `julianday()` so
/// `2024-01-05`, `2024-01-05 10:00:00` and `2024-01-05T10:00:00Z` order correctly against each other.
/// The connection must register `regexp()` and turn on `case_sensitive_like` (the SQLite source does).
package struct SQLiteDialect: SQLDialect {
    package init() {}

    package var name: String { "sqlite" }

    package func storesTemporalAsText(_ type: ValueType) -> Bool {
        type == .text || type.isTemporal || type == .unknown
    }

    /// The date part must be a real calendar day (`date(x, '+0 days')` normalises 2024-02-30 to 2024-03-01, so it
    /// differs) and the whole value must be readable (`julianday` is NULL otherwise; `now` and bare Julian day
    /// numbers fail the first test).
    /// Days 01-28 of `YYYY-MM-` exist in every month, so the costly round trip through `date()` is needed only for
    /// days 29-31 and other shapes (measured: a third of the guard's cost on a million rows).
    package func isISOTemporal(_ value: SQLFragment) -> SQLFragment {
        "(julianday(" + value + ") IS NOT NULL AND (substr(" + value + ", 9, 2) <= '28' AND substr(" + value + ", 5, 1) = '-'"
            + " OR date(substr(" + value + ", 1, 10), '+0 days') IS substr(" + value + ", 1, 10)))"
    }

    /// The value itself: `julianday()` and `strftime()` already give NULL for text they cannot read, and checks
    /// count the values that are not ISO-8601 dates as violations (``Expr/notTemporalText(_:)``), so a guard on
    /// every operand would only cost time.
    package func temporalFromText(_ value: SQLFragment) -> SQLFragment { value }

    package var maxSQLNesting: Int { 20 }
    package var maxResultColumns: Int { 2000 }
    package var maxBoundValues: Int { 32_766 }

    package func placeholder(_ index: Int) -> String { "?" }

    package func temporalOperand(_ sql: SQLFragment, type: ValueType, constant: CivilDateTime?) -> SQLFragment {
        if let constant { return .bind(.double(constant.julianDay)) }
        return "julianday(" + sql + ")"
    }

    package func regexMatch(_ value: SQLFragment, pattern: String, caseInsensitive: Bool) -> SQLFragment {
        value + " REGEXP " + .bind(.text(caseInsensitive ? "(?i)" + pattern : pattern))
    }

    package func like(_ value: SQLFragment, pattern: SQLFragment, caseInsensitive: Bool) -> SQLFragment {
        if caseInsensitive { return "lower(" + value + ") LIKE lower(" + pattern + ") ESCAPE '\\'" }
        return value + " LIKE " + pattern + " ESCAPE '\\'"
    }

    package func call(_ function: Function, _ args: [SQLFragment]) -> SQLFragment {
        let name = function == .charLength ? "length" : function.rawValue
        return "\(name)(" + SQLFragment.join(args, separator: ", ") + ")"
    }

    package func extract(_ field: DateField, from value: SQLFragment, type: ValueType) -> SQLFragment {
        let format: String
        switch field {
        case .year: format = "%Y"
        case .month: format = "%m"
        case .day: format = "%d"
        case .hour: format = "%H"
        case .minute: format = "%M"
        case .second: return "CAST(strftime('%f', " + value + ") AS REAL)"
        case .dow: format = "%w"
        case .doy: format = "%j"
        case .epoch: return epochSeconds(value, type: type)
        }
        return "CAST(strftime('\(format)', " + value + ") AS INTEGER)"
    }

    package func ageMonths(later: TemporalOperand, earlier: TemporalOperand) -> SQLFragment {
        func monthIndex(_ t: TemporalOperand) -> SQLFragment {
            if let c = t.constant { return .bind(.integer(Int64(c.date.year * 12 + c.date.month))) }
            return "(CAST(strftime('%Y', " + t.sql + ") AS INTEGER) * 12 + CAST(strftime('%m', " + t.sql + ") AS INTEGER))"
        }
        func dayAndTime(_ t: TemporalOperand) -> SQLFragment {
            if let c = t.constant { return .bind(.text(c.dayAndTimeKey)) }
            return "strftime('%d %H:%M:%f', " + t.sql + ")"
        }
        let laterJD = temporalOperand(later.sql, type: later.type, constant: later.constant)
        let earlierJD = temporalOperand(earlier.sql, type: earlier.type, constant: earlier.constant)
        return "(CASE WHEN " + earlierJD + " <= " + laterJD
            + " THEN " + monthIndex(later) + " - " + monthIndex(earlier) + " - (" + dayAndTime(earlier) + " > " + dayAndTime(later) + ")"
            + " ELSE -(" + monthIndex(earlier) + " - " + monthIndex(later) + " - (" + dayAndTime(later) + " > " + dayAndTime(earlier) + "))"
            + " END)"
    }

    package func add(_ interval: Interval, to value: SQLFragment, type: ValueType) -> SQLFragment {
        "strftime('%Y-%m-%d %H:%M:%f', " + value + ", " + .bind(.text("\(interval.months) months")) + ", "
            + .bind(.text("\(interval.days) days")) + ", " + .bind(.text("\(interval.seconds) seconds")) + ")"
    }

    package func add(days: SQLFragment, to date: SQLFragment) -> SQLFragment {
        "date(" + date + ", CAST(" + days + " AS TEXT) || ' days')"
    }

    package func daysBetween(_ later: SQLFragment, _ earlier: SQLFragment) -> SQLFragment {
        "CAST(julianday(" + later + ") - julianday(" + earlier + ") AS INTEGER)"
    }

    package func cast(_ value: SQLFragment, to type: CastType) -> SQLFragment {
        switch type {
        case .integer: "CAST(" + value + " AS INTEGER)"
        case .numeric: "CAST(" + value + " AS REAL)"
        case .text: "CAST(" + value + " AS TEXT)"
        case .date: "date(" + value + ")"
        case .timestamp: "strftime('%Y-%m-%d %H:%M:%f', " + value + ")"
        case .boolean: "(CAST(" + value + " AS INTEGER) <> 0)"
        }
    }

    package func distinctCount(_ columns: [SQLFragment]) -> SQLFragment {
        if columns.count == 1 { return "COUNT(DISTINCT " + columns[0] + ")" }
        // quote() renders each value with its type and escapes text, so the joined key is injective.
        let key = SQLFragment.join(columns.map { "quote(" + $0 + ")" }, separator: " || ',' || ")
        let allPresent = SQLFragment.join(columns.map { $0 + " IS NOT NULL" }, separator: " AND ")
        return "COUNT(DISTINCT CASE WHEN " + allPresent + " THEN " + key + " END)"
    }

    package func epochSeconds(_ value: SQLFragment, type: ValueType) -> SQLFragment {
        "((julianday(" + value + ") - 2440587.5) * 86400.0)"
    }

    package func newestEpochSeconds(_ column: SQLFragment, type: ValueType) -> SQLFragment {
        "((MAX(julianday(" + column + ")) - 2440587.5) * 86400.0)"
    }
}

extension CivilDateTime {
    /// The Julian day number exactly as SQLite's `julianday()` computes it (integer milliseconds / 86400000).
    package var julianDay: Double {
        let millis = Int64(date.daysSinceEpoch) * 86_400_000 + Int64((secondOfDay * 1000).rounded()) + 210_866_760_000_000
        return Double(millis) / 86_400_000.0
    }

    /// `DD HH:MM:SS.SSS`, the form SQLite's `strftime('%d %H:%M:%f')` gives, for ordering within a month.
    var dayAndTimeKey: String {
        let text = description
        let seconds = secondOfDay.truncatingRemainder(dividingBy: 60)
        let secondText = String(format: "%06.3f", seconds)
        let index = text.index(text.startIndex, offsetBy: 8)
        return String(text[index..<text.index(index, offsetBy: 9)]) + secondText
    }
}
