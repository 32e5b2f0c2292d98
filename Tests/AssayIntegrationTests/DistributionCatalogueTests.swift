import AssayTestSupport
import Assay
import Foundation
import Testing

/// The statistics, set, order, format and schema checks, on a table whose answers are worked out by hand.
@Suite("Distribution and multi-column catalogue on SQLite")
struct DistributionCatalogueTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static var data: String { get throws { try String(contentsOf: fixtures.appendingPathComponent("distribution.sql"), encoding: .utf8) } }
    static var suite: String { get throws { try String(contentsOf: fixtures.appendingPathComponent("distribution.yml"), encoding: .utf8) } }

    static let expected: [(check: String, status: CheckStatus, violations: Int?, observed: Double?)] = [
        ("min_v", .pass, nil, 1),
        ("max_v", .fail, nil, 4),
        ("mean_v", .pass, nil, 2.5),
        ("median_v", .pass, nil, 2.5),
        ("sum_v", .fail, nil, 10),
        ("stddev_v", .pass, nil, 1.2909944487358056),
        ("distinct_count_n", .pass, nil, 3),
        ("unique_proportion_n", .fail, nil, 0.6),
        ("median_n", .pass, nil, 2),
        ("max_text", .fail, nil, nil),
        ("quantiles_n", .pass, 0, nil),
        ("distinct_in_set_d", .fail, 1, nil),
        ("distinct_contain_set_d", .pass, 0, nil),
        ("distinct_equal_set_d", .pass, 0, nil),
        ("most_common_value_n", .pass, nil, nil),
        ("mode_no_ties", .fail, nil, nil),
        ("date_format_s", .fail, 3, nil),
        ("increasing_v", .pass, 0, nil),
        ("decreasing_n_id", .fail, 2, nil),
        ("strictly_increasing_n", .fail, 2, nil),
        ("unique_within_record_a_b_c", .fail, 3, nil),
        ("sum_equals_a_b", .fail, 3, nil),
        ("pair_never", .fail, 2, nil),
        ("pair_all_missing", .fail, 1, nil),
        ("pair_default", .fail, 1, nil),
        ("unique_all", .fail, 4, nil),
        ("unique_n", .fail, 2, nil),
        ("column_type_v", .pass, nil, nil),
        ("type_wrong", .fail, nil, nil),
        ("column_count", .pass, nil, 8),
        ("ordered", .pass, nil, nil),
        ("ordered_wrong", .fail, nil, nil),
        ("column_exists_v", .pass, nil, nil),
        ("position_wrong", .fail, nil, 2),
        ("length_between_d", .pass, 0, nil),
    ]

    @Test func everyCheckMeasuresWhatItDocuments() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("m.db"), try Self.data)
        let result = try await run(yaml: try Self.suite, database: dir.file("m.db"))
        #expect(result.results.count == Self.expected.count)
        for e in Self.expected {
            let r = try #require(result.result("m", e.check), "missing \(e.check)")
            #expect(r.status == e.status, "\(e.check): \(r.message)")
            if let v = e.violations { #expect(r.violations == v, "\(e.check): \(r.message)") }
            if let o = e.observed {
                let observed = try #require(r.observed, "\(e.check) has no observed value")
                #expect(abs(observed - o) < 1e-9, "\(e.check): \(observed)")
            }
        }
        #expect(result.result("m", "max_text")?.observedValue == .text("z"))
        #expect(result.result("m", "quantiles_n")?.observedValues == [.integer(1), .integer(2), .integer(3)])
        #expect(result.result("m", "distinct_in_set_d")?.message.contains("outside the set: z") == true)
        #expect(result.result("m", "most_common_value_n")?.observedValues == [.integer(1), .integer(2)])
        #expect(result.result("m", "type_wrong")?.observedValue == .text("REAL"))
    }

    @Test func aggregatesShareTheScanAndOnlyOrderAndValueChecksAddStatements() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("m.db"), try Self.data)
        let log = StatementLog()
        _ = try await run(yaml: try Self.suite, database: dir.file("m.db"), options: RunOptions(samples: false), trace: log.trace)
        // One scan; one value listing per column (three set checks share d's, two most-common checks share n's);
        // one window statement for the three order checks, which share the order of the primary key.
        #expect(log.dataReads.count == 1 + 2 + 1, "\(log.dataReads)")
        #expect(log.dataReads.filter { $0.contains("GROUP BY") && $0.hasPrefix("SELECT \"") }.count == 2)
        #expect(log.dataReads.filter { $0.contains("LAG(") }.count == 1)
    }

    @Test func aUniqueKeyCountsItsDistinctValuesWithoutDistinctCounting() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("m.db"), try Self.data)
        let yaml = """
            tables:
              m:
                checks:
                  - distinct_count: {column: id, min: 5, max: 5}
                  - unique_proportion: {column: id, min: 1}
            """
        let log = StatementLog()
        let result = try await run(yaml: yaml, database: dir.file("m.db"), trace: log.trace)
        #expect(result.results.map(\.status) == [.pass, .pass])
        #expect(result.results.map(\.observed) == [5, 1])
        #expect(log.dataReads.count == 1)
        #expect(!log.dataReads[0].contains("DISTINCT"), "\(log.dataReads)")
        let plans = await RunEngine(source: try SQLiteSource(path: dir.file("m.db")), clock: FixedClock(fixedNow))
            .prepare(try SuiteLoader(environment: [:]).parse(yaml, file: "k.yml")).plans
        #expect(plans[0].checks.allSatisfy { $0.strategy?.contains("unique key") == true })
    }

    @Test func badDefinitionsAreLocatedConfigErrors() throws {
        let cases: [(String, String)] = [
            ("- date_format: {column: s, format: '%Y-%Q'}", "unsupported directive %Q"),
            ("- quantiles: {column: n, ranges: [{quantile: 1.5, min: 1}]}", "quantile must be between 0 and 1"),
            ("- median: {column: v}", "median needs min, max or both"),
            ("- sum_equals: {columns: [a], total: 1, skip: sometimes}", "skip is one of"),
            ("- unique: {columns: [a], count: twice}", "count is 'extra'"),
            ("- unique_within_record: {columns: [a]}", "needs two or more columns"),
        ]
        for (check, message) in cases {
            let yaml = "tables:\n  m:\n    checks:\n      \(check)\n"
            #expect {
                _ = try SuiteLoader(environment: [:]).parse(yaml, file: "bad.yml")
            } throws: { error in
                let text = "\(error)"
                return text.contains(message) && text.contains("bad.yml:4:")
            }
        }
    }
}
