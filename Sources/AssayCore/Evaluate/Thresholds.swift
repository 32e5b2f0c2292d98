/// The limits a check is judged against, as data: what a store records and a chart draws as a line.
public enum Thresholds: Sendable, Hashable {
    /// Violating rows: WARN above `warn`, FAIL above `fail`; with neither, any violation fails.
    case violations(warn: ViolationLimit?, fail: ViolationLimit?)
    /// A count (rows, columns) must lie within `fail`, and within `warn` not to warn.
    case bounds(fail: ValueBounds, warn: ValueBounds?)
    /// The newest value may be at most `failAfter` old, and `warnAfter` not to warn.
    case age(warnAfter: TimeSpan?, failAfter: TimeSpan)
    /// A statistic (a number, text or date) must lie in the range.
    case range(ValueRange)
    /// Each quantile must lie in its range.
    case quantiles([QuantileRange])
    /// The distinct values must be within, contain or equal the set.
    case valueSet(SetRelation, [Literal])
    /// The most common value must be in the set (with `tiesOkay`, any of equally common ones).
    case mostCommon([Literal], tiesOkay: Bool)
    /// Decided exactly from the catalogue (columns, their order, count or types).
    case schema
    /// The check cannot run at all (an expectation Assay does not support).
    case none

    /// The limits of `check`.
    public init(_ check: Check) {
        switch check.kind {
        case .rowCount(let fail, let warn): self = .bounds(fail: fail, warn: warn)
        case .columnCount(let bounds): self = .bounds(fail: bounds, warn: nil)
        case .freshness(_, let warn, let fail): self = .age(warnAfter: warn, failAfter: fail)
        case .statistic(_, _, let range): self = .range(range)
        case .quantiles(_, let ranges): self = .quantiles(ranges)
        case .distinctValues(_, let values, let relation): self = .valueSet(relation, values)
        case .mostCommonValue(_, let values, let ties): self = .mostCommon(values, tiesOkay: ties)
        case .columnExists, .columnSet, .columnType: self = .schema
        case .unsupported: self = .none
        default: self = .violations(warn: check.thresholds.warn, fail: check.thresholds.fail)
        }
    }
}

extension Thresholds: CustomStringConvertible {
    /// The limits for people: `warn > 1%, fail > 5%`, `fail outside [1, 100]`, `fail after 1d, warn after 12h`.
    public var description: String {
        switch self {
        case .violations(let warn, let fail):
            let limits = [warn.map { "warn > \($0)" }, fail.map { "fail > \($0)" }].compactMap(\.self)
            return limits.isEmpty ? "fail > 0" : limits.joined(separator: ", ")
        case .bounds(let fail, let warn): return "fail outside \(fail)" + (warn.map { ", warn outside \($0)" } ?? "")
        case .age(let warn, let fail): return "fail after \(fail)" + (warn.map { ", warn after \($0)" } ?? "")
        case .range(let range): return "\(range)"
        case .quantiles(let ranges):
            return ranges.map { "q\($0.quantile.formatted(maxFractionDigits: 4)) in \($0.range)" }.joined(separator: ", ")
        case .valueSet(let relation, let values): return "\(relation.rawValue) {\(values.map(\.display).joined(separator: ", "))}"
        case .mostCommon(let values, let ties): return "in {\(values.map(\.display).joined(separator: ", "))}" + (ties ? ", ties okay" : "")
        case .schema: return "exact"
        case .none: return "none"
        }
    }
}

/// `{"type": "violations", "warn": {"percent": 1}, "fail": {"count": 10}}`, `{"type": "bounds", "fail": {"min": 1,
/// "max": null}, "warn": null}`, `{"type": "age", "warn_after_seconds": 43200, "fail_after_seconds": 86400}`, ...
extension Thresholds: Codable {
    private enum Key: String, CodingKey {
        case type, warn, fail, range, quantiles, relation, values, tiesOkay = "ties_okay"
        case warnAfter = "warn_after_seconds", failAfter = "fail_after_seconds"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .violations(let warn, let fail):
            try c.encode("violations", forKey: .type)
            try c.encode(warn, forKey: .warn)
            try c.encode(fail, forKey: .fail)
        case .bounds(let fail, let warn):
            try c.encode("bounds", forKey: .type)
            try c.encode(fail, forKey: .fail)
            try c.encode(warn, forKey: .warn)
        case .age(let warn, let fail):
            try c.encode("age", forKey: .type)
            try c.encode(warn?.seconds, forKey: .warnAfter)
            try c.encode(fail.seconds, forKey: .failAfter)
        case .range(let range):
            try c.encode("range", forKey: .type)
            try c.encode(range, forKey: .range)
        case .quantiles(let ranges):
            try c.encode("quantiles", forKey: .type)
            try c.encode(ranges, forKey: .quantiles)
        case .valueSet(let relation, let values):
            try c.encode("value_set", forKey: .type)
            try c.encode(relation, forKey: .relation)
            try c.encode(values.map(\.sqlValue), forKey: .values)
        case .mostCommon(let values, let ties):
            try c.encode("most_common", forKey: .type)
            try c.encode(values.map(\.sqlValue), forKey: .values)
            try c.encode(ties, forKey: .tiesOkay)
        case .schema: try c.encode("schema", forKey: .type)
        case .none: try c.encode("none", forKey: .type)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        switch try c.decode(String.self, forKey: .type) {
        case "violations":
            self = .violations(warn: try c.decodeIfPresent(ViolationLimit.self, forKey: .warn),
                               fail: try c.decodeIfPresent(ViolationLimit.self, forKey: .fail))
        case "bounds":
            self = .bounds(fail: try c.decode(ValueBounds.self, forKey: .fail), warn: try c.decodeIfPresent(ValueBounds.self, forKey: .warn))
        case "age":
            self = .age(warnAfter: try c.decodeIfPresent(Double.self, forKey: .warnAfter).map(TimeSpan.init(seconds:)),
                        failAfter: TimeSpan(seconds: try c.decode(Double.self, forKey: .failAfter)))
        case "range": self = .range(try c.decode(ValueRange.self, forKey: .range))
        case "quantiles": self = .quantiles(try c.decode([QuantileRange].self, forKey: .quantiles))
        case "value_set":
            self = .valueSet(try c.decode(SetRelation.self, forKey: .relation),
                             try c.decode([SQLValue].self, forKey: .values).map(Literal.init(storing:)))
        case "most_common":
            self = .mostCommon(try c.decode([SQLValue].self, forKey: .values).map(Literal.init(storing:)),
                               tiesOkay: try c.decode(Bool.self, forKey: .tiesOkay))
        case "schema": self = .schema
        case "none": self = .none
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown thresholds type '\(other)'")
        }
    }
}

extension ViolationLimit {
    private enum Key: String, CodingKey { case count, percent }

    /// `{"count": 10}` or `{"percent": 1.5}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .count(let n): try c.encode(n, forKey: .count)
        case .percent(let p): try c.encode(p, forKey: .percent)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let n = try c.decodeIfPresent(Int.self, forKey: .count) {
            self = .count(n)
        } else {
            self = .percent(try c.decode(Double.self, forKey: .percent))
        }
    }
}

extension ValueRange: Codable {
    private enum Key: String, CodingKey { case min, max, strictMin = "strict_min", strictMax = "strict_max" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(min?.sqlValue, forKey: .min)
        try c.encode(max?.sqlValue, forKey: .max)
        try c.encode(strictMin, forKey: .strictMin)
        try c.encode(strictMax, forKey: .strictMax)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(min: try c.decodeIfPresent(SQLValue.self, forKey: .min).map(Literal.init(storing:)),
                  max: try c.decodeIfPresent(SQLValue.self, forKey: .max).map(Literal.init(storing:)),
                  strictMin: try c.decode(Bool.self, forKey: .strictMin), strictMax: try c.decode(Bool.self, forKey: .strictMax))
    }
}

extension QuantileRange: Codable {
    private enum Key: String, CodingKey { case quantile, range }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(quantile, forKey: .quantile)
        try c.encode(range, forKey: .range)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(quantile: try c.decode(Double.self, forKey: .quantile), range: try c.decode(ValueRange.self, forKey: .range))
    }
}

extension Literal {
    /// The literal a stored value was written from (``sqlValue`` read back).
    init(storing value: SQLValue) {
        switch value {
        case .null: self = .null
        case .boolean(let b): self = .boolean(b)
        case .integer(let n): self = .integer(n)
        case .double(let d): self = .decimal(d)
        case .text(let s): self = .string(s)
        case .date(let d): self = .date(d)
        case .timestamp(let t): self = .timestamp(t)
        }
    }
}
