import AssayCore
import Testing

@Suite("Calendar arithmetic")
struct CivilTimeTests {
    @Test func roundTripsDays() {
        for days in [-719_468, -25_567, -1, 0, 1, 11_016, 19_723, 20_000, 2_932_896] {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CivilDate(daysSinceEpoch: 19_782).description == "2024-02-29")
    }

    @Test func addsMonthsLikePostgreSQL() {
        #expect(CivilDate(year: 2024, month: 2, day: 29).adding(months: -12 * 18).description == "2006-02-28")
        #expect(CivilDate(year: 2024, month: 1, day: 31).adding(months: 1).description == "2024-02-29")
        #expect(CivilDate(year: 2024, month: 3, day: 15).adding(months: -15).description == "2022-12-15")
    }

    @Test func parsesTimestampsInEveryISOForm() throws {
        let a = try #require(TemporalText.parseTimestamp("2024-01-05T10:30:00Z"))
        let b = try #require(TemporalText.parseTimestamp("2024-01-05 10:30:00"))
        #expect(a == b)
        #expect(TemporalText.parseTimestamp("2024-01-05")?.secondOfDay == 0)
        #expect(TemporalText.parseTimestamp("2024-13-05") == nil)
        #expect(TemporalText.parseTimestamp("2024-01-05 25:00") == nil)
        #expect(TemporalText.timestamp("2024-01-05 10:30:00.25") == "2024-01-05 10:30:00.250000")
    }

    @Test func julianDayMatchesSQLite() {
        // SQLite: SELECT julianday('2024-01-01') = 2460310.5, julianday('2000-01-01 12:00:00') = 2451545.0
        #expect(TemporalText.parseTimestamp("2024-01-01")!.julianDay == 2_460_310.5)
        #expect(TemporalText.parseTimestamp("2000-01-01 12:00:00")!.julianDay == 2_451_545.0)
    }

    @Test func timeSpans() {
        #expect(TimeSpan(parsing: "7d")?.seconds == 604_800)
        #expect(TimeSpan(parsing: "90s")?.seconds == 90)
        #expect(TimeSpan(parsing: "1.5h")?.seconds == 5400)
        #expect(TimeSpan(parsing: "soon") == nil)
        #expect(TimeSpan(seconds: 86_400 * 3).description == "3d")
    }
}
