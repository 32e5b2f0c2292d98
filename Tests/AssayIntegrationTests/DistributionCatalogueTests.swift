import Assay
import Testing

/// The statistics, set, order, format and schema checks, on a table whose answers are worked out by hand.
@Suite("Distribution and multi-column catalogue on SQLite")
struct DistributionCatalogueTests {
    static let data = """
        CREATE TABLE m(id INTEGER PRIMARY KEY, v REAL, n INTEGER, s TEXT, d TEXT, a INTEGER, b INTEGER, c INTEGER);
        INSERT INTO m VALUES
        (1, 1, 1, '2024-01-05', 'x', 1, 2, 3),
        (2, 2, 1, '2024-13-01', 'y', 2, 2, 0),
        (3, 3, 2, '05/01/2024', 'x', 3, 1, 1),
        (4, 4, 3, NULL, 'x', NULL, NULL, 4),
        (5, NULL, 2, '2024-1-7', 'z', 0, 5, 0);
        """

    static let suite = #"""
        tables:
          m:
            checks:
              - min: {column: v, min: 1}
              - max: {column: v, max: 3}
              - mean: {column: v, min: 2.5, max: 2.5}
              - median: {column: v, min: 2, max: 3}
              - sum: {column: v, min: 10, max: 10, strict_max: true}
              - stddev: {column: v, min: 1.29, max: 1.3}
              - distinct_count: {column: n, min: 3, max: 3}
              - unique_proportion: {column: n, min: 0.7}
              - median: {column: n, min: 2, max: 2}
                id: median_n
              - max: {column: d, max: 'y'}
                id: max_text
              - quantiles:
                  column: n
                  ranges:
                    - {quantile: 0.25, min: 1, max: 1}
                    - {quantile: 0.5, min: 2, max: 2}
                    - {quantile: 1, min: 3, max: 3}
              - distinct_in_set: {column: d, values: [x, y]}
              - distinct_contain_set: {column: d, values: [x, y]}
              - distinct_equal_set: {column: d, values: [x, y, z]}
              - most_common_value: {column: n, values: [1], ties_okay: true}
              - most_common_value: {column: n, values: [1]}
                id: mode_no_ties
              - date_format: {column: s, format: '%Y-%m-%d'}
              - increasing: {column: v}
              - decreasing: {column: n, order_by: id}
              - increasing: {column: n, strict: true}
                id: strictly_increasing_n
              - unique_within_record: {columns: [a, b, c]}
              - sum_equals: {columns: [a, b], total: 3}
              - column_pair: {left: a, op: '<=', right: b, skip: never}
                id: pair_never
              - column_pair: {left: a, op: '<=', right: b, skip: all_missing}
                id: pair_all_missing
              - column_pair: {left: a, op: '<=', right: b}
                id: pair_default
              - unique: {columns: [n], count: all}
                id: unique_all
              - unique: n
              - column_type: {column: v, type: real}
              - column_type: {column: v, type: [integer, bigint]}
                id: type_wrong
              - column_count: {equals: 8}
              - columns: {expected: [id, v, n, s, d, a, b, c], ordered: true}
                id: ordered
              - columns: {expected: [id, n, v, s, d, a, b, c], ordered: true}
                id: ordered_wrong
              - column_exists: {column: v, position: 1}
              - column_exists: {column: n, position: 1}
                id: position_wrong
              - length_equal: {column: d, length: 1}
        """#

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
        ("date_format_s", .fail, 2, nil),
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
        try makeDatabase(at: dir.file("m.db"), Self.data)
        let result = try await run(yaml: Self.suite, database: dir.file("m.db"))
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
        try makeDatabase(at: dir.file("m.db"), Self.data)
        let log = StatementLog()
        _ = try await run(yaml: Self.suite, database: dir.file("m.db"), options: RunOptions(samples: false), trace: log.trace)
        // One scan, one value listing for each of 3 set checks and 2 most-common checks, one window per 3 order checks.
        #expect(log.dataReads.count == 1 + 5 + 3, "\(log.dataReads)")
        #expect(log.dataReads.filter { $0.contains("GROUP BY") && $0.hasPrefix("SELECT \"") }.count == 5)
        #expect(log.dataReads.filter { $0.contains("LAG(") }.count == 3)
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
