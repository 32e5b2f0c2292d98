import AssayCore
import Foundation

/// One line of a line chart: points in time order; a `nil` value is a gap.
public struct ChartSeries: Sendable, Hashable {
    public enum Style: String, Sendable, Hashable { case solid, dashed }
    public var name: String
    public var points: [ChartPoint]
    public var style: Style

    public init(name: String, points: [ChartPoint], style: Style = .solid) {
        self.name = name
        self.points = points
        self.style = style
    }
}

/// A point of a chart: when, the value, and optionally the check status it stood for (coloured so).
public struct ChartPoint: Sendable, Hashable {
    public var at: Date
    public var value: Double?
    public var status: CheckStatus?

    public init(at: Date, value: Double?, status: CheckStatus? = nil) {
        self.at = at
        self.value = value
        self.status = status
    }
}

/// A line chart: its hook for tests (`data-chart`), title, the unit of its values and its lines.
public struct LineChart: Sendable, Hashable {
    public var id: String
    public var title: String
    public var unit: String
    public var series: [ChartSeries]
    /// The value axis is never drawn beyond these bounds (a percentage stays within 0...100).
    public var bounds: ClosedRange<Double>?
    /// What the chart shows, under its title.
    public var caption: String?

    public init(id: String, title: String, unit: String, series: [ChartSeries], bounds: ClosedRange<Double>? = nil, caption: String? = nil) {
        self.id = id
        self.title = title
        self.unit = unit
        self.series = series
        self.bounds = bounds
        self.caption = caption
    }
}

/// A bar chart: one bar per point in time.
public struct BarChart: Sendable, Hashable {
    public var id: String
    public var title: String
    public var unit: String
    public var bars: [ChartPoint]
    public var caption: String?

    public init(id: String, title: String, unit: String, bars: [ChartPoint], caption: String? = nil) {
        self.id = id
        self.title = title
        self.unit = unit
        self.bars = bars
        self.caption = caption
    }
}
