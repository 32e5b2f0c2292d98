import Foundation

/// The pure geometry of a chart: its drawing area in the SVG's `viewBox`, and the mapping of times and values into it.
public struct ChartGeometry: Sendable, Hashable {
    /// The `viewBox` size; the SVG scales to its container's width.
    public static let width = 640.0, height = 240.0
    /// Space for the value axis' labels (left) and the time axis' labels (bottom).
    public static let left = 52.0, right = 22.0, top = 24.0, bottom = 30.0

    public var times: ClosedRange<Double>
    public var values: ClosedRange<Double>
    /// The value axis' ticks, lowest first.
    public var ticks: [Double]

    /// The geometry for points spanning `times` (seconds since 1970) and `values`, the value axis rounded out to
    /// nice ticks and kept within `bounds`.
    public init(times: ClosedRange<Double>, values: ClosedRange<Double>, bounds: ClosedRange<Double>? = nil) {
        self.times = times.lowerBound == times.upperBound ? (times.lowerBound - 43_200)...(times.upperBound + 43_200) : times
        let ticks = Self.niceTicks(values.lowerBound, values.upperBound, bounds: bounds)
        self.ticks = ticks
        self.values = ticks.first!...ticks.last!
    }

    /// The x coordinate of an instant.
    public func x(_ seconds: Double) -> Double {
        Self.left + (seconds - times.lowerBound) / (times.upperBound - times.lowerBound) * (Self.width - Self.left - Self.right)
    }

    /// The y coordinate of a value (SVG's y grows downwards).
    public func y(_ value: Double) -> Double {
        let plot = Self.height - Self.top - Self.bottom
        return Self.top + plot - (value - values.lowerBound) / (values.upperBound - values.lowerBound) * plot
    }

    /// Round ticks (steps of 1, 2 or 5 times a power of ten) that cover `low...high`, about five of them; a flat
    /// range is widened around its value, and `bounds` clip the axis.
    public static func niceTicks(_ low: Double, _ high: Double, bounds: ClosedRange<Double>? = nil) -> [Double] {
        var low = low, high = high
        if high - low < 1e-9 {
            let pad = max(abs(low) * 0.05, 1)
            low -= pad
            high += pad
        }
        let raw = (high - low) / 4
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        var start = floor(low / step) * step, end = ceil(high / step) * step
        if let bounds {
            start = max(start, bounds.lowerBound)
            end = min(end, bounds.upperBound)
        }
        var ticks: [Double] = []
        var tick = start
        while tick <= end + step * 1e-6 {
            ticks.append((tick / step).rounded() * step)
            tick += step
        }
        if ticks.count < 2 { ticks = [start, end == start ? start + step : end] }
        return ticks
    }

    /// About `count` instants evenly spread over the time axis, for its labels.
    public func timeTicks(count: Int = 5) -> [Double] {
        guard count > 1 else { return [times.lowerBound] }
        return (0..<count).map { times.lowerBound + Double($0) * (times.upperBound - times.lowerBound) / Double(count - 1) }
    }
}
