import AssayMonitorCore
import Foundation
import Testing

@Suite("Schedules")
struct ScheduleTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func date(_ text: String, zone: TimeZone = utc) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text)!
    }

    @Test("cron: next minute for steps, ranges, lists, names and macros", arguments: [
        ("*/15 * * * *", "2026-12-01 10:07:30", "2026-12-01 10:15:00"),
        ("*/15 * * * *", "2026-12-01 10:15:00", "2026-12-01 10:30:00"),
        ("0 9-17/4 * * *", "2026-12-01 13:00:00", "2026-12-01 17:00:00"),
        ("30 2 * * mon-fri", "2026-12-04 03:00:00", "2026-12-07 02:30:00"),     // Friday after 02:30 -> Monday
        ("0 0 1 jan,jul *", "2026-12-01 00:00:00", "2027-01-01 00:00:00"),
        ("@daily", "2026-12-31 23:59:59", "2027-01-01 00:00:00"),
        ("@hourly", "2026-12-01 10:00:00", "2026-12-01 11:00:00"),
        ("0 12 29 2 *", "2026-03-01 00:00:00", "2028-02-29 12:00:00"),          // the next leap day
        ("0 0 13 * 5", "2026-12-01 00:00:00", "2026-12-04 00:00:00"),           // 13th OR Friday: Friday Dec 4
        ("0 0 * * 7", "2026-12-01 00:00:00", "2026-12-06 00:00:00"),            // 7 is Sunday
        ("5/20 * * * *", "2026-12-01 10:30:00", "2026-12-01 10:45:00"),
    ])
    func cronNext(_ expression: String, _ after: String, _ expected: String) throws {
        let cron = try CronExpression(expression)
        #expect(cron.next(after: Self.date(after)) == Self.date(expected))
    }

    @Test("cron on a zone's wall clock, across daylight saving")
    func cronInZone() throws {
        let london = TimeZone(identifier: "Europe/London")!
        let nine = try CronExpression("0 9 * * *")
        // 09:00 in London is 09:00 UTC in winter and 08:00 UTC in summer.
        #expect(nine.next(after: Self.date("2026-12-01 10:00:00"), in: london) == Self.date("2026-12-02 09:00:00"))
        #expect(nine.next(after: Self.date("2026-07-01 10:00:00"), in: london) == Self.date("2026-07-02 08:00:00"))
        // 01:30 does not happen in London on 2026-03-29 (clocks go from 01:00 to 02:00): the next one is a day later.
        let gap = try CronExpression("30 1 * * *")
        #expect(gap.next(after: Self.date("2026-03-28 12:00:00"), in: london) == Self.date("2026-03-30 00:30:00"))
    }

    @Test("cron that cannot be read names the field", arguments: [
        ("* * * *", "needs 5"), ("60 * * * *", "minute '60' is out of 0-59"), ("* * * foo *", "month 'foo'"),
        ("*/0 * * * *", "step"), ("5-1 * * * *", "backwards"), ("1,,2 * * * *", "empty list item"),
    ])
    func cronInvalid(_ text: String, _ message: String) {
        #expect { try CronExpression(text) } throws: { ($0 as? CronExpression.Invalid)?.message.contains(message) == true }
    }

    @Test("a cron expression that never matches has no next time")
    func never() throws {
        #expect(try CronExpression("0 0 30 2 *").next(after: Self.date("2026-01-01 00:00:00")) == nil)
    }

    @Test("intervals: every: spans and the seed's minutes (0.05 is 3 s); below a second is refused")
    func intervals() throws {
        #expect(try Schedule.every("15m") == .every(seconds: 900))
        #expect(try Schedule.everyMinutes(0.05) == .every(seconds: 3))
        #expect(throws: Schedule.Invalid.self) { try Schedule.every("500ms") }
        #expect(throws: Schedule.Invalid.self) { try Schedule.everyMinutes(0.001) }
        #expect(throws: Schedule.Invalid.self) { try Schedule.every("soon") }
        #expect(throws: Schedule.Invalid.self) { try Schedule.cron("* * * * *", zone: "Mars/Olympus") }
    }

    @Test("missed runs are skipped, not run late one after another")
    func missed() throws {
        let every = try Schedule.every("1m")
        let planned = Self.date("2026-12-01 10:00:00")
        #expect(every.next(after: planned, notBefore: planned) == Self.date("2026-12-01 10:01:00"))
        // Down from 10:00 to 10:05:30: the next run is 10:06, on the original grid.
        #expect(every.next(after: planned, notBefore: Self.date("2026-12-01 10:05:30")) == Self.date("2026-12-01 10:06:00"))
        let cron = try Schedule.cron("*/10 * * * *")
        #expect(cron.next(after: planned, notBefore: Self.date("2026-12-01 10:35:00")) == Self.date("2026-12-01 10:40:00"))
    }
}
