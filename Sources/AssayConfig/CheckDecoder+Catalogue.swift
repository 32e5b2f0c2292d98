import AssayCore

/// The check kinds of the distribution, multi-column, order, format and schema families.
extension CheckDecoder {
    /// The kind for `key`, or `nil` when `key` is not one of these families.
    func catalogueKind(_ key: String, _ body: ConfigNode) throws(ConfigError) -> CheckKind? {
        switch key {
        case "length_equal":
            let map = try body.mapping(key, allowed: ["column", "length"])
            let length = try Self.count(try map.required("length"), "length")
            return .lengthBetween(column: try map.required("column").name("column"), min: length, max: length)
        case "date_format":
            let map = try body.mapping(key, allowed: ["column", "format"])
            return .dateFormat(column: try map.required("column").name("column"), format: try map.required("format").strftimeFormat("format"))
        case "increasing", "decreasing":
            let map = try body.mapping(key, allowed: ["column", "strict", "order_by"])
            return .monotonic(column: try map.required("column").name("column"), increasing: key == "increasing",
                              strict: try map["strict"]?.bool("strict") ?? false, orderBy: try map["order_by"]?.name("order_by"))
        case "column_count":
            let map = try body.mapping(key, allowed: ["min", "max", "equals"])
            if let equals = try map["equals"].map({ n throws(ConfigError) in try Self.count(n, "equals") }) {
                return .columnCount(ValueBounds(min: Double(equals), max: Double(equals)))
            }
            return .columnCount(try Self.bounds(map, counts: true))
        case "column_type":
            let map = try body.mapping(key, allowed: ["column", "type"])
            return .columnType(column: try map.required("column").name("column"), types: try map.required("type").names("type"))
        case "unique_within_record", "sum_equals":
            let map = try body.mapping(key, allowed: key == "sum_equals" ? ["columns", "total", "skip"] : ["columns", "skip"])
            let columns = try map.required("columns").names("columns")
            guard columns.count >= (key == "sum_equals" ? 1 : 2) else { throw body.fail(.invalidValue, "\(key) needs \(key == "sum_equals" ? "one" : "two") or more columns") }
            let skip = try map["skip"].map { n throws(ConfigError) in try Self.skip(n) } ?? .allMissing
            if key == "sum_equals" { return .sumEquals(columns: columns, total: try Self.literal(try map.required("total")), skip: skip) }
            return .uniqueWithinRecord(columns: columns, skip: skip)
        case "quantiles":
            let map = try body.mapping(key, allowed: ["column", "ranges"])
            var ranges: [QuantileRange] = []
            for item in try map.required("ranges").list("ranges") {
                let entry = try item.mapping("a quantile range", allowed: ["quantile", "min", "max", "strict_min", "strict_max"])
                let quantileNode = try entry.required("quantile")
                let quantile = try quantileNode.double("quantile")
                guard (0...1).contains(quantile) else { throw quantileNode.fail(.invalidValue, "quantile must be between 0 and 1, not \(quantile)") }
                let range = try Self.range(entry)
                try Self.checkNotEmpty(range, in: entry)
                ranges.append(QuantileRange(quantile: quantile, range: range))
            }
            guard !ranges.isEmpty else { throw body.fail(.invalidValue, "quantiles needs one or more ranges") }
            return .quantiles(column: try map.required("column").name("column"), ranges)
        case "distinct_in_set", "distinct_contain_set", "distinct_equal_set", "most_common_value":
            let map = try body.mapping(key, allowed: key == "most_common_value" ? ["column", "values", "ties_okay"] : ["column", "values"])
            var values: [Literal] = []
            for item in try map.required("values").list("values") { values.append(try Self.literal(item)) }
            let column = try map.required("column").name("column")
            if key == "most_common_value" {
                return .mostCommonValue(column: column, values: values, tiesOkay: try map["ties_okay"]?.bool("ties_okay") ?? false)
            }
            let relation: SetRelation = key == "distinct_in_set" ? .within : key == "distinct_contain_set" ? .contains : .equals
            return .distinctValues(column: column, values: values, relation: relation)
        default:
            guard let statistic = Statistic(rawValue: key) else { return nil }
            let map = try body.mapping(key, allowed: ["column", "min", "max", "strict_min", "strict_max"])
            let range = try Self.range(map)
            guard range.min != nil || range.max != nil else { throw body.fail(.missingKey, "\(key) needs min, max or both") }
            try Self.checkNotEmpty(range, in: map)
            return .statistic(column: try map.required("column").name("column"), statistic, range: range)
        }
    }

    /// `min`, `max`, `strict_min`, `strict_max` of a mapping; bounds are numbers, dates or text.
    static func range(_ map: ConfigMapping) throws(ConfigError) -> ValueRange {
        ValueRange(min: try map["min"].map { n throws(ConfigError) in try Self.literal(n) },
                   max: try map["max"].map { n throws(ConfigError) in try Self.literal(n) },
                   strictMin: try map["strict_min"]?.bool("strict_min") ?? false,
                   strictMax: try map["strict_max"]?.bool("strict_max") ?? false)
    }

    static func skip(_ node: ConfigNode) throws(ConfigError) -> MissingValues {
        let text = try node.string("skip")
        guard let skip = MissingValues(rawValue: text) else {
            throw node.fail(.invalidValue, "skip is one of \(MissingValues.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return skip
    }
}
