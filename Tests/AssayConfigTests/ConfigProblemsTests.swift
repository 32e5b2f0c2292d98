import AssayConfig
import AssayCore
import Testing

@Suite("Every configuration error at once")
struct ConfigProblemsTests {
    let loader = SuiteLoader(environment: [:])

    func error(_ text: String, file: String = "suite.yml") -> ConfigError? { loader.error(parsing: text, file: file) }

    @Test func aYAMLSuiteReportsEveryProblemInFileOrder() throws {
        let e = try #require(error("""
            tables:
              customers:
                checks:
                  - not_null: email
                    severty: HIGH
                  - regex: {column: ssn, pattern: '(['}
                  - between: {column: amount, min: 10, max: 1}
                  - not_null: email
                    warn: 5%
                    fail: 1%
              accounts:
                checks: []
              loans:
                colour: red
                checks:
                  - row_count: {min: 10, max: 5}
            """))
        let lines = e.problems.map { $0.location?.line ?? 0 }
        #expect(lines == [5, 6, 7, 9, 12, 14, 16], "\(e)")
        #expect(e.problems[0].message.contains("did you mean 'severity'"))
        #expect(e.problems[2].message.contains("empty"))
        #expect(e.problems[3].message.contains("warn (5%) must be below fail (1%)"))
        #expect(e.problems[4].message.contains("at least one check"))
        #expect(e.problems[6].message.contains("min (10) is above max (5)"))
        #expect(e.description.split(separator: "\n").count == 7)
        #expect(e.description.hasPrefix("suite.yml:5:9: error: unknown key 'severty'"))
    }

    @Test func seedRulesReportEveryProblem() throws {
        let e = try #require(error("""
            {"rules": [
              {"rule_id": "A", "table_name": "t", "rule_type": "completness"},
              {"rule_id": "B", "table_name": "t", "column_name": "c", "rule_type": "validity", "condition": "c >"},
              {"rule_id": "C", "table_name": "t", "column_name": "c", "rule_type": "completeness", "threshold": 140,
               "severity": "urgent"}
            ]}
            """, file: "dq_config.json"))
        #expect(e.problems.map { $0.location?.line ?? 0 } == [2, 3, 4, 5], "\(e)")
    }

    @Test func everyUnsetEnvironmentVariableIsReported() throws {
        let e = try #require(error("source: ${ASSAY_UNSET_A}\nname: ${ASSAY_UNSET_B}\ntables:\n  t:\n    checks:\n      - not_null: a\n"))
        #expect(e.problems.map(\.message) == ["environment variable ASSAY_UNSET_A is not set (write ${ASSAY_UNSET_A:-default} to give a default)",
                                             "environment variable ASSAY_UNSET_B is not set (write ${ASSAY_UNSET_B:-default} to give a default)"])
    }

    @Test func aDisabledSeedRuleIsLeftOutAndSaysSo() throws {
        let suite = try loader.parse(#"""
            {"rules": [{"rule_id": "A", "table_name": "t", "column_name": "a", "rule_type": "completeness", "enabled": false},
                       {"rule_id": "B", "table_name": "t", "column_name": "b", "rule_type": "completeness"}]}
            """#, file: "x.json")
        #expect(suite.tables[0].checks.map(\.id) == ["B"])
        #expect(suite.notices.map(\.description) == ["enabled false (A): the rule is not run"])
    }

    @Test func repeatedIdsAreLocatedAtTheSecondUse() throws {
        let seed = try #require(error(#"""
            {"rules": [{"rule_id": "A", "table_name": "t", "column_name": "a", "rule_type": "completeness"},
                       {"rule_id": "A", "table_name": "t", "column_name": "b", "rule_type": "completeness"},
                       {"rule_id": "A", "table_name": "u", "column_name": "b", "rule_type": "completeness"}]}
            """#, file: "x.json"))
        #expect(seed.problems.count == 1)
        #expect(seed.location?.line == 2)
        #expect(seed.message.contains("rule_id 'A' is used twice for table 't' (first at x.json:1:"))
        let yaml = try #require(error("tables:\n  t:\n    checks:\n      - not_null: a\n      - not_null: a\n"))
        #expect(yaml.location?.line == 5)
        #expect(yaml.message.contains("first at suite.yml:4:"))
    }

    @Test func manyProblemsArePrintedUpToTheCap() throws {
        let checks = (1...60).map { "      - not_null: c\($0)\n        severity: bad" }.joined(separator: "\n")
        let e = try #require(error("tables:\n  t:\n    checks:\n" + checks + "\n"))
        #expect(e.problems.count == 60)
        let lines = e.description.split(separator: "\n")
        #expect(lines.count == ConfigError.printedLimit + 1)
        #expect(lines.last == "and 10 more errors")
    }

    @Test(arguments: [
        ("- not_null: a\n        warn: 10\n        fail: 5", "warn (10) must be below fail (5)"),
        ("- not_null: a\n        warn: 2%\n        fail: 2%", "must be below fail"),
        ("- between: {column: a, min: 6, max: 5, strict_max: true}", "empty"),
        ("- between: {column: d, min: '2024-12-31', max: '2024-01-01'}", "empty"),
        ("- length_between: {column: a, min: 9, max: 2}", "min (9) is above max (2)"),
        ("- length_between: {column: a, min: -1}", "0 or more"),
        ("- length_equal: {column: a, length: -2}", "0 or more"),
        ("- row_count: {min: 100, warn: {min: 50}}", "stricter"),
        ("- row_count: {min: 1.5}", "whole number"),
        ("- column_count: {min: 9, max: 3}", "above max"),
        ("- mean: {column: a, min: 10, max: 1}", "empty"),
        ("- quantiles: {column: a, ranges: [{quantile: 0.5, min: 9, max: 1}]}", "empty"),
        ("- freshness: {column: t, warn: 2d, fail: 1d}", "shorter than fail"),
        ("- column_exists: {column: a, position: -1}", "0 or more"),
    ])
    func rangesThatNothingCouldPassAreErrors(_ entry: String, _ expected: String) throws {
        let e = try #require(error("tables:\n  t:\n    checks:\n      \(entry)\n"))
        #expect(e.message.contains(expected), "\(e)")
    }

    @Test func mixedWarnAndFailUnitsAreAccepted() throws {
        let suite = try loader.parse("tables:\n  t:\n    checks:\n      - not_null: a\n        warn: 50\n        fail: 1%\n", file: "s.yml")
        #expect(suite.tables[0].checks[0].thresholds == ViolationThresholds(warn: .count(50), fail: .percent(1)))
    }

    @Test func aTableWithoutChecksIsAnError() throws {
        #expect(try #require(error("tables:\n  t:\n    checks: []\n")).message.contains("at least one check"))
        #expect(try #require(error("tables:\n  t:\n    owner: x\n")).message.contains("missing 'checks'"))
        #expect(try #require(error("tables: {}\n")).message.contains("at least one table"))
        #expect(try #require(error(#"{"rules": []}"#, file: "x.json")).message.contains("at least one rule"))
    }

    @Test func limitsAndNotPIIAreDecoded() throws {
        let suite = try loader.parse("""
            limits: {statement_timeout: 30s, connect_timeout: 10s}
            tables:
              customers:
                pii: [customer_ref]
                not_pii: [last_name, postal_code]
                checks:
                  - not_null: email
            """, file: "s.yml")
        #expect(suite.limits == RunLimits(statementTimeout: TimeSpan(seconds: 30), connectTimeout: TimeSpan(seconds: 10)))
        #expect(suite.tables[0].piiColumns == ["customer_ref"])
        #expect(suite.tables[0].notPIIColumns == ["last_name", "postal_code"])
    }

    @Test(arguments: [
        ("limits: {statement_timeout: soon}", "not a duration"),
        ("limits: {statement_timeout: 0s}", "longer than 0"),
        ("limits: {statment_timeout: 5s}", "did you mean 'statement_timeout'"),
    ])
    func badLimitsAreErrors(_ line: String, _ expected: String) throws {
        let e = try #require(error(line + "\ntables:\n  t:\n    checks:\n      - not_null: a\n"))
        #expect(e.message.contains(expected), "\(e)")
    }

    @Test(arguments: [
        ("not_pii: [a, a]", "twice"),
        ("not_pii: []", "must not be empty"),
        ("pii: [a]\n    not_pii: [A]", "both pii and not_pii"),
        ("not_pii: {a: 1}", "must be a list"),
    ])
    func badNotPIIListsAreErrors(_ line: String, _ expected: String) throws {
        let e = try #require(error("tables:\n  t:\n    \(line)\n    checks:\n      - not_null: a\n"))
        #expect(e.message.contains(expected), "\(e)")
    }
}

@Suite("Names are never null")
struct NullNameTests {
    let loader = SuiteLoader(environment: [:])

    @Test("a bare null where a column or table is named is an error, not a column called 'null'", arguments: [
        "- not_null: [email, null]", "- not_null: ~", "- unique: [id, ~]", "- regex: {column: null, pattern: 'x'}",
        "- references: {column: id, table: null, key: id}", "- column_pair: {left: a, op: '<', right: ~}",
    ])
    func nullNames(_ entry: String) throws {
        let e = try #require(loader.error(parsing: "tables:\n  t:\n    checks:\n      \(entry)\n", file: "suite.yml"))
        #expect(e.description.contains("must be a name, not null"), "\(e.description)")
    }

    @Test func aQuotedNullIsAName() throws {
        let suite = try loader.parse("tables:\n  t:\n    checks:\n      - not_null: 'null'\n", file: "suite.yml")
        #expect(suite.tables[0].checks[0].kind == .notNull(column: "null"))
    }
}
