@testable import AssayCore
import Testing

@Suite("Watermarks of incremental polls")
struct WatermarkTests {
    static func row(_ key: Int64, _ at: String) -> [SQLValue] { [.integer(key), .timestamp(at)] }

    @Test("advancing keeps the newest value and only the keys the next poll may read again")
    func advancing() {
        let start = Watermark()
        let first = start.advanced(by: [Self.row(1, "2026-12-01 10:00:00"), Self.row(2, "2026-12-01 10:00:05"), Self.row(3, "2026-12-01 10:00:05")],
                                   lateness: 0)
        #expect(first.high == .timestamp("2026-12-01 10:00:05") && first.rowsChecked == 3 && first.started)
        #expect(first.counted.map(\.key) == [.integer(2), .integer(3)], "ties on the newest value are remembered, older rows are not")
        let late = first.advanced(by: [Self.row(4, "2026-12-01 10:00:20")], lateness: 10)
        #expect(late.counted.map(\.key) == [.integer(4)], "within 10 s of 10:00:20: only row 4")
        let wide = first.advanced(by: [Self.row(4, "2026-12-01 10:00:20")], lateness: 30)
        #expect(wide.counted.map(\.key) == [.integer(2), .integer(3), .integer(4)],
                "within 30 s: the counted rows of the last 30 s (row 1 was forgotten by the first poll, which had no lateness)")
        let older = late.advanced(by: [Self.row(5, "2026-12-01 10:00:15")], lateness: 10)
        #expect(older.high == .timestamp("2026-12-01 10:00:20"), "a late row does not move the watermark back")
        #expect(Set(older.counted.map(\.key)) == [.integer(4), .integer(5)])
    }

    @Test("numbers: the bound is the newest value less the lateness, exactly")
    func numbers() {
        let mark = Watermark().advanced(by: [[.integer(10), .integer(100)], [.integer(11), .integer(105)]], lateness: 3)
        #expect(mark.high == .integer(105) && mark.counted.map(\.key) == [.integer(11)])
        #expect(mark.newestInstant == nil, "a number column has no instant")
    }

    @Test("the newest instant of a timestamp column, for the lag metric")
    func instant() {
        let mark = Watermark().advanced(by: [Self.row(1, "2026-12-01 10:00:00.250")], lateness: 0)
        #expect(mark.newestInstant?.timeIntervalSince1970 == 1_796_119_200.25)
    }
}
