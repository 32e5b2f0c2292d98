import AssayCore

/// How one expectation type maps onto Assay: the arguments it takes and the check it builds.
struct GXRule: Sendable {
    var keys: Set<String>
    var build: @Sendable (GXExpectation) throws -> GXCheckParts
}

extension GXExpectation {
    /// Every expectation Assay runs, by GX 1.x name.
    static let rules: [String: GXRule] = {
        var rules: [String: GXRule] = [:]
        func add(_ name: String, _ keys: Set<String>, _ build: @escaping @Sendable (GXExpectation) throws -> GXCheckParts) {
            rules[name] = GXRule(keys: keys, build: build)
        }
        // Column map expectations: NULLs are neither expected nor unexpected.
        add("expect_column_values_to_not_be_null", ["column"]) { e in
            GXCheckParts(kind: .notNull(column: try e.column()))
        }
        add("expect_column_values_to_be_null", ["column"]) { e in
            let c = try e.column()
            return GXCheckParts(kind: .rule(Condition(expr: .isNull(.column(ColumnRef(c)), negated: true), text: "\(c) IS NOT NULL"),
                                            violationWhen: true))
        }
        add("expect_column_values_to_be_unique", ["column"]) { e in
            try nonNull(.unique(columns: [try e.column()], counting: .allRows))
        }
        add("expect_column_values_to_match_regex", ["column", "regex"]) { e in
            try nonNull(.regex(column: try e.column(), pattern: try e.present("regex").regex("regex"), mustMatch: true))
        }
        add("expect_column_values_to_not_match_regex", ["column", "regex"]) { e in
            try nonNull(.regex(column: try e.column(), pattern: try e.present("regex").regex("regex"), mustMatch: false))
        }
        for negated in [false, true] {
            let verb = negated ? "not_match" : "match"
            add("expect_column_values_to_\(verb)_regex_list", negated ? ["column", "regex_list"] : ["column", "regex_list", "match_on"]) { e in
                let c = try e.column()
                let tests = try e.patterns("regex_list", regex: true).map { Expr.regex(.column(ColumnRef(c)), pattern: .literal(.string($0)), caseInsensitive: false, negated: false) }
                return try nonNull(e.rule(column: c, tests: tests, negated: negated))
            }
            add("expect_column_values_to_\(verb)_like_pattern", ["column", "like_pattern"]) { e in
                let c = try e.column(), pattern = try e.present("like_pattern").string("like_pattern")
                let test = Expr.like(.column(ColumnRef(c)), pattern: .literal(.string(pattern)), caseInsensitive: false, negated: false)
                return try nonNull(e.rule(column: c, tests: [test], negated: negated))
            }
            add("expect_column_values_to_\(verb)_like_pattern_list", negated ? ["column", "like_pattern_list"] : ["column", "like_pattern_list", "match_on"]) { e in
                let c = try e.column()
                let tests = try e.patterns("like_pattern_list", regex: false).map { Expr.like(.column(ColumnRef(c)), pattern: .literal(.string($0)), caseInsensitive: false, negated: false) }
                return try nonNull(e.rule(column: c, tests: tests, negated: negated))
            }
        }
        add("expect_column_pair_values_to_be_in_set", ["column_A", "column_B", "value_pairs_set", "ignore_row_if"]) { e in
            let a = try e.column("column_A"), b = try e.column("column_B"), skip = try e.skip(default: .allMissing)
            var pairs: [Expr] = []
            for item in try e.present("value_pairs_set").list("value_pairs_set") {
                let values = try item.list("a value pair")
                guard values.count == 2 else { throw item.fail(.invalidValue, "a value pair is [A, B]") }
                let left = try GXExpectation.literal(values[0]), right = try GXExpectation.literal(values[1])
                pairs.append(.binary(.and, .binary(.equal, .column(ColumnRef(a)), .literal(left)), .binary(.equal, .column(ColumnRef(b)), .literal(right))))
            }
            guard let inSet = Expr.or(pairs) else { throw e.invalid("value_pairs_set must not be empty") }
            let kind = CheckKind.rule(Condition(expr: .not(inSet), text: "(\(a), \(b)) NOT IN value_pairs_set"), violationWhen: true)
            return try considered(kind, columns: [a, b], skip: skip)
        }
        add("expect_column_values_to_be_in_set", ["column", "value_set"]) { e in
            let c = try e.column()
            // A null set admits every value (GX: vacuously true).
            guard let set = try e.optionalValueSet() else { return try nonNull(noValueViolates(c)) }
            // An empty set admits nothing: every non-null value is unexpected.
            if set.isEmpty { return try nonNull(.rule(Condition(expr: .isNull(.column(ColumnRef(c)), negated: true), text: "\(c) IS NOT NULL"), violationWhen: true)) }
            return try nonNull(.inSet(column: c, values: set, negated: false))
        }
        add("expect_column_values_to_not_be_in_set", ["column", "value_set"]) { e in
            // A null set is an error (GX raises "argument of type 'NoneType' is not iterable").
            let c = try e.column(), set = try e.valueSet()
            // An empty set excludes nothing.
            if set.isEmpty { return try nonNull(noValueViolates(c)) }
            return try nonNull(.inSet(column: c, values: set, negated: true))
        }
        add("expect_column_values_to_be_between", ["column", "min_value", "max_value", "strict_min", "strict_max"]) { e in
            let r = try e.range()
            return try nonNull(.between(column: try e.column(), min: r.min, max: r.max, strictMin: r.strictMin, strictMax: r.strictMax))
        }
        add("expect_column_value_lengths_to_be_between", ["column", "min_value", "max_value"]) { e in
            let min = try e.int("min_value"), max = try e.int("max_value")
            guard min != nil || max != nil else { throw e.invalid("min_value and max_value cannot both be None", code: .missingKey) }
            return try nonNull(.lengthBetween(column: try e.column(), min: min, max: max))
        }
        add("expect_column_value_lengths_to_equal", ["column", "value"]) { e in
            let n = try e.present("value").int("value")
            return try nonNull(.lengthBetween(column: try e.column(), min: n, max: n))
        }
        add("expect_column_values_to_match_strftime_format", ["column", "strftime_format"]) { e in
            try nonNull(.dateFormat(column: try e.column(), format: try e.present("strftime_format").strftimeFormat("strftime_format")))
        }
        for increasing in [true, false] {
            add("expect_column_values_to_be_\(increasing ? "increasing" : "decreasing")", ["column", "strictly"]) { e in
                try nonNull(.monotonic(column: try e.column(), increasing: increasing, strict: try e.bool("strictly", default: false), orderBy: nil))
            }
        }
        // Pair and multicolumn map expectations: ignore_row_if drops rows first.
        add("expect_column_pair_values_to_be_equal", ["column_A", "column_B", "ignore_row_if"]) { e in
            try pair(e, op: .equal)
        }
        add("expect_column_pair_values_a_to_be_greater_than_b", ["column_A", "column_B", "ignore_row_if", "or_equal"]) { e in
            try pair(e, op: try e.bool("or_equal", default: false) ? .greaterOrEqual : .greater)
        }
        add("expect_compound_columns_to_be_unique", ["column_list", "ignore_row_if"]) { e in
            let columns = try e.columns()
            return try considered(.unique(columns: columns, counting: .allRows), columns: columns, skip: try e.skip(default: .allMissing))
        }
        add("expect_select_column_values_to_be_unique_within_record", ["column_list", "ignore_row_if"]) { e in
            let columns = try e.columns(), skip = try e.skip(default: .allMissing)
            return try considered(.uniqueWithinRecord(columns: columns, skip: skip), columns: columns, skip: skip)
        }
        add("expect_multicolumn_sum_to_equal", ["column_list", "ignore_row_if", "sum_total"]) { e in
            let columns = try e.columns(), skip = try e.skip(default: .allMissing)
            guard let total = try e.value("sum_total"), total != .null else { throw e.invalid("sum_total is required", code: .missingKey) }
            return try considered(.sumEquals(columns: columns, total: total, skip: skip), columns: columns, skip: skip)
        }
        // Aggregate expectations.
        let statistics: [(String, Statistic)] = [
            ("min", .min), ("max", .max), ("mean", .mean), ("median", .median), ("sum", .sum), ("stdev", .stddev),
            ("unique_value_count", .distinctCount), ("proportion_of_unique_values", .uniqueProportion),
        ]
        // GX's tests: mean, median and stdev without bounds are vacuously true (the statistic is still measured
        // and reported); min, max and sum without bounds raise "min_value and max_value cannot both be None".
        let needsBound: Set<Statistic> = [.min, .max, .sum]
        for (name, statistic) in statistics {
            add("expect_column_\(name)_to_be_between", ["column", "min_value", "max_value", "strict_min", "strict_max"]) { e in
                GXCheckParts(kind: .statistic(column: try e.column(), statistic, range: try e.range(allowingOpen: !needsBound.contains(statistic))))
            }
        }
        add("expect_column_quantile_values_to_be_between", ["column", "quantile_ranges", "allow_relative_error"]) { e in
            GXCheckParts(kind: .quantiles(column: try e.column(), try e.quantileRanges()))
        }
        add("expect_column_distinct_values_to_be_in_set", ["column", "value_set"]) { e in
            // GX: a null or empty set is vacuously true; the distinct values are still measured and reported.
            let set = try e.optionalValueSet() ?? []
            return GXCheckParts(kind: .distinctValues(column: try e.column(), values: set, relation: set.isEmpty ? .contains : .within))
        }
        // A null set is an error here (GX raises on it).
        for (suffix, relation) in [("contain_set", SetRelation.contains), ("equal_set", .equals)] {
            add("expect_column_distinct_values_to_\(suffix)", ["column", "value_set"]) { e in
                GXCheckParts(kind: .distinctValues(column: try e.column(), values: try e.valueSet(), relation: relation))
            }
        }
        add("expect_column_most_common_value_to_be_in_set", ["column", "value_set", "ties_okay"]) { e in
            // GX: a null set holds no value, so the most common value is never in it.
            GXCheckParts(kind: .mostCommonValue(column: try e.column(), values: try e.optionalValueSet() ?? [], tiesOkay: try e.bool("ties_okay", default: false)))
        }
        // Schema and table expectations.
        add("expect_column_to_exist", ["column", "column_index"]) { e in
            GXCheckParts(kind: .columnExists(column: try e.column(), position: try e.int("column_index")))
        }
        add("expect_column_values_to_be_of_type", ["column", "type_"]) { e in
            GXCheckParts(kind: .columnType(column: try e.column(), types: [try e.present("type_").string("type_")]))
        }
        add("expect_column_values_to_be_in_type_list", ["column", "type_list"]) { e in
            // GX: a null type list admits any type; the column must still exist.
            guard let types = try e.optionalColumns("type_list") else { return GXCheckParts(kind: .columnExists(column: try e.column(), position: nil)) }
            return GXCheckParts(kind: .columnType(column: try e.column(), types: types))
        }
        add("expect_table_columns_to_match_ordered_list", ["column_list"]) { e in
            // GX: a null list is vacuously true (the columns are still reported).
            guard let columns = try e.optionalColumns("column_list") else { return GXCheckParts(kind: .columnSet(expected: [], exact: false)) }
            return GXCheckParts(kind: .columnSet(expected: columns, exact: true, ordered: true))
        }
        add("expect_table_columns_to_match_set", ["column_set", "exact_match"]) { e in
            // GX: a null set is the empty set (with exact_match true, only a table without columns matches it).
            GXCheckParts(kind: .columnSet(expected: try e.optionalColumns("column_set") ?? [], exact: try e.bool("exact_match", default: true)))
        }
        add("expect_table_column_count_to_equal", ["value"]) { e in
            let n = Double(try e.present("value").int("value"))
            return GXCheckParts(kind: .columnCount(ValueBounds(min: n, max: n)))
        }
        add("expect_table_column_count_to_be_between", ["min_value", "max_value"]) { e in
            GXCheckParts(kind: .columnCount(try e.bounds()))
        }
        add("expect_table_row_count_to_equal", ["value"]) { e in
            let n = Double(try e.present("value").int("value"))
            return GXCheckParts(kind: .rowCount(fail: ValueBounds(min: n, max: n), warn: nil))
        }
        add("expect_table_row_count_to_be_between", ["min_value", "max_value"]) { e in
            GXCheckParts(kind: .rowCount(fail: try e.bounds(), warn: nil))
        }
        return rules
    }()

    /// A rule no non-null value of the column violates (a set that admits every value, or excludes none).
    private static func noValueViolates(_ c: String) -> CheckKind {
        .rule(Condition(expr: .isNull(.column(ColumnRef(c)), negated: false), text: "\(c) IS NULL"), violationWhen: true)
    }

    /// Considers only rows where the check's (single) column is present.
    private static func nonNull(_ kind: CheckKind, column: String? = nil) throws -> GXCheckParts {
        guard let c = column ?? kind.columns.first else { return GXCheckParts(kind: kind) }
        return GXCheckParts(kind: kind, scope: [.isNull(.column(ColumnRef(c)), negated: true)], scopeText: "\(c) IS NOT NULL")
    }

    /// Considers only rows `ignore_row_if` keeps.
    private static func considered(_ kind: CheckKind, columns: [String], skip: MissingValues) throws -> GXCheckParts {
        let missing = columns.map { Expr.isNull(.column(ColumnRef($0)), negated: false) }
        let skipped: Expr? = switch skip {
        case .never: nil
        case .allMissing: Expr.and(missing)
        case .anyMissing: Expr.or(missing)
        }
        guard let skipped else { return GXCheckParts(kind: kind) }
        return GXCheckParts(kind: kind, scope: [.not(skipped)], scopeText: "ignore_row_if")
    }

    /// A column pair check; GX drops rows where both values are missing unless told otherwise.
    private static func pair(_ e: GXExpectation, op: BinaryOperator) throws -> GXCheckParts {
        let a = try e.column("column_A"), b = try e.column("column_B"), skip = try e.skip(default: .allMissing)
        return try considered(.columnPair(left: a, op: op, right: b, skip: skip), columns: [a, b], skip: skip)
    }

    /// A rule over one column: with `match_on: any` (default) a value must pass one test, with `all` every test;
    /// `negated`, a value violates when it passes any test.
    func rule(column: String, tests: [Expr], negated: Bool) throws -> CheckKind {
        let any = Expr.or(tests)!, all = Expr.and(tests)!
        if negated { return .rule(Condition(expr: any, text: "\(column) matches one of the patterns"), violationWhen: true) }
        switch try kwargs["match_on"]?.string("match_on") ?? "any" {
        case "any": return .rule(Condition(expr: any, text: "\(column) matches one of the patterns"), violationWhen: false)
        case "all": return .rule(Condition(expr: all, text: "\(column) matches every pattern"), violationWhen: false)
        case let other: throw kwargs["match_on"]!.fail(.invalidValue, "match_on is 'any' or 'all', not '\(other)'")
        }
    }
}
