/// A limit on violations: a count (`0`) or a rate (`1%`). A check exceeds it when it has MORE violations.
public enum ViolationLimit: Sendable, Hashable, Codable, CustomStringConvertible {
    case count(Int)
    /// A percentage between 0 and 100.
    case percent(Double)

    /// Whether `violations` out of `rows` exceed this limit.
    public func isExceeded(violations: Int, rows: Int) -> Bool {
        switch self {
        case .count(let limit):
            return violations > limit
        case .percent(let limit):
            guard rows > 0 else { return false }
            return Double(violations) * 100 > limit * Double(rows) * (1 + 1e-12)
        }
    }

    public var description: String {
        switch self {
        case .count(let n): "\(n)"
        case .percent(let p): "\(p.formatted(maxFractionDigits: 4))%"
        }
    }
}

/// Warn and fail limits for a check that counts violating rows. Without limits any violation fails.
public struct ViolationThresholds: Sendable, Hashable, Codable {
    public var warn: ViolationLimit?
    public var fail: ViolationLimit?

    public init(warn: ViolationLimit? = nil, fail: ViolationLimit? = nil) {
        self.warn = warn
        self.fail = fail
    }

    /// The status for a measured violation count.
    public func status(violations: Int, rows: Int) -> CheckStatus {
        if let fail, fail.isExceeded(violations: violations, rows: rows) { return .fail }
        if let warn, warn.isExceeded(violations: violations, rows: rows) { return .warn }
        if fail == nil && warn == nil && violations > 0 { return .fail }
        return .pass
    }
}

/// Inclusive bounds on a measured value (row count, distinct count, ...); either side may be open.
public struct ValueBounds: Sendable, Hashable, Codable, CustomStringConvertible {
    public var min: Double?
    public var max: Double?

    public init(min: Double? = nil, max: Double? = nil) {
        self.min = min
        self.max = max
    }

    public func contains(_ value: Double) -> Bool {
        if let min, value < min { return false }
        if let max, value > max { return false }
        return true
    }

    public var description: String {
        switch (min, max) {
        case let (lo?, hi?): "[\(lo.formatted(maxFractionDigits: 4)), \(hi.formatted(maxFractionDigits: 4))]"
        case let (lo?, nil): ">= \(lo.formatted(maxFractionDigits: 4))"
        case let (nil, hi?): "<= \(hi.formatted(maxFractionDigits: 4))"
        case (nil, nil): "any"
        }
    }
}
