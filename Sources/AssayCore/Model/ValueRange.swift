/// Bounds on a measured value that may be a number, text or a date: each side optional and strict or not.
public struct ValueRange: Sendable, Hashable, CustomStringConvertible {
    public var min: Literal?
    public var max: Literal?
    public var strictMin: Bool
    public var strictMax: Bool

    public init(min: Literal? = nil, max: Literal? = nil, strictMin: Bool = false, strictMax: Bool = false) {
        self.min = min
        self.max = max
        self.strictMin = strictMin
        self.strictMax = strictMax
    }

    /// Whether the lower bound lies above the upper one, so that nothing can be in the range.
    public var isInverted: Bool {
        guard let min, let max, let order = LiteralOrder.compare(min.sqlValue, max) else { return false }
        return order > 0
    }

    /// Whether a measured value lies in the range; `nil` when it cannot be compared with a bound.
    public func contains(_ value: SQLValue) -> Bool? {
        if let min {
            guard let order = LiteralOrder.compare(value, min) else { return nil }
            if order < 0 || (strictMin && order == 0) { return false }
        }
        if let max {
            guard let order = LiteralOrder.compare(value, max) else { return nil }
            if order > 0 || (strictMax && order == 0) { return false }
        }
        return true
    }

    public var description: String {
        switch (min, max) {
        case let (lo?, hi?): (strictMin ? "(" : "[") + lo.display + ", " + hi.display + (strictMax ? ")" : "]")
        case let (lo?, nil): (strictMin ? "> " : ">= ") + lo.display
        case let (nil, hi?): (strictMax ? "< " : "<= ") + hi.display
        case (nil, nil): "any"
        }
    }
}
