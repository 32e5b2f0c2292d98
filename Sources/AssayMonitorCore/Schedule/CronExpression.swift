import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as Vixie cron reads it: `*`,
/// values, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b`, month and weekday names (`jan`, `mon`), 0 or 7 for
/// Sunday, and the macros `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly`, `@yearly` (`@annually`). When
/// both day-of-month and day-of-week are restricted, a day matching either one matches (as cron does).
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    /// Whether day-of-month / day-of-week were `*` (then only the other one restricts the day).
    let anyDay: Bool, anyWeekday: Bool

    /// Why a cron expression cannot be read: the field and what is wrong with it.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private static let macros = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// - Throws: ``Invalid`` naming the field that is wrong.
    public init(_ text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expanded = Self.macros[trimmed.lowercased()] ?? trimmed
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        guard fields.count == 5 else {
            throw Invalid(message: "cron '\(text)' has \(fields.count) fields; it needs 5 (minute hour day-of-month month day-of-week) or a macro such as @hourly")
        }
        self.text = trimmed
        minutes = try Self.field(fields[0], "minute", 0...59, names: [], in: text)
        hours = try Self.field(fields[1], "hour", 0...23, names: [], in: text)
        days = try Self.field(fields[2], "day-of-month", 1...31, names: [], in: text)
        months = try Self.field(fields[3], "month", 1...12, names: Self.monthNames, in: text)
        // 7 is Sunday too.
        weekdays = Set(try Self.field(fields[4], "day-of-week", 0...7, names: Self.dayNames, in: text).map { $0 % 7 })
        anyDay = fields[2] == "*" || fields[2] == "?"
        anyWeekday = fields[4] == "*" || fields[4] == "?"
    }

    public var description: String { text }

    private static func field(_ text: String, _ name: String, _ range: ClosedRange<Int>, names: [String],
                              in whole: String) throws(Invalid) -> Set<Int> {
        func invalid(_ why: String) -> Invalid { Invalid(message: "cron '\(whole)': \(name) '\(text)' \(why)") }
        func value(_ part: Substring) throws(Invalid) -> Int {
            if let number = Int(part) {
                guard range.contains(number) else { throw invalid("is out of \(range.lowerBound)-\(range.upperBound)") }
                return number
            }
            if let index = names.firstIndex(of: String(part)) { return index + range.lowerBound }
            throw invalid("is not a number\(names.isEmpty ? "" : " or a name like \(names[0])")")
        }
        var values = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw invalid("has an empty list item") }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw invalid("has more than one step") }
            var step = 1
            if parts.count == 2 {
                guard let n = Int(parts[1]), n >= 1 else { throw invalid("has a step that is not a whole number above 0") }
                step = n
            }
            let span = parts[0]
            let low: Int, high: Int
            if span == "*" || span == "?" {
                (low, high) = (range.lowerBound, range.upperBound)
            } else if let dash = span.firstIndex(of: "-") {
                low = try value(span[..<dash])
                high = try value(span[span.index(after: dash)...])
                guard low <= high else { throw invalid("is a range that runs backwards") }
            } else {
                low = try value(span)
                // `5/15` means from 5 to the end, every 15.
                high = parts.count == 2 ? range.upperBound : low
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    /// Whether the day `day` of `month` (weekday 0 = Sunday) is one the expression runs on.
    func matchesDay(day: Int, month: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        switch (anyDay, anyWeekday) {
        case (true, true): return true
        case (false, true): return days.contains(day)
        case (true, false): return weekdays.contains(weekday)
        case (false, false): return days.contains(day) || weekdays.contains(weekday)
        }
    }

    /// The first whole minute after `instant` the expression matches, on the wall clock of `zone`; `nil` when none in
    /// the next eight years (`0 0 30 2 *`: February 30 never comes). A wall-clock time a daylight-saving change skips
    /// does not happen; one it repeats happens once, at its first occurrence.
    public func next(after instant: Date, in zone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant.addingTimeInterval(60))
        guard var day = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day)) else { return nil }
        let sortedHours = hours.sorted(), sortedMinutes = minutes.sorted()
        for _ in 0..<(366 * 8) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let month = parts.month, let dom = parts.day, let weekday = parts.weekday,
               matchesDay(day: dom, month: month, weekday: weekday - 1) {
                let isFirstDay = parts.year == start.year && month == start.month && dom == start.day
                for hour in sortedHours where !isFirstDay || hour >= start.hour! {
                    for minute in sortedMinutes where !isFirstDay || hour > start.hour! || minute >= start.minute! {
                        var wanted = DateComponents(year: parts.year, month: month, day: dom, hour: hour, minute: minute)
                        wanted.timeZone = zone
                        // A time the zone skips (a daylight-saving gap) resolves to another wall time: not this one.
                        guard let candidate = calendar.date(from: wanted),
                              calendar.component(.hour, from: candidate) == hour, candidate > instant else { continue }
                        return candidate
                    }
                }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = following
        }
        return nil
    }
}
