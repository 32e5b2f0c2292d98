/// SplitMix64: a tiny, fast, well-mixed deterministic generator (Steele, Lea & Flood, 2014).
///
/// The demo derives one generator per row from `(seed, table, row)`, so any row's clean values can be
/// recomputed on their own (duplicates copy them) and the output never depends on generation order.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one row of one table.
    init(seed: UInt64, stream: UInt64, index: Int) {
        state = Self.mix(seed ^ Self.mix(stream &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: index &+ 1)))
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A value in `0..<bound` (multiply-shift; the bias is far below anything the demo can notice).
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in the closed range.
    @inline(__always)
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform value in `[0, 1)`.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with the given probability.
    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    @inline(__always)
    mutating func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }

    /// An index chosen with the given integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var roll = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// Money within a range, rounded to cents.
    @inline(__always)
    mutating func money(_ range: MoneyRange) -> Double {
        let d = below(range.decades.count)
        let start = range.decades[d], span = range.spans[d]
        let value = start * (1 + span * unit())
        return max(range.low, min(range.high, (value * 100).rounded() / 100))
    }
}

/// Roughly log-uniform money between two positive bounds: a random decade, then a uniform mantissa.
/// Small amounts are as common per decade as large ones, and it is pure arithmetic, so every platform agrees.
struct MoneyRange: Sendable {
    let low: Double
    let high: Double
    let decades: [Double]
    /// For each decade, how far past its start it reaches (9 for a whole decade, less for the last one).
    let spans: [Double]

    init(_ low: Double, _ high: Double) {
        precondition(low > 0 && high > low)
        self.low = low
        self.high = high
        var starts: [Double] = []
        var spans: [Double] = []
        var start = low
        while start < high {
            starts.append(start)
            spans.append(min(10, high / start) - 1)
            start *= 10
        }
        decades = starts
        self.spans = spans
    }
}
