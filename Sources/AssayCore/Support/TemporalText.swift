/// Parses and normalises the ISO-8601 text forms Assay stores and compares dates and timestamps in.
package enum TemporalText {
    /// Parses `YYYY-MM-DD`, validating the calendar.
    package static func parseDate(_ text: some StringProtocol) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45,
              let y = number(bytes[0..<4]), let m = number(bytes[5..<7]), let d = number(bytes[8..<10]),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y)
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]` or the `T` form, with an optional `Z`.
    package static func parseTimestamp(_ text: some StringProtocol) -> CivilDateTime? {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        guard body.count >= 10, let date = parseDate(body.prefix(10)) else { return nil }
        let rest = body.dropFirst(10)
        if rest.isEmpty { return CivilDateTime(date: date) }
        guard rest.first == " " || rest.first == "T" else { return nil }
        let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let mi = Int(parts[1]), h < 24, mi < 60
        else { return nil }
        var seconds = 0.0
        if parts.count == 3 {
            guard parts[2].count >= 2, let s = Double(parts[2]), s >= 0, s < 61 else { return nil }
            seconds = s
        }
        return CivilDateTime(date: date, secondOfDay: Double(h * 3600 + mi * 60) + seconds)
    }

    /// The canonical text of a valid date, or `nil`.
    package static func date(_ text: String) -> String? { parseDate(text)?.description }

    /// The canonical text of a valid timestamp, or `nil`.
    package static func timestamp(_ text: String) -> String? { parseTimestamp(text)?.description }

    /// Parses `'18 years'`, `'1 year 6 months'`, `'7 days'`, `'2 hours 30 minutes'`, `'-1 day'`.
    package static func interval(_ text: String) -> Interval? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var result = Interval()
        for i in stride(from: 0, to: words.count, by: 2) {
            guard let amount = Double(words[i]) else { return nil }
            var unit = String(words[i + 1])
            if unit.hasSuffix("s") && unit.count > 1 { unit.removeLast() }
            switch unit {
            case "year", "yr", "y":
                guard amount == amount.rounded() else { return nil }
                result.months += Int(amount) * 12
            case "month", "mon":
                guard amount == amount.rounded() else { return nil }
                result.months += Int(amount)
            case "week", "w": result.days += Int(amount * 7)
            case "day", "d":
                guard amount == amount.rounded() else { return nil }
                result.days += Int(amount)
            case "hour", "h": result.seconds += amount * 3600
            case "minute", "min", "m": result.seconds += amount * 60
            case "second", "sec": result.seconds += amount
            default: return nil
            }
        }
        return result
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
