import AssayCore

/// Checks that limits and ranges make sense: a range something can lie in, a warning that can happen.
extension CheckDecoder {
    /// A whole number of 0 or more (a length, a position, a count).
    static func count(_ node: ConfigNode, _ what: String) throws(ConfigError) -> Int {
        let n = try node.int(what)
        guard n >= 0 else { throw node.fail(.invalidValue, "\(what) must be 0 or more, not \(n)") }
        return n
    }

    /// `warn` must be stricter than `fail` (fewer violations), or no check could ever WARN: it FAILs first.
    /// A count and a percentage are not comparable before the run, so they may be mixed.
    static func checkOrder(warn: ViolationLimit, fail: ViolationLimit, at node: ConfigNode) throws(ConfigError) {
        let looser: Bool
        switch (warn, fail) {
        case let (.count(w), .count(f)): looser = w >= f
        case let (.percent(w), .percent(f)): looser = w >= f
        default: looser = false
        }
        if looser {
            throw node.fail(.invalidValue, "warn (\(warn)) must be below fail (\(fail)): a check FAILs when its violations exceed fail, "
                + "so with warn at or above it no check could ever WARN")
        }
    }

    /// A row_count's `warn` bounds must lie strictly inside its fail bounds, or no run could WARN.
    static func checkOrder(warn: ValueBounds, fail: ValueBounds, at node: ConfigNode) throws(ConfigError) {
        let lowNeverWarns = warn.min.map { w in fail.min.map { w <= $0 } ?? false } ?? false
        let highNeverWarns = warn.max.map { w in fail.max.map { w >= $0 } ?? false } ?? false
        if lowNeverWarns || highNeverWarns {
            throw node.fail(.invalidValue, "warn bounds \(warn) must be stricter than the fail bounds \(fail), or no run could ever WARN")
        }
    }

    /// A range something can lie in: `min` not above `max`.
    static func checkNotEmpty(_ range: ValueRange, in map: ConfigMapping) throws(ConfigError) {
        guard range.isInverted else { return }
        throw (map["min"] ?? map.pairs.first?.value)?.fail(.invalidValue, "the range \(range) is empty (min above max), so nothing could pass")
            ?? ConfigError(.invalidValue, "the range \(range) is empty (min above max)", at: map.location)
    }

    static func checkLengths(min: Int?, max: Int?, in map: ConfigMapping) throws(ConfigError) {
        for (key, value) in [("min", min), ("max", max)] {
            if let value, value < 0, let node = map[key] { throw node.fail(.invalidValue, "\(key) must be 0 or more, not \(value)") }
        }
        if let min, let max, min > max, let node = map["min"] {
            throw node.fail(.invalidValue, "min (\(min)) is above max (\(max)), so nothing could pass")
        }
    }
}
