import AssayCore

/// Reading an expectation's arguments, with errors located where they were written.
extension GXExpectation {
    func column(_ key: String = "column") throws(ConfigError) -> String { try present(key).string(key) }

    func columns(_ key: String = "column_list") throws(ConfigError) -> [String] {
        let node = try present(key)
        if case .sequence(let items) = node.value, let null = items.first(where: Self.isNull) {
            throw null.fail(.invalidValue, "each entry of \(key) must be a name, not null")
        }
        return try node.names(key)
    }

    /// A required argument that is not `null` (GX requires these; a bare `null` is not a column named "null").
    func present(_ key: String) throws(ConfigError) -> ConfigNode {
        let node = try kwargs.required(key)
        if Self.isNull(node) { throw node.fail(.invalidValue, "\(key) must not be null") }
        return node
    }

    /// An argument's value; a JSON `null` counts as absent; `{"$PARAMETER": "now() - timedelta(days=1)"}` or a
    /// named parameter (`{"$PARAMETER": "min_amount"}`, given with `--param`) is evaluated when the suite is read.
    func value(_ key: String) throws(ConfigError) -> Literal? {
        guard let node = kwargs[key] else { return nil }
        if case .mapping = node.value {
            let map = try node.mapping(key, allowed: ["$PARAMETER"])
            let expression = try map.required("$PARAMETER")
            let text = try expression.string("$PARAMETER")
            do {
                return try GXParameter.evaluate(text, now: .now(), parameters: parameters)
            } catch {
                throw expression.fail(.unsupported, "cannot evaluate $PARAMETER '\(text)': \(error.reason)")
            }
        }
        let value = try Self.literal(node)
        return value == .null ? nil : value
    }

    func int(_ key: String) throws(ConfigError) -> Int? {
        guard let node = kwargs[key], try Self.literal(node) != .null else { return nil }
        return try node.int(key)
    }

    func bool(_ key: String, default fallback: Bool) throws(ConfigError) -> Bool { try kwargs[key]?.bool(key) ?? fallback }

    /// `value_set` (may be empty); a null set is an error (GX raises on it for these expectations).
    func valueSet() throws(ConfigError) -> [Literal] {
        guard let values = try optionalValueSet() else { throw kwargs["value_set"]!.fail(.invalidValue, "value_set must be a list, not null") }
        return values
    }

    /// `value_set`, or `nil` when it is written as null: GX gives a null set its own meaning per expectation
    /// (every value admitted for `expect_column_values_to_be_in_set` and `expect_column_distinct_values_to_be_in_set`,
    /// no most common value in it for `expect_column_most_common_value_to_be_in_set`).
    func optionalValueSet() throws(ConfigError) -> [Literal]? {
        let node = try kwargs.required("value_set")
        if Self.isNull(node) { return nil }
        var values: [Literal] = []
        for item in try node.list("value_set") { values.append(try Self.literal(item)) }
        return values
    }

    /// A list of names, or `nil` when it is written as null (GX: no expectation on the names).
    func optionalColumns(_ key: String) throws(ConfigError) -> [String]? {
        let node = try kwargs.required(key)
        return Self.isNull(node) ? nil : try node.names(key)
    }

    /// Whether a node is a bare JSON/YAML `null`.
    static func isNull(_ node: ConfigNode) -> Bool {
        if case .scalar("null", quoted: false) = node.value { return true }
        return false
    }

    /// `min_value`, `max_value`, `strict_min`, `strict_max`; at least one bound unless `allowingOpen`.
    func range(allowingOpen: Bool = false) throws(ConfigError) -> ValueRange {
        let range = ValueRange(min: try value("min_value"), max: try value("max_value"),
                               strictMin: try bool("strict_min", default: false), strictMax: try bool("strict_max", default: false))
        if !allowingOpen, range.min == nil, range.max == nil { throw invalid("min_value and max_value cannot both be None", code: .missingKey) }
        if range.isInverted { throw invalid("min_value cannot be greater than max_value") }
        return range
    }

    /// `ignore_row_if` as the rows to skip.
    func skip(default fallback: MissingValues) throws(ConfigError) -> MissingValues {
        guard let node = kwargs["ignore_row_if"] else { return fallback }
        switch try node.string("ignore_row_if") {
        case "both_values_are_missing", "all_values_are_missing": return .allMissing
        case "either_value_is_missing", "any_value_is_missing": return .anyMissing
        case "neither", "never": return .never
        case let other: throw node.fail(.invalidValue, "unknown ignore_row_if '\(other)'")
        }
    }

    /// A JSON value: numbers stay numbers, strings stay text, `null` is NULL.
    static func literal(_ node: ConfigNode) throws(ConfigError) -> Literal {
        if case .scalar("null", quoted: false) = node.value { return .null }
        return try CheckDecoder.literal(node)
    }

    func invalid(_ message: String, code: ConfigError.Code = .invalidValue) -> ConfigError {
        ConfigError(code, "\(type): \(message)", at: location)
    }

    /// A non-empty list of patterns (regular expressions validated).
    func patterns(_ key: String, regex: Bool) throws(ConfigError) -> [String] {
        let node = try present(key)
        var patterns: [String] = []
        for item in try node.list(key) { patterns.append(try regex ? item.regex("a pattern") : item.string("a pattern")) }
        guard !patterns.isEmpty else { throw node.fail(.invalidValue, "\(key) must not be empty") }
        return patterns
    }

    /// Numeric `min_value` / `max_value` (null: no bound).
    func bounds() throws(ConfigError) -> ValueBounds {
        func number(_ key: String) throws(ConfigError) -> Double? {
            guard let node = kwargs[key], try Self.literal(node) != .null else { return nil }
            return try node.double(key)
        }
        let bounds = ValueBounds(min: try number("min_value"), max: try number("max_value"))
        if let min = bounds.min, let max = bounds.max, min > max { throw invalid("min_value cannot be greater than max_value") }
        return bounds
    }

    /// `quantile_ranges: {quantiles: [...], value_ranges: [[min, max], ...]}`.
    func quantileRanges() throws(ConfigError) -> [QuantileRange] {
        let node = try present("quantile_ranges")
        let map = try node.mapping("quantile_ranges", allowed: ["quantiles", "value_ranges"])
        let quantiles = try map.required("quantiles").list("quantiles")
        let ranges = try map.required("value_ranges").list("value_ranges")
        guard quantiles.count == ranges.count, !quantiles.isEmpty else {
            throw node.fail(.invalidValue, "quantile_ranges needs as many value_ranges as quantiles")
        }
        var result: [QuantileRange] = []
        for (q, r) in zip(quantiles, ranges) {
            let quantile = try q.double("a quantile")
            guard (0...1).contains(quantile) else { throw q.fail(.invalidValue, "a quantile is between 0 and 1, not \(quantile)") }
            let bounds = try r.list("a value range")
            guard bounds.count == 2 else { throw r.fail(.invalidValue, "a value range is [min, max]") }
            let range = ValueRange(min: try Self.bound(bounds[0]), max: try Self.bound(bounds[1]))
            // GX raises "quantile_ranges must consist of ordered pairs".
            if range.isInverted { throw r.fail(.invalidValue, "a value range is [min, max] with min <= max, not \(range)") }
            result.append(QuantileRange(quantile: quantile, range: range))
        }
        return result
    }

    private static func bound(_ node: ConfigNode) throws(ConfigError) -> Literal? {
        let value = try literal(node)
        return value == .null ? nil : value
    }
}
