import AssayTestSupport
import AssayDemo
import Assay
import Foundation
import Testing

/// Great Expectations suites as input, and GX's validation-result shape as output.
@Suite("Great Expectations suites")
struct GXSuiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let gxSuite = root.appendingPathComponent("examples/gx/customers_expectations.json").path
    static let yamlSuite = root.appendingPathComponent("examples/gx/customers.yml").path

    @Test func theGXSuiteGivesTheSameCountsAsTheEquivalentYAMLSuite() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        let manifest = try files.write(scale: 1, now: fixedNow)
        let source = try SQLiteSource(path: files.databasePath)
        let gx = await RunEngine(source: source, clock: FixedClock(fixedNow)).run(try SuiteLoader().load(path: Self.gxSuite, table: "customers"))
        let yaml = await RunEngine(source: source, clock: FixedClock(fixedNow)).run(try SuiteLoader().load(path: Self.yamlSuite))
        func counts(_ r: SuiteResult) -> [String: [Int?]] {
            Dictionary(grouping: r.results, by: { $0.kind.rawValue + ":" + $0.columns.joined(separator: ",") }).mapValues { $0.map(\.violations) }
        }
        #expect(gx.results.count == 9)
        #expect(gx.count(.error) == 0)
        #expect(counts(gx) == counts(yaml))
        #expect(gx.results.map(\.status).sorted() == yaml.results.map(\.status).sorted())
        // The counts are the demo's injected defects, so both are right, not merely equal.
        let injected = manifest.expected["customers"] ?? [:]
        let ssnMissing = gx.results.first { $0.kind == "not_null" && $0.columns == ["ssn"] }?.violations
        #expect(ssnMissing == injected["c_ssn_not_null"])
        #expect(gx.results.contains { $0.kind == "unique" && ($0.violations ?? 0) > 0 })
    }

    @Test func checkCommandReadsGXSuitesAndWritesGXResults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        _ = try files.write(scale: 1, now: fixedNow)
        let output = try AssayProcess.run(["check", "--no-store", "--config", Self.gxSuite, "--table", "customers",
                                           "--source", "sqlite:" + files.databasePath, "--format", "gx"])
        #expect(output.status == 2, "\(output.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(document["success"] as? Bool == false)
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 9)
        let unique = try #require(results.first {
            (($0["expectation_config"] as? [String: Any])?["type"] as? String) == "expect_column_values_to_be_unique"
        })
        let result = try #require(unique["result"] as? [String: Any])
        #expect((result["unexpected_count"] as? Int ?? 0) > 0)
        #expect(result["element_count"] as? Int != nil)
        #expect(result["unexpected_percent"] as? Double != nil)
        let partial = try #require(result["partial_unexpected_list"] as? [Any])
        // The most repeated values, each listed once per row that holds it, at most GX's 20.
        #expect(!partial.isEmpty && partial.count <= 20)
        let rowCount = try #require(results.last?["result"] as? [String: Any])
        #expect(rowCount["observed_value"] as? Int == 1000)
        let statistics = try #require(document["statistics"] as? [String: Any])
        #expect(statistics["evaluated_expectations"] as? Int == 9)
        let config = try #require(results.first?["expectation_config"] as? [String: Any])
        #expect((config["kwargs"] as? [String: Any])?["column"] as? String == "customer_id")

        // Assay's own JSON report names the expectation each check came from, with its arguments as written.
        let json = try AssayProcess.run(["check", "--no-store", "--config", Self.gxSuite, "--table", "customers",
                                         "--source", "sqlite:" + files.databasePath, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let first = try #require((report["results"] as? [[String: Any]])?.first)
        let origin = try #require(first["origin"] as? [String: Any])
        #expect(origin["name"] as? String == "expect_column_values_to_not_be_null")
        #expect((origin["arguments"] as? [String: Any])?["column"] as? String == "customer_id")
        let sampled = try #require((report["results"] as? [[String: Any]])?.first { $0["sample"] is [String: Any] })
        #expect(Set(((sampled["sample"] as? [String: Any]) ?? [:]).keys) == ["columns", "rows", "numeric_columns"])
    }

    /// `--format gx` names the check each result comes from, so two checks on one column can be told apart (issue 8).
    @Test func gxResultsCarryTheCheckID() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(code TEXT); INSERT INTO t VALUES ('AB-1'), ('ab-2'), (NULL);")
        try """
            tables:
              t:
                checks:
                  - regex: {column: code, pattern: '^AB'}
                    id: code_upper
                  - regex: {column: code, pattern: '-[0-9]$'}
                    id: code_suffix
            """.write(toFile: dir.file("s.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", dir.file("s.yml"), "--source", "sqlite:" + dir.file("t.db"), "--format", "gx"])
        #expect(output.status == 2, "\(output.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [[String: Any]])
        let configs = results.compactMap { $0["expectation_config"] as? [String: Any] }
        #expect(configs.map { $0["id"] as? String } == ["code_upper", "code_suffix"])
        #expect(configs.map { ($0["meta"] as? [String: Any])?["assay_check_id"] as? String } == ["code_upper", "code_suffix"])
        #expect(results.map { $0["success"] as? Bool } == [false, true])
    }

    @Test func namedSuiteParametersComeFromTheCommandLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (5), (9);")
        try #"{"expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_value": {"$PARAMETER": "low"}, "max_value": {"$PARAMETER": "low + 8"}}}]}"#
            .write(toFile: dir.file("s.json"), atomically: true, encoding: .utf8)
        let arguments = ["check", "--config", dir.file("s.json"), "--table", "t", "--source", "sqlite:" + dir.file("t.db"), "--format", "json"]
        let passing = try AssayProcess.run(arguments + ["--param", "low=1"])
        #expect(passing.status == 0, "\(passing.stdout) \(passing.stderr)")
        let failing = try AssayProcess.run(arguments + ["--param", "low=2"])
        #expect(failing.status == 2)
        #expect(failing.stdout.contains("\"violations\" : 1"))
        let missing = try AssayProcess.run(arguments)
        #expect(missing.status == 3 && missing.stderr.contains("--param low=VALUE"))
        let malformed = try AssayProcess.run(arguments + ["--param", "low"])
        #expect(malformed.status == 3 && malformed.stderr.contains("NAME=VALUE"))
    }

    @Test func unsupportedExpectationsAreErrorsThatNameThem() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2);")
        let suite = """
            {"name": "s", "expectations": [
              {"type": "expect_column_kl_divergence_to_be_less_than", "kwargs": {"column": "x", "threshold": 0.1}},
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_value": 0, "max_value": 5, "output_strftime_format": "%Y"}},
              {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x", "row_condition": "x > 1", "condition_parser": "pandas"}},
              {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x", "row_condition": "x > 1"}}
            ]}
            """
        let loaded = try SuiteLoader(environment: [:]).parse(suite, file: "s.json", table: "t")
        let result = await RunEngine(source: try SQLiteSource(path: dir.file("t.db")), clock: FixedClock(fixedNow)).run(loaded)
        #expect(result.results.map(\.status) == [.error, .error, .error, .pass])
        #expect(result.results[0].message.contains("expect_column_kl_divergence_to_be_less_than is not supported"))
        #expect(result.results[1].message.contains("argument 'output_strftime_format' is not supported"))
        #expect(result.results[2].message.contains("pandas parser"))
        #expect(result.results[3].rowsChecked == 1)
        #expect(result.exitCode == 3)
    }

    @Test func patternListsLikePatternsAndValuePairs() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), """
            CREATE TABLE t(code TEXT, a INTEGER, b TEXT);
            INSERT INTO t VALUES ('AB-1', 1, 'x'), ('ab-2', 2, 'y'), ('CD-3', 1, 'y'), ('zz', NULL, NULL), (NULL, 3, 'x');
            """)
        let suite = #"""
            {"expectations": [
              {"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "code", "regex_list": ["^AB", "^CD"]}},
              {"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "code", "regex_list": ["-", "[0-9]$"], "match_on": "all"}},
              {"type": "expect_column_values_to_not_match_regex_list", "kwargs": {"column": "code", "regex_list": ["^z", "^ab"]}},
              {"type": "expect_column_values_to_match_like_pattern", "kwargs": {"column": "code", "like_pattern": "__-%"}},
              {"type": "expect_column_values_to_not_match_like_pattern_list", "kwargs": {"column": "code", "like_pattern_list": ["AB%", "CD%"]}},
              {"type": "expect_column_pair_values_to_be_in_set", "kwargs": {"column_A": "a", "column_B": "b", "value_pairs_set": [[1, "x"], [2, "y"]]}}
            ]}
            """#
        let loaded = try SuiteLoader(environment: [:]).parse(suite, file: "s.json", table: "t")
        let result = await RunEngine(source: try SQLiteSource(path: dir.file("t.db")), clock: FixedClock(fixedNow)).run(loaded)
        // Case-sensitive, as PostgreSQL: 'ab-2' matches neither ^AB nor ^CD; 'zz' has no '-'.
        #expect(result.results.map(\.violations) == [2, 1, 2, 1, 2, 2])
        #expect(result.results.map(\.rowsChecked) == [4, 4, 4, 4, 4, 4])
        #expect(result.count(.error) == 0)
    }

    /// GX's own tests give an empty pattern and a null set, list or type list a meaning per expectation (issue 8).
    @Test func emptyPatternsAndNullSetsAreReadAsGXReadsThem() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), """
            CREATE TABLE t(code TEXT, n INTEGER);
            INSERT INTO t VALUES ('a', 1), ('b', 2), (NULL, 2), ('', NULL);
            """)
        let suite = #"""
            {"expectations": [
              {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "code", "regex": ""}},
              {"type": "expect_column_values_to_not_match_regex", "kwargs": {"column": "code", "regex": ""}},
              {"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "code", "regex_list": ["^z", ""], "match_on": "any"}},
              {"type": "expect_column_values_to_not_match_regex_list", "kwargs": {"column": "code", "regex_list": ["^z", ""]}},
              {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "n", "value_set": null}},
              {"type": "expect_column_distinct_values_to_be_in_set", "kwargs": {"column": "n", "value_set": null}},
              {"type": "expect_column_distinct_values_to_be_in_set", "kwargs": {"column": "n", "value_set": []}},
              {"type": "expect_column_most_common_value_to_be_in_set", "kwargs": {"column": "n", "value_set": null}},
              {"type": "expect_column_values_to_be_in_type_list", "kwargs": {"column": "n", "type_list": null}},
              {"type": "expect_table_columns_to_match_ordered_list", "kwargs": {"column_list": null}},
              {"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": null, "exact_match": false}},
              {"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": null, "exact_match": true}},
              {"type": "expect_column_mean_to_be_between", "kwargs": {"column": "n"}}
            ]}
            """#
        let loaded = try SuiteLoader(environment: [:]).parse(suite, file: "s.json", table: "t")
        let result = await RunEngine(source: try SQLiteSource(path: dir.file("t.db")), clock: FixedClock(fixedNow)).run(loaded)
        #expect(result.count(.error) == 0, "\(result.results.filter { $0.status == .error }.map(\.message))")
        // The empty pattern matches every text, the empty one too.
        #expect(result.results[0...3].map(\.violations) == [0, 3, 0, 3])
        #expect(result.results[0...3].map(\.rowsChecked) == [3, 3, 3, 3])
        #expect(result.results.map(\.status) == [.pass, .fail, .pass, .fail, .pass, .pass, .pass, .fail, .pass, .pass, .pass, .fail, .pass])
        // The distinct values and the columns are still measured and reported.
        let gx = GXReport()
        #expect(gx.result(result.results[5]).observedValue == .list([.integer(1), .integer(2)]))
        #expect(gx.result(result.results[9]).observedValue == .list([.string("code"), .string("n")]))
        #expect(gx.result(result.results[12]).observedValue?.double == 5.0 / 3)
        // SQLite's regexp() takes the empty pattern too, on ASCII (POSIX) and non-ASCII (ICU) text alike.
        let source = try SQLiteSource(path: dir.file("t.db"))
        for text in ["abc", "", "café"] {
            #expect(try await source.fetchOne(SQLFragment("SELECT ") + .bind(.text(text)) + " REGEXP ''").first?.int == 1)
        }
    }

    @Test func malformedGXSuitesAreLocatedErrors() {
        let cases: [(String, String)] = [
            (#"{"expectations": [{"kwargs": {}}]}"#, "an expectation needs 'type'"),
            (#"{"expectations": [{"type": "expect_column_values_to_be_unique", "kwargs": {"column": "x", "mostly": 1.5}}]}"#, "mostly must be between 0 and 1"),
            (#"{"expectations": [{"type": "expect_column_values_to_match_regex", "kwargs": {"column": "x", "regex": "(a"}}]}"#, "invalid regular expression"),
            (#"{"expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_value": 3, "max_value": 1}}]}"#, "min_value cannot be greater than max_value"),
            (#"{"expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "x"}}]}"#, "cannot both be None"),
            (#"{"expectations": [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x", "row_condition": "x >"}}]}"#, "row_condition"),
            // Where GX raises, Assay refuses the suite too (never a PASS or FAIL).
            (#"{"expectations": [{"type": "expect_column_values_to_not_be_in_set", "kwargs": {"column": "x", "value_set": null}}]}"#, "not null"),
            (#"{"expectations": [{"type": "expect_column_distinct_values_to_contain_set", "kwargs": {"column": "x", "value_set": null}}]}"#, "not null"),
            (#"{"expectations": [{"type": "expect_column_distinct_values_to_equal_set", "kwargs": {"column": "x", "value_set": null}}]}"#, "not null"),
            (#"{"expectations": [{"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": null}}]}"#, "column_list must not be null"),
            (#"{"expectations": [{"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["a", null]}}]}"#, "not null"),
            (#"{"expectations": [{"type": "expect_column_values_to_be_unique", "kwargs": {"column": null}}]}"#, "column must not be null"),
            (#"{"expectations": [{"type": "expect_column_values_to_match_regex", "kwargs": {"column": "x", "regex": null}}]}"#, "regex must not be null"),
            (#"{"expectations": [{"type": "expect_column_min_to_be_between", "kwargs": {"column": "x"}}]}"#, "cannot both be None"),
            (#"{"expectations": [{"type": "expect_column_max_to_be_between", "kwargs": {"column": "x", "max_value": null}}]}"#, "cannot both be None"),
            (#"{"expectations": [{"type": "expect_column_sum_to_be_between", "kwargs": {"column": "x"}}]}"#, "cannot both be None"),
            (#"{"expectations": [{"type": "expect_column_quantile_values_to_be_between", "kwargs": {"column": "x", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[0.8, 0.6]]}}}]}"#, "min <= max"),
        ]
        for (text, message) in cases {
            #expect {
                _ = try SuiteLoader(environment: [:]).parse(text, file: "bad.json", table: "t")
            } throws: { error in
                "\(error)".contains(message) && "\(error)".contains("bad.json:1:")
            }
        }
        #expect {
            _ = try SuiteLoader(environment: [:]).parse(#"{"expectations": []}"#, file: "s.json")
        } throws: { error in "\(error)".contains("--table") }
    }
}
