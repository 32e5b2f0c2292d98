import Foundation

/// Canonical text forms of a check, the input of ``CheckKey`` and ``CheckFingerprint``. Written out field by field
/// (never Swift's reflection), so renaming a Swift type does not change any key. Conditions count by their text
/// with runs of white space collapsed: reformatting a condition keeps its key.
enum CheckSignature {
    /// What the check examines: no limits, severity, dimension, description or remediation.
    static func identity(_ check: Check, table: TableSpec) -> String {
        var parts = ["table=" + quoted(table.name), "kind=" + check.kind.name] + kind(check.kind)
        if let filter = check.filter { parts.append("filter=" + condition(filter)) }
        if let window = check.window { parts.append("window=" + self.window(window)) }
        if let filter = table.filter { parts.append("table_filter=" + condition(filter)) }
        if let window = table.window { parts.append("table_window=" + self.window(window)) }
        return parts.joined(separator: ";")
    }

    /// Everything about the check.
    static func definition(_ check: Check, table: TableSpec) -> String {
        var parts = [identity(check, table: table), "id=" + quoted(check.id), "severity=" + check.severity.rawValue,
                     "dimension=" + check.dimension.rawValue, "thresholds=" + limits(check)]
        if let description = check.description { parts.append("description=" + quoted(description)) }
        if let remediation = check.remediation {
            parts.append("remediation=\(remediation.automatic),\(remediation.action?.rawValue ?? "-")")
        }
        if let fix = check.fix { parts.append("fix=" + fix.signature) }
        return parts.joined(separator: ";")
    }

    private static func kind(_ kind: CheckKind) -> [String] {
        switch kind {
        case .notNull(let c): return [col(c)]
        case .unique(let cs, let counting): return [cols(cs), "counting=" + counting.rawValue]
        case .regex(let c, let pattern, _): return [col(c), "pattern=" + quoted(pattern)]
        case .inSet(let c, let values, _): return [col(c), "values=" + literals(values)]
        case .between(let c, let lo, let hi, let strictMin, let strictMax):
            return [col(c), "min=" + (lo.map(literal) ?? "-"), "max=" + (hi.map(literal) ?? "-"),
                    "strict=\(strictMin),\(strictMax)"]
        case .lengthBetween(let c, let lo, let hi): return [col(c), "min=\(lo.map(String.init) ?? "-")", "max=\(hi.map(String.init) ?? "-")"]
        case .dateFormat(let c, let format): return [col(c), "format=" + quoted(format.text)]
        case .monotonic(let c, _, let strict, let orderBy): return [col(c), "strict=\(strict)", "order_by=" + (orderBy.map(quoted) ?? "-")]
        case .rowCount, .columnCount: return []
        case .columnExists(let c, let position): return [col(c), "position=\(position.map(String.init) ?? "-")"]
        case .columnSet(let expected, let exact, let ordered): return [cols(expected), "exact=\(exact)", "ordered=\(ordered)"]
        case .columnType(let c, let types): return [col(c), "types=" + types.map(quoted).joined(separator: ",")]
        case .freshness(let c, _, _): return [col(c)]
        case .references(let c, let parent, let key): return [col(c), "parent=" + quoted(parent), "key=" + quoted(key)]
        case .columnPair(let l, let op, let r, let skip): return [cols([l, r]), "op=" + op.rawValue, "skip=" + skip.rawValue]
        case .uniqueWithinRecord(let cs, let skip): return [cols(cs), "skip=" + skip.rawValue]
        case .sumEquals(let cs, let total, let skip): return [cols(cs), "total=" + literal(total), "skip=" + skip.rawValue]
        case .rule(let c, let violationWhen): return ["condition=" + condition(c), "violation_when=\(violationWhen)"]
        case .statistic(let c, _, _): return [col(c)]
        case .quantiles(let c, let ranges): return [col(c), "quantiles=" + ranges.map { "\($0.quantile)" }.joined(separator: ",")]
        case .distinctValues(let c, let values, _): return [col(c), "values=" + literals(values)]
        case .mostCommonValue(let c, let values, let ties): return [col(c), "values=" + literals(values), "ties=\(ties)"]
        case .unsupported(_, let reason): return ["reason=" + quoted(reason)]
        }
    }

    /// The check's limits exactly (their stored form, ``Thresholds``), so that any change of a limit changes the
    /// fingerprint, however small.
    private static func limits(_ check: Check) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Thresholds hold only numbers, text and flags: encoding cannot fail.
        return (try? encoder.encode(Thresholds(check))).map { String(decoding: $0, as: UTF8.self) } ?? "\(Thresholds(check))"
    }

    private static func col(_ name: String) -> String { "column=" + quoted(name) }
    private static func cols(_ names: [String]) -> String { "columns=" + names.map(quoted).joined(separator: ",") }
    private static func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    private static func literals(_ values: [Literal]) -> String { values.map(literal).joined(separator: ",") }

    private static func literal(_ value: Literal) -> String {
        switch value {
        case .null: "null"
        case .boolean(let b): "\(b)"
        case .integer(let n): "\(n)"
        case .decimal(let d): "\(d)"
        case .string(let s): quoted(s)
        case .date(let d): "date " + quoted(d)
        case .timestamp(let t): "timestamp " + quoted(t)
        case .interval(let i): "interval " + quoted(i.description)
        }
    }

    private static func condition(_ condition: Condition) -> String {
        quoted(condition.text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    private static func window(_ window: Window) -> String { quoted(window.column) + "@\(window.last.seconds)" }
}
