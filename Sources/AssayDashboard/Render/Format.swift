import AssayCore
import Foundation

/// How values are written on the pages: locale-independent, UTC.
enum Format {
    /// `2026-11-27 12:00:00`.
    static func instant(_ date: Date) -> String { CivilDateTime(epochSeconds: date.timeIntervalSince1970.rounded(.down)).description }

    /// `2026-11-27`.
    static func day(_ seconds: Double) -> String { CivilDateTime(epochSeconds: seconds.rounded(.down)).date.description }

    /// `11-27`: a time axis label.
    static func shortDay(_ seconds: Double) -> String { String(day(seconds).dropFirst(5)) }

    static func number(_ value: Double, digits: Int = 2) -> String { value.formatted(maxFractionDigits: digits) }

    /// `98.5`, or `-` for none.
    static func score(_ value: Double?) -> String { value.map { number($0, digits: 1) } ?? "-" }

    /// `+1.5`, `-2`, `0`, or `-` for none.
    static func change(_ value: Double?) -> String {
        guard let value else { return "-" }
        return (value > 0 ? "+" : "") + number(value, digits: 1)
    }

    /// `1.25%` from a ratio.
    static func rate(_ value: Double?) -> String { value.map { number($0 * 100, digits: 3) + "%" } ?? "-" }

    /// `1,234,567`.
    static func count(_ value: Int?) -> String { value?.grouped ?? "-" }

    /// A value-axis label: short for large numbers.
    static func axis(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return number(value / 1_000_000, digits: 1) + "M" }
        if magnitude >= 10_000 { return number(value / 1_000, digits: 1) + "k" }
        return number(value, digits: 2)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? number(seconds, digits: 3) + " s" : number(seconds / 60, digits: 1) + " min"
    }
}
