import AssayCore

/// Decodes one entry of a table's `checks:` list. Each entry has exactly one kind key (`not_null`,
/// `unique`, `regex`, ...) and any of the common keys (`id`, `severity`, `warn`, `fail`, `where`, `window`,
/// `description`, `dimension`).
struct CheckDecoder {
    var defaultSeverity: Severity
    /// The `fix:` settings of the levels above a check, nearest (the table's) first.
    var fixDefaults: [FixDraft] = []

    static let kinds = ["not_null", "unique", "regex", "not_regex", "in_set", "not_in_set", "between", "length_between",
                        "length_equal", "date_format", "increasing", "decreasing", "row_count", "column_exists", "columns",
                        "column_count", "column_type", "freshness", "references", "column_pair", "unique_within_record",
                        "sum_equals", "rule", "quantiles", "distinct_in_set", "distinct_contain_set", "distinct_equal_set",
                        "most_common_value"] + Statistic.allCases.map(\.rawValue)
    static let commonKeys = ["id", "severity", "warn", "fail", "where", "window", "description", "dimension", "every", "cron", "time_zone",
                             "remediation", "fix", "sla"]

    /// The checks of one entry (one per column for `not_null: [a, b]`), with every problem of the entry.
    func decode(_ node: ConfigNode) throws(ConfigError) -> [Check] {
        var problems = ConfigProblems()
        let map = try node.mapping("a check", allowed: Self.kinds + Self.commonKeys, problems: &problems)
        let kindKeys = map.keys.filter(Self.kinds.contains)
        guard kindKeys.count == 1, let kindKey = kindKeys.first, let body = map[kindKey] else {
            if kindKeys.isEmpty {
                problems.add(node.fail(.missingKey, "a check needs one kind: \(Self.kinds.joined(separator: ", "))"))
            } else {
                problems.add(node.fail(.conflict, "a check has one kind, but this one has \(kindKeys.joined(separator: " and "))"))
            }
            try problems.throwIfAny()
            return []
        }
        let kinds = problems.attempt { () throws(ConfigError) -> [CheckKind] in
            if kindKey == "not_null" { return try body.names("not_null").map { CheckKind.notNull(column: $0) } }
            return [try kind(kindKey, body)]
        }
        let id = problems.attempt { () throws(ConfigError) in try map["id"]?.string("id") } ?? nil
        if let kinds, id != nil && kinds.count > 1 {
            problems.add(node.fail(.conflict, "'id' names one check, but not_null lists \(kinds.count) columns; write one check per column"))
        }
        let severity = problems.attempt { () throws(ConfigError) in
            try map["severity"].map { n throws(ConfigError) in try Self.severity(n) } ?? defaultSeverity
        }
        let warn = problems.attempt { () throws(ConfigError) in try map["warn"].map { n throws(ConfigError) in try Self.limit(n, what: "warn") } } ?? nil
        let fail = problems.attempt { () throws(ConfigError) in try map["fail"].map { n throws(ConfigError) in try Self.limit(n, what: "fail") } } ?? nil
        if warn != nil || fail != nil, let kind = kinds?.first, !kind.countsRows {
            problems.add(node.fail(.conflict, "warn/fail limits apply to checks that count rows; \(kind.name) takes its limits inside '\(kindKey)'"))
        }
        if let warn, let fail, let warnNode = map["warn"] {
            problems.attempt { () throws(ConfigError) in try Self.checkOrder(warn: warn, fail: fail, at: warnNode) }
        }
        let filter = problems.attempt { () throws(ConfigError) in try map["where"].map { n throws(ConfigError) in try Self.condition(n, what: "where") } } ?? nil
        let window = problems.attempt { () throws(ConfigError) in try map["window"].map { n throws(ConfigError) in try Self.window(n) } } ?? nil
        let dimension = problems.attempt { () throws(ConfigError) in
            try map["dimension"].map { n throws(ConfigError) -> Dimension in
                let text = try n.string("dimension")
                guard let d = Dimension(rawValue: text) else {
                    throw n.fail(.invalidValue, "unknown dimension '\(text)'; expected one of: \(Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return d
            }
        } ?? nil
        let description = problems.attempt { () throws(ConfigError) in try map["description"]?.string("description") } ?? nil
        let schedule = MonitorDecoder.schedule(map, problems: &problems)
        let remediation = problems.attempt { () throws(ConfigError) in try map["remediation"].map { n throws(ConfigError) in try RemediationDecoder.check(n) } } ?? nil
        if remediation != nil, let kind = kinds?.first, !kind.judgedRowByRow, let node = map["remediation"] {
            problems.add(node.fail(.conflict, "remediation acts on the rows a check finds at fault, and \(kind.name) judges the table as a whole or rows against each other (no single row is at fault)"))
        }
        let fixDraft = problems.attempt { () throws(ConfigError) in try map["fix"].map { n throws(ConfigError) in try FixDecoder.draft(n) } } ?? nil
        let fixes = (kinds ?? []).map { kind in
            problems.attempt { () throws(ConfigError) in try FixDecoder.resolve(fixDraft, defaults: fixDefaults, kind: kind, at: map["fix"]) } ?? nil
        }
        let sla = problems.attempt { () throws(ConfigError) in try map["sla"].map { n throws(ConfigError) in try ComplianceDecoder.percent(n, what: "sla") } } ?? nil
        try problems.throwIfAny()
        guard let kinds, let severity else { return [] }
        return zip(kinds, fixes).map { kind, fix in
            var check = Check(id: id ?? Check.defaultID(for: kind), idIsExplicit: id != nil, kind: kind, severity: severity,
                              thresholds: ViolationThresholds(warn: warn, fail: fail), dimension: dimension, filter: filter,
                              window: window, description: description, location: node.location)
            check.schedule = schedule
            check.remediation = remediation
            check.fix = fix
            check.sla = sla
            return check
        }
    }

    private func kind(_ key: String, _ body: ConfigNode) throws(ConfigError) -> CheckKind {
        switch key {
        case "unique":
            if case .mapping = body.value {
                let map = try body.mapping(key, allowed: ["columns", "count"])
                let countNode = map["count"]
                let counting = try countNode.map { n throws(ConfigError) -> DuplicateCounting in
                    guard let c = DuplicateCounting(rawValue: try n.string("count")) else {
                        throw n.fail(.invalidValue, "count is 'extra' (rows after the first of each value) or 'all' (every row of a repeated value)")
                    }
                    return c
                } ?? .extraRows
                return .unique(columns: try map.required("columns").names("columns"), counting: counting)
            }
            return .unique(columns: try body.names("unique"))
        case "regex", "not_regex":
            let map = try body.mapping(key, allowed: ["column", "pattern"])
            return .regex(column: try map.required("column").name("column"), pattern: try map.required("pattern").regex("pattern"),
                          mustMatch: key == "regex")
        case "in_set", "not_in_set":
            let map = try body.mapping(key, allowed: ["column", "values"])
            var values: [Literal] = []
            for item in try map.required("values").list("values") { values.append(try Self.literal(item)) }
            guard !values.isEmpty else { throw body.fail(.invalidValue, "values must not be empty") }
            return .inSet(column: try map.required("column").name("column"), values: values, negated: key == "not_in_set")
        case "between":
            let map = try body.mapping(key, allowed: ["column", "min", "max", "strict", "strict_min", "strict_max"])
            let min = try map["min"].map { n throws(ConfigError) in try Self.literal(n) }
            let max = try map["max"].map { n throws(ConfigError) in try Self.literal(n) }
            guard min != nil || max != nil else { throw body.fail(.missingKey, "between needs min, max or both") }
            let strict = try map["strict"]?.bool("strict") ?? false
            let range = ValueRange(min: min, max: max, strictMin: try map["strict_min"]?.bool("strict_min") ?? strict,
                                   strictMax: try map["strict_max"]?.bool("strict_max") ?? strict)
            try Self.checkNotEmpty(range, in: map)
            return .between(column: try map.required("column").name("column"), min: range.min, max: range.max,
                            strictMin: range.strictMin, strictMax: range.strictMax)
        case "length_between":
            let map = try body.mapping(key, allowed: ["column", "min", "max"])
            let min = try map["min"]?.int("min"), max = try map["max"]?.int("max")
            guard min != nil || max != nil else { throw body.fail(.missingKey, "length_between needs min, max or both") }
            try Self.checkLengths(min: min, max: max, in: map)
            return .lengthBetween(column: try map.required("column").name("column"), min: min, max: max)
        case "row_count":
            let map = try body.mapping(key, allowed: ["min", "max", "warn"])
            let fail = try Self.bounds(map, counts: true)
            let warn = try map["warn"].map { n throws(ConfigError) in try Self.bounds(try n.mapping("warn", allowed: ["min", "max"]), counts: true) }
            if let warn, let warnNode = map["warn"] { try Self.checkOrder(warn: warn, fail: fail, at: warnNode) }
            return .rowCount(fail: fail, warn: warn)
        case "column_exists":
            if case .mapping = body.value {
                let map = try body.mapping(key, allowed: ["column", "position"])
                let position = try map["position"].map { n throws(ConfigError) in try Self.count(n, "position") }
                return .columnExists(column: try map.required("column").name("column"), position: position)
            }
            return .columnExists(column: try body.name("column_exists"))
        case "columns":
            if case .mapping = body.value {
                let map = try body.mapping(key, allowed: ["expected", "exact", "ordered"])
                let ordered = try map["ordered"]?.bool("ordered") ?? false
                let exact = try map["exact"]?.bool("exact") ?? false
                return .columnSet(expected: try map.required("expected").names("expected"), exact: ordered || exact, ordered: ordered)
            }
            return .columnSet(expected: try body.names("columns"), exact: false)
        case "freshness":
            let map = try body.mapping(key, allowed: ["column", "warn", "fail"])
            let warn = try map["warn"].map { n throws(ConfigError) in try Self.timeSpan(n) }
            let fail = try Self.timeSpan(try map.required("fail"))
            if let warn, let warnNode = map["warn"], warn.seconds >= fail.seconds {
                throw warnNode.fail(.invalidValue, "freshness warn (\(warn)) must be shorter than fail (\(fail)), or no check could ever warn")
            }
            return .freshness(column: try map.required("column").name("column"), warnAfter: warn, failAfter: fail)
        case "references":
            let map = try body.mapping(key, allowed: ["column", "table", "key"])
            let column = try map.required("column").name("column")
            return .references(column: column, table: try map.required("table").name("table"),
                               key: try map["key"]?.name("key") ?? column)
        case "column_pair":
            return try Self.columnPair(body)
        case "rule":
            let map = try body.mapping(key, allowed: ["violation", "expect"])
            switch (map["violation"], map["expect"]) {
            case (let v?, nil): return .rule(try Self.condition(v, what: "violation"), violationWhen: true)
            case (nil, let e?): return .rule(try Self.condition(e, what: "expect"), violationWhen: false)
            case (_?, _?): throw body.fail(.conflict, "a rule has either 'violation' (rows where it holds violate) or 'expect' (rows where it is false violate), not both")
            case (nil, nil): throw body.fail(.missingKey, "a rule has either 'violation' (rows where it holds violate) or 'expect' (rows where it is false violate)")
            }
        default:
            if let kind = try catalogueKind(key, body) { return kind }
            throw body.fail(.unknownKey, "unknown check kind '\(key)'")
        }
    }

    // MARK: - Shared value decoders

    static func severity(_ node: ConfigNode) throws(ConfigError) -> Severity {
        let text = try node.string("severity")
        guard let severity = Severity(rawValue: text.uppercased()) else {
            throw node.fail(.invalidValue, "unknown severity '\(text)'; expected LOW, MEDIUM, HIGH or CRITICAL")
        }
        return severity
    }

    /// `0`, `25` (rows) or `1%`, `0.5%` (of rows checked).
    static func limit(_ node: ConfigNode, what: String) throws(ConfigError) -> ViolationLimit {
        let text = try node.string(what).trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            guard let p = Double(text.dropLast().trimmingCharacters(in: .whitespaces)), p >= 0, p <= 100 else {
                throw node.fail(.invalidValue, "\(what) must be a row count like 0 or a percentage like 1%, not '\(text)'")
            }
            return .percent(p)
        }
        guard let n = Int(text), n >= 0 else {
            throw node.fail(.invalidValue, "\(what) must be a row count like 0 or a percentage like 1%, not '\(text)'")
        }
        return .count(n)
    }

    static func timeSpan(_ node: ConfigNode) throws(ConfigError) -> TimeSpan {
        let text = try node.string("a duration")
        guard let span = TimeSpan(parsing: text) else { throw node.fail(.invalidValue, "'\(text)' is not a duration; write e.g. 30m, 6h, 2d") }
        return span
    }

    static func window(_ node: ConfigNode) throws(ConfigError) -> Window {
        let map = try node.mapping("window", allowed: ["column", "last"])
        return Window(column: try map.required("column").name("column"), last: try timeSpan(try map.required("last")))
    }

    /// `min` and `max` of a mapping, at least one, `min` not above `max`; `counts` when they count something
    /// (rows, columns), so they are whole numbers of 0 or more.
    static func bounds(_ map: ConfigMapping, counts: Bool = false) throws(ConfigError) -> ValueBounds {
        func bound(_ key: String) throws(ConfigError) -> Double? {
            guard let node = map[key] else { return nil }
            return counts ? Double(try Self.count(node, key)) : try node.double(key)
        }
        let bounds = ValueBounds(min: try bound("min"), max: try bound("max"))
        guard bounds.min != nil || bounds.max != nil else { throw ConfigError(.missingKey, "\(map.what) needs min, max or both", at: map.location) }
        if let min = bounds.min, let max = bounds.max, min > max, let node = map["min"] {
            throw node.fail(.invalidValue, "min (\(min.formatted(maxFractionDigits: 4))) is above max (\(max.formatted(maxFractionDigits: 4))), so nothing could pass")
        }
        return bounds
    }

    /// A constant: numbers stay numbers unless quoted; everything else is text (dates are text compared as dates).
    static func literal(_ node: ConfigNode) throws(ConfigError) -> Literal {
        let text = try node.string("a value")
        if !node.isQuoted {
            if let n = Int64(text) { return .integer(n) }
            if let d = Double(text), d.isFinite, text.contains(where: \.isNumber) { return .decimal(d) }
            if text == "true" || text == "false" { return .boolean(text == "true") }
            if text == "null" || text == "~" { throw node.fail(.invalidValue, "use not_null to check for missing values, not null in a value list") }
        }
        return .string(text)
    }

    /// Parses a condition, placing any error at its line and column in the file.
    static func condition(_ node: ConfigNode, what: String) throws(ConfigError) -> Condition {
        let text = try node.string(what)
        do {
            return try Condition(text, location: node.location)
        } catch {
            if AggregateAssertion.callsAggregate(text) {
                throw node.fail(.condition, "\(what) is judged row by row, so it cannot use aggregate functions such as COUNT or SUM")
            }
            var location = node.location
            location.column += error.offset + (node.isQuoted ? 1 : 0)
            throw ConfigError(.condition, "\(what): \(error.explanation)", at: location)
        }
    }

    /// `"closed_date >= opened_date"` or `{left: closed_date, op: '>=', right: opened_date}`.
    static func columnPair(_ node: ConfigNode) throws(ConfigError) -> CheckKind {
        if case .mapping = node.value {
            let map = try node.mapping("column_pair", allowed: ["left", "op", "right", "skip"])
            let opNode = try map.required("op")
            guard let op = BinaryOperator(rawValue: try opNode.string("op") == "!=" ? "<>" : try opNode.string("op")), op.isComparison else {
                throw opNode.fail(.invalidValue, "op must be one of =, <>, <, <=, >, >=")
            }
            return .columnPair(left: try map.required("left").name("left"), op: op, right: try map.required("right").name("right"),
                               skip: try map["skip"].map { n throws(ConfigError) in try Self.skip(n) } ?? .anyMissing)
        }
        let condition = try condition(node, what: "column_pair")
        guard case .binary(let op, .column(let left), .column(let right)) = condition.expr, op.isComparison else {
            throw node.fail(.condition, "column_pair compares two columns, e.g. \"closed_date >= opened_date\"")
        }
        return .columnPair(left: left.name, op: op, right: right.name)
    }
}
