import AssayCore
import Foundation

/// The period a compliance report covers: from `from` (inclusive) to `to` (exclusive), both UTC instants to the
/// millisecond. A day given as `YYYY-MM-DD` is that UTC day: `--from` starts at its midnight and `--to` includes it
/// wholly (ends at the next midnight), so `--from 2026-01-01 --to 2026-01-31` is all of January.
public struct CompliancePeriod: Sendable, Hashable {
    public let from: Date
    public let to: Date

    /// Why a period cannot be used, phrased for a person.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// - Throws: ``Invalid`` when `from` is not before `to`.
    public init(from: Date, to: Date) throws(Invalid) {
        let from = InstantText.rounded(from), to = InstantText.rounded(to)
        guard from < to else {
            throw Invalid(message: "the period must end after it starts: --from \(InstantText.string(from)) is not before --to \(InstantText.string(to))")
        }
        self.from = from
        self.to = to
    }

    /// The period from two command-line dates: `YYYY-MM-DD` (a UTC day) or an ISO 8601 instant with a zone
    /// (`2026-01-01T06:00:00Z`, `2026-01-01T08:00:00.250+02:00`).
    /// - Throws: ``Invalid`` for a date that is neither, or a `from` that is not before `to`.
    public static func parse(from: String, to: String) throws(Invalid) -> CompliancePeriod {
        try CompliancePeriod(from: try instant(from, option: "--from", endOfDay: false), to: try instant(to, option: "--to", endOfDay: true))
    }

    /// One command-line date: a day's first instant, or with `endOfDay` the next day's (the day is included).
    static func instant(_ text: String, option: String, endOfDay: Bool) throws(Invalid) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = Self.day(trimmed) {
            return Date(timeIntervalSince1970: Double(day.daysSinceEpoch + (endOfDay ? 1 : 0)) * 86_400)
        }
        if let instant = Self.iso8601(trimmed) { return instant }
        throw Invalid(message: "\(option) '\(text)' is not a date: give a UTC day as YYYY-MM-DD (2026-01-31) or an ISO 8601 instant with a zone (2026-01-31T12:00:00Z)")
    }

    /// `YYYY-MM-DD` with a month and a day that exist.
    private static func day(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1 else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        // A day past the month's end (2026-02-30) would roll over: it is not a date.
        guard CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date else { return nil }
        return date
    }

    private static func iso8601(_ text: String) -> Date? {
        guard text.contains("T") else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The start in milliseconds since 1970, as the store keeps a run's start.
    public var fromMilliseconds: Int64 { Self.milliseconds(from) }
    /// The end in milliseconds since 1970 (exclusive).
    public var toMilliseconds: Int64 { Self.milliseconds(to) }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
