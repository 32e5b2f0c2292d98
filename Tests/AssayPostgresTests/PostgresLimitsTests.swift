import Assay
import Foundation
import Testing

/// Limits and odd data on the real server: in the serialized suite, so the restart test cannot cut these connections.
extension PostgresTests {
    static let limitsTable = """
        DROP TABLE IF EXISTS core_limits;
        CREATE TABLE core_limits(id integer PRIMARY KEY, balance double precision, born text, seen timestamp);
        INSERT INTO core_limits VALUES
          (1, 10, '1980-01-01', TIMESTAMP '2026-11-26 12:00:00'), (2, 20, '2015-07-04', TIMESTAMP '2026-11-25 12:00:00'),
          (3, 30, '2999-01-01', TIMESTAMP '2999-01-01 00:00:00'), (4, 40, '31/12/1990', NULL), (5, 50, '2023-02-29', NULL);
        """

    @Test("2,500 checks on one table split the scan under PostgreSQL's 1664-column limit")
    func manyChecksOnPostgres() async throws {
        try await PostgresTestServer.execute(Self.limitsTable.components(separatedBy: ";\n").filter { !$0.isEmpty })
        let checks = (0..<2500).map { "      - rule: {violation: \"balance > \($0)\"}\n        id: r\($0)\n" }.joined()
        let result = try await runSuite("tables:\n  core_limits:\n    checks:\n" + checks, source: PostgresTestServer.url(), now: Self.now)
        #expect(result.results.count == 2500)
        #expect(result.count(.error) == 0, "\(result.results.first { $0.status == .error }?.message ?? "")")
        #expect(result.count(.fail) == 50)
    }

    @Test("text columns holding ISO-8601 dates work as dates; other text is a violation, not an error")
    func textDatesOnPostgres() async throws {
        try await PostgresTestServer.execute(Self.limitsTable.components(separatedBy: ";\n").filter { !$0.isEmpty })
        let conditions = ["born > current_date", "EXTRACT(YEAR FROM AGE(born)) < 18", "EXTRACT(YEAR FROM born) > 2500",
                          "born + INTERVAL '1 day' > current_date"]
        let checks = conditions.enumerated().map { "      - rule: {violation: \"\($0.element)\"}\n        id: r\($0.offset)\n" }.joined()
        let result = try await runSuite("tables:\n  core_limits:\n    checks:\n" + checks, source: PostgresTestServer.url(), now: Self.now)
        // 2999-01-01 violates by date (and 2015-07-04 is under 18); '31/12/1990' and '2023-02-29' are not dates.
        for (index, expected) in [3, 4, 3, 3].enumerated() {
            let r = try #require(result.result("core_limits", "r\(index)"))
            #expect(r.status == .fail && r.violations == expected, "\(conditions[index]): \(r.status) \(r.message)")
            #expect(r.message.contains("2 values are not ISO-8601 dates (born)"), "\(r.message)")
        }
    }

    @Test("conditions at the nesting limit run; a window and freshness see future rows as future")
    func nestingAndFutureRowsOnPostgres() async throws {
        try await PostgresTestServer.execute(Self.limitsTable.components(separatedBy: ";\n").filter { !$0.isEmpty })
        let deep = [
            String(repeating: "abs(", count: 45) + "- balance" + String(repeating: ")", count: 45) + " > 15",
            String(repeating: "(", count: 99) + "balance > 15" + String(repeating: ")", count: 99),
            "balance" + String(repeating: " + 0", count: 95) + " > 15",
            String(repeating: "NOT ", count: 98) + "balance > 15",
        ]
        var yaml = deep.enumerated().map { "      - rule: {violation: \"\($0.element)\"}\n        id: d\($0.offset)\n" }.joined()
        yaml += "      - row_count: {min: 0}\n        window: {column: seen, last: 7d}\n      - freshness: {column: seen, fail: 7d}\n"
        let result = try await runSuite("tables:\n  core_limits:\n    checks:\n" + yaml, source: PostgresTestServer.url(), now: Self.now)
        for index in deep.indices {
            let r = try #require(result.result("core_limits", "d\(index)"))
            #expect(r.status == .fail && r.violations == 4, "d\(index): \(r.status) \(r.message)")
        }
        #expect(result.result("core_limits", "row_count")?.rowsChecked == 2)
        let fresh = try #require(result.result("core_limits", "freshness_seen"))
        #expect(fresh.status == .fail && fresh.message.contains("in the future"), "\(fresh.message)")
    }

    @Test("statistics of a boolean column take it as 0 and 1 on PostgreSQL, as on SQLite")
    func booleanStatisticsOnPostgres() async throws {
        try await PostgresTestServer.execute(["DROP TABLE IF EXISTS core_flags",
                                              "CREATE TABLE core_flags(id integer PRIMARY KEY, active boolean)",
                                              "INSERT INTO core_flags VALUES (1, true), (2, false), (3, NULL), (4, true)"])
        let checks = ["mean: {column: active, min: 0.6, max: 0.7}", "sum: {column: active, min: 2, max: 2}",
                      "min: {column: active, max: false}", "max: {column: active, min: true}", "stddev: {column: active, max: 1}"]
        let result = try await runSuite("tables:\n  core_flags:\n    checks:\n" + checks.map { "      - \($0)\n" }.joined(),
                                        source: PostgresTestServer.url(), now: Self.now)
        for r in result.results { #expect(r.status == .pass, "\(r.check): \(r.message)") }
        #expect(result.result("core_flags", "mean_active")?.observed.map { ($0 * 1000).rounded() } == 667)
    }
}
