/// A proleptic Gregorian calendar date, free of time zones (dates in Assay are UTC calendar dates).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` after 1970-01-01 (negative for earlier dates).
    package init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    package var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Adds months the way PostgreSQL does: the day is clamped to the last day of the target month.
    package func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return CivilDate(year: y, month: m, day: min(day, Self.daysIn(month: m, year: y)))
    }

    package func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
}

/// A calendar date with a time of day, in UTC.
public struct CivilDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: CivilDate
    /// Seconds since midnight, with fractions.
    public var secondOfDay: Double

    public init(date: CivilDate, secondOfDay: Double = 0) {
        self.date = date
        self.secondOfDay = secondOfDay
    }

    public init(epochSeconds: Double) {
        let days = Int((epochSeconds / 86_400).rounded(.down))
        date = CivilDate(daysSinceEpoch: days)
        secondOfDay = epochSeconds - Double(days) * 86_400
    }

    public var epochSeconds: Double { Double(date.daysSinceEpoch) * 86_400 + secondOfDay }

    /// Adds an interval: months first (clamped), then days, then seconds, as PostgreSQL does.
    package func adding(_ interval: Interval) -> CivilDateTime {
        let shifted = CivilDateTime(date: date.adding(months: interval.months).adding(days: interval.days),
                                    secondOfDay: secondOfDay)
        return CivilDateTime(epochSeconds: shifted.epochSeconds + interval.seconds)
    }

    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    /// `YYYY-MM-DD HH:MM:SS`, with microseconds only when present.
    public var description: String {
        let whole = Int(secondOfDay.rounded(.down))
        var text = date.description + " " + pad(whole / 3600, 2) + ":" + pad(whole / 60 % 60, 2) + ":" + pad(whole % 60, 2)
        let micros = Int(((secondOfDay - Double(whole)) * 1_000_000).rounded())
        if micros > 0 { text += "." + pad(micros, 6) }
        return text
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
