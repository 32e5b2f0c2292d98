import AssayConfig
import AssayCore
import Testing

/// How GX expectations become Assay checks, without running them.
@Suite("Great Expectations suite decoding")
struct GXSuiteDecoderTests {
    func checks(_ expectations: String) throws -> [Check] {
        let suite = try SuiteLoader(environment: [:]).parse(#"{"name": "s", "expectations": [\#(expectations)]}"#, file: "s.json", table: "t")
        #expect(suite.tables.map(\.name) == ["t"])
        return suite.tables[0].checks
    }

    @Test func columnMapExpectationsSkipNullsAndJudgeMostlyOnTheRest() throws {
        let c = try checks(#"{"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "k", "value_set": [1, "a", 2.5], "mostly": 0.75}}"#)
        #expect(c[0].kind == .inSet(column: "k", values: [.integer(1), .string("a"), .decimal(2.5)], negated: false))
        #expect(c[0].thresholds == ViolationThresholds(fail: .percent(25)))
        #expect(c[0].filter?.expr == .isNull(.column(ColumnRef("k")), negated: true))
        #expect(c[0].origin?.name == "expect_column_values_to_be_in_set")
        #expect(c[0].origin?.arguments?.text == #"{"column": "k", "value_set": [1, "a", 2.5], "mostly": 0.75}"#)
    }

    @Test func notNullCountsEveryRowAndRowConditionsUseAssaysLanguage() throws {
        let c = try checks(#"{"expectation_type": "expect_column_values_to_not_be_null", "kwargs": {"column": "e", "row_condition": "amount > 10"}}"#)
        #expect(c[0].kind == .notNull(column: "e"))
        #expect(c[0].filter?.text == "amount > 10")
    }

    @Test func pairAndMulticolumnExpectationsDropRowsByIgnoreRowIf() throws {
        let c = try checks("""
            {"type": "expect_column_pair_values_a_to_be_greater_than_b", "kwargs": {"column_A": "a", "column_B": "b", "or_equal": true}},
            {"type": "expect_multicolumn_sum_to_equal", "kwargs": {"column_list": ["a", "b"], "sum_total": 1, "ignore_row_if": "any_value_is_missing"}},
            {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["a", "b"]}}
            """)
        #expect(c[0].kind == .columnPair(left: "a", op: .greaterOrEqual, right: "b", skip: .allMissing))
        #expect(c[1].kind == .sumEquals(columns: ["a", "b"], total: .integer(1), skip: .anyMissing))
        #expect(c[2].kind == .unique(columns: ["a", "b"], counting: .allRows))
        #expect(c[0].filter != nil && c[1].filter != nil && c[2].filter != nil)
    }

    @Test func aggregateAndSchemaExpectations() throws {
        let c = try checks("""
            {"type": "expect_column_median_to_be_between", "kwargs": {"column": "x", "min_value": 1, "max_value": null, "strict_min": true}},
            {"type": "expect_column_quantile_values_to_be_between", "kwargs": {"column": "x", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[null, 3]]}}},
            {"type": "expect_table_columns_to_match_ordered_list", "kwargs": {"column_list": ["a", "b"]}},
            {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": null, "max_value": 10}}
            """)
        #expect(c[0].kind == .statistic(column: "x", .median, range: ValueRange(min: .integer(1), strictMin: true)))
        #expect(c[1].kind == .quantiles(column: "x", [QuantileRange(quantile: 0.5, range: ValueRange(max: .integer(3)))]))
        #expect(c[2].kind == .columnSet(expected: ["a", "b"], exact: true, ordered: true))
        #expect(c[3].kind == .rowCount(fail: ValueBounds(max: 10), warn: nil))
    }

    @Test func nullSetsMeanWhatGXMakesOfThemPerExpectation() throws {
        let c = try checks("""
            {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "k", "value_set": null}},
            {"type": "expect_column_distinct_values_to_be_in_set", "kwargs": {"column": "k", "value_set": null}},
            {"type": "expect_column_most_common_value_to_be_in_set", "kwargs": {"column": "k", "value_set": null}},
            {"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": null}},
            {"type": "expect_table_columns_to_match_ordered_list", "kwargs": {"column_list": null}},
            {"type": "expect_column_values_to_be_in_type_list", "kwargs": {"column": "k", "type_list": null}}
            """)
        // No non-null value violates: within the non-null rows, `k IS NULL` never holds.
        #expect(c[0].kind == .rule(Condition(expr: .isNull(.column(ColumnRef("k")), negated: false), text: "k IS NULL"), violationWhen: true))
        #expect(c[1].kind == .distinctValues(column: "k", values: [], relation: .contains))
        #expect(c[2].kind == .mostCommonValue(column: "k", values: [], tiesOkay: false))
        #expect(c[3].kind == .columnSet(expected: [], exact: true))
        #expect(c[4].kind == .columnSet(expected: [], exact: false))
        #expect(c[5].kind == .columnExists(column: "k", position: nil))
        #expect(throws: ConfigError.self) { try checks(#"{"type": "expect_column_quantile_values_to_be_between", "kwargs": {"column": "x", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[2, 1]]}}}"#) }
    }

    @Test func suiteParameterExpressionsAreEvaluated() throws {
        let c = try checks("""
            {"type": "expect_column_values_to_be_between", "kwargs": {"column": "ts",
              "min_value": {"$PARAMETER": "datetime(2024, 1, 1) + timedelta(days=1, hours=12)"},
              "max_value": {"$PARAMETER": "datetime(2024, 3, 1) - timedelta(weeks=2*2)"}}},
            {"type": "expect_column_max_to_be_between", "kwargs": {"column": "n", "min_value": {"$PARAMETER": "(2 + 3) * 4"}}}
            """)
        guard case .between(_, let min?, let max?, _, _) = c[0].kind else { Issue.record("not between"); return }
        #expect(min == .timestamp(CivilDateTime(date: CivilDate(year: 2024, month: 1, day: 2), secondOfDay: 43_200).description))
        #expect(max == .timestamp(CivilDateTime(date: CivilDate(year: 2024, month: 2, day: 2)).description))
        #expect(c[1].kind == .statistic(column: "n", .max, range: ValueRange(min: .integer(20))))
        #expect {
            _ = try checks(#"{"type": "expect_column_max_to_be_between", "kwargs": {"column": "n", "min_value": {"$PARAMETER": "upstream_max"}}}"#)
        } throws: { "\($0)".contains("cannot evaluate $PARAMETER 'upstream_max': unknown name 'upstream_max'") }
    }

    @Test func unsupportedExpectationsBecomeErrorChecksThatNameThem() throws {
        let c = try checks(#"{"type": "expect_column_values_to_be_json_parseable", "kwargs": {"column": "x"}}"#)
        guard case .unsupported(let name, let reason) = c[0].kind else { Issue.record("not unsupported"); return }
        #expect(name == "expect_column_values_to_be_json_parseable")
        #expect(reason.contains("is not supported by Assay"))
    }

    @Test func namedParametersTakeTheirValuesFromTheRun() throws {
        let loader = SuiteLoader(environment: [:], parameters: ["min_amount": "10", "since": "2024-01-01", "top": "z"])
        let suite = try loader.parse(#"""
            {"expectations": [
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": {"$PARAMETER": "min_amount * 2"}}},
              {"type": "expect_column_max_to_be_between", "kwargs": {"column": "ts", "min_value": {"$PARAMETER": "since"}}},
              {"type": "expect_column_max_to_be_between", "kwargs": {"column": "name", "max_value": {"$PARAMETER": "top"}}}
            ]}
            """#, file: "p.json", table: "t")
        let c = suite.tables[0].checks
        #expect(c[0].kind == .between(column: "amount", min: .integer(20), max: nil, strictMin: false, strictMax: false))
        #expect(c[1].kind == .statistic(column: "ts", .max, range: ValueRange(min: .timestamp(CivilDateTime(date: CivilDate(year: 2024, month: 1, day: 1)).description))))
        #expect(c[2].kind == .statistic(column: "name", .max, range: ValueRange(max: .string("z"))))
        #expect {
            _ = try SuiteLoader(environment: [:]).parse(#"{"expectations": [{"type": "expect_column_max_to_be_between", "kwargs": {"column": "n", "min_value": {"$PARAMETER": "floor"}}}]}"#, file: "p.json", table: "t")
        } throws: { "\($0)".contains("--param floor=VALUE") }
    }
}
