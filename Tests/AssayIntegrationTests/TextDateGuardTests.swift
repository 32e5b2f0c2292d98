import AssayTestSupport
import Assay
import Testing

/// Which text SQLite reads as an ISO-8601 date: real calendar days only, whatever shortcut the guard takes.
@Suite("ISO-8601 text on SQLite")
struct TextDateGuardTests {
    static let dates = ["1990-02-28", "2000-02-29", "2024-12-31", "2000-01-01 02:00:00+05:00", "2000-01-01T10:00:00Z",
                        "1999-11-28 10:00", "2000-04-30"]
    static let notDates = ["1990-02-30", "1900-02-29", "2000-04-31", "2000-01-00", "2000-13-01", "now", "12:00", "2451545.5",
                           "31/12/1990", "", "2000-1-1", "2000-01-31x", "2000-04-28x", " 2000-01-01"]

    @Test func onlyRealCalendarDaysAreDates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let values = (Self.dates + Self.notDates).enumerated().map { "(\($0.offset), '\($0.element)')" }.joined(separator: ", ")
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(id INTEGER PRIMARY KEY, born TEXT); INSERT INTO t VALUES \(values);")
        let result = try await run(yaml: "tables:\n  t:\n    checks:\n      - rule: {violation: \"born > current_date\"}\n",
                                   database: dir.file("t.db"))
        let r = try #require(result.results.first)
        #expect(r.violations == Self.notDates.count, "\(r.message)")
        #expect(r.message.contains("\(Self.notDates.count) values are not ISO-8601 dates"), "\(r.message)")
    }
}
