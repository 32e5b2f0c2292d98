/// The width of one point of a trend: a UTC calendar day or a UTC clock hour.
public enum TrendBucket: String, Sendable, Hashable, Codable, CaseIterable {
    case day, hour

    /// Seconds in one bucket.
    package var seconds: Int { self == .day ? 86_400 : 3_600 }

    /// The start of the bucket that holds `instant`.
    package func start(of instant: CivilDateTime) -> CivilDateTime {
        let epoch = Int(instant.epochSeconds.rounded(.down))
        let start = epoch - ((epoch % seconds) + seconds) % seconds
        return CivilDateTime(epochSeconds: Double(start))
    }

    /// The bucket's name in results: `2026-11-27` for a day, `2026-11-27T13:00:00Z` for an hour.
    package func label(_ start: CivilDateTime) -> String {
        guard self == .hour else { return start.date.description }
        let hour = Int(start.secondOfDay) / 3600
        return start.date.description + "T" + (hour < 10 ? "0" : "") + String(hour) + ":00:00Z"
    }

    /// The label of a bucket as the database returned it (`2026-11-27`, `2026-11-27 13`, `2026-11-27 13:00:00`):
    /// the date, and for hours the two digits after it. `nil` for anything else.
    package func label(fromDatabase text: String) -> String? {
        let chars = Array(text)
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-" else { return nil }
        let date = String(chars[0..<10])
        guard self == .hour else { return date }
        guard chars.count >= 13, chars[11...12].allSatisfy(\.isNumber) else { return nil }
        return date + "T" + String(chars[11...12]) + ":00:00Z"
    }

    /// The labels of the `count` buckets that end with the one holding `now`, oldest first.
    package func calendar(endingAt now: CivilDateTime, count: Int) -> [String] {
        let last = start(of: now).epochSeconds
        return (0..<count).reversed().map { back in
            label(CivilDateTime(epochSeconds: last - Double(back * seconds)))
        }
    }
}
