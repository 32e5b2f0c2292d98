import AssayCore
import Foundation

/// Hours in which a route's alerts wait (they go out when the quiet hours end), on a zone's wall clock. An
/// incident at or above `breakThrough` severity is sent anyway.
public struct QuietHours: Sendable, Hashable {
    /// Minutes after midnight; `end` before `start` spans midnight (22:00–07:00).
    public var startMinute: Int
    public var endMinute: Int
    /// Weekdays (0 Sunday … 6 Saturday) the quiet hours start on; empty: every day.
    public var weekdays: Set<Int>
    public var zone: TimeZone
    /// The lowest severity that is never held back (`nil`: every alert waits).
    public var breakThrough: Severity?

    public init(startMinute: Int, endMinute: Int, weekdays: Set<Int> = [], zone: TimeZone, breakThrough: Severity? = nil) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.weekdays = weekdays
        self.zone = zone
        self.breakThrough = breakThrough
    }

    /// `22:00-07:00` in `zone`.
    /// - Throws: ``Schedule/Invalid`` for text that is not `HH:MM-HH:MM`.
    public init(parsing text: String, zone: TimeZone, weekdays: Set<Int> = [], breakThrough: Severity? = nil) throws(Schedule.Invalid) {
        func minute(_ part: Substring) -> Int? {
            let hm = part.trimmingCharacters(in: .whitespaces).split(separator: ":")
            guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1_440 else { return nil }
            return h * 60 + m
        }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let start = minute(parts[0]), let end = minute(parts[1]), start != end else {
            throw Schedule.Invalid(message: "quiet hours '\(text)' are not HH:MM-HH:MM (for example 22:00-07:00)")
        }
        self.init(startMinute: start, endMinute: end, weekdays: weekdays, zone: zone, breakThrough: breakThrough)
    }

    /// When an alert of `severity` raised at `instant` may go out: `instant` itself outside quiet hours (or for a
    /// severity that breaks through), else the end of the quiet hours.
    public func release(of severity: Severity, at instant: Date) -> Date {
        if let floor = breakThrough, severity >= floor { return instant }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute, .weekday], from: instant)
        let now = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let weekday = (parts.weekday ?? 1) - 1
        let midnight = calendar.startOfDay(for: instant)
        func at(_ minute: Int, daysFromToday: Int) -> Date {
            let day = calendar.date(byAdding: .day, value: daysFromToday, to: midnight) ?? midnight
            return calendar.date(byAdding: .minute, value: minute, to: day) ?? instant
        }
        func startsOn(_ day: Int) -> Bool { weekdays.isEmpty || weekdays.contains((day + 7) % 7) }
        if startMinute < endMinute {
            guard startsOn(weekday), now >= startMinute, now < endMinute else { return instant }
            return at(endMinute, daysFromToday: 0)
        }
        // Spanning midnight: the evening part started today, the morning part yesterday.
        if now >= startMinute, startsOn(weekday) { return at(endMinute, daysFromToday: 1) }
        if now < endMinute, startsOn(weekday - 1) { return at(endMinute, daysFromToday: 0) }
        return instant
    }
}
