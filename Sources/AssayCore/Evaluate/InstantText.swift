import Foundation

/// Instants of a run as stored and reported: UTC, ISO 8601, to the millisecond (`2026-12-01T12:00:00.123Z`).
/// A run's instants are kept to the millisecond, so writing one and reading it back gives the same `Date`.
package enum InstantText {
    /// `date` rounded to the millisecond.
    package static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    package static func string(_ date: Date) -> String {
        let ms = milliseconds(date)
        let (seconds, fraction) = ms.quotientAndRemainder(dividingBy: 1000)
        let adjusted = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let (days, second) = adjusted.0.quotientAndRemainder(dividingBy: 86_400)
        let (day, secondOfDay) = second < 0 ? (days - 1, second + 86_400) : (days, second)
        let civil = CivilDate(daysSinceEpoch: Int(day))
        func pad(_ n: Int64, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return civil.description + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":"
            + pad(secondOfDay % 60, 2) + "." + pad(adjusted.1, 3) + "Z"
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fff]Z`; `nil` for anything else.
    package static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, parts[1].hasSuffix("Z") else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].dropLast().split(separator: ":")
        guard day.count == 3, time.count == 3, let hour = Int64(time[0]), let minute = Int64(time[1]) else { return nil }
        let secondParts = time[2].split(separator: ".", omittingEmptySubsequences: false)
        guard let second = Int64(secondParts[0]), secondParts.count <= 2 else { return nil }
        var ms: Int64 = 0
        if secondParts.count == 2 {
            let digits = String(secondParts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
            guard let value = Int64(digits) else { return nil }
            ms = value
        }
        let days = Int64(CivilDate(year: day[0], month: day[1], day: day[2]).daysSinceEpoch)
        let seconds: Int64 = days * 86_400 + hour * 3600 + minute * 60 + second
        let total: Int64 = seconds * 1000 + ms
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }

    private static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

extension KeyedEncodingContainer {
    /// Encodes an instant as ``InstantText``.
    package mutating func encodeInstant(_ date: Date, forKey key: Key) throws {
        try encode(InstantText.string(date), forKey: key)
    }
}

extension KeyedDecodingContainer {
    package func decodeInstant(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = InstantText.date(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an ISO 8601 instant: \(text)")
        }
        return date
    }
}
