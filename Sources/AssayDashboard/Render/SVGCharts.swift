import AssayCore
import Foundation

/// Draws the charts as inline SVG that scales with its container (`viewBox`), with a legend in HTML below it.
enum SVGCharts {
    static let palette = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626",
                          "#4b5563", "#c026d3"]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    static func statusColor(_ status: CheckStatus) -> String {
        switch status {
        case .pass: "#059669"
        case .warn: "#d97706"
        case .fail: "#dc2626"
        default: "#6b21a8"
        }
    }

    /// A figure with a title, the line chart and its legend; an empty chart says so instead of drawing axes.
    static func line(_ chart: LineChart) -> HTML {
        let values = chart.series.flatMap { $0.points.compactMap(\.value) }
        let times = chart.series.flatMap { $0.points.filter { $0.value != nil }.map(\.at.timeIntervalSince1970) }
        guard let low = values.min(), let high = values.max(), let first = times.min(), let last = times.max() else {
            return figure(chart.id, chart.title, chart.caption, .element("p", [.class("empty")], [.text("No data to draw yet.")]))
        }
        let geometry = ChartGeometry(times: first...last, values: low...high, bounds: chart.bounds)
        var marks: [HTML] = axes(geometry, unit: chart.unit)
        for (index, series) in chart.series.enumerated() {
            marks.append(contentsOf: lines(series, geometry, color: color(index), unit: chart.unit))
        }
        let legend = HTML.element("ul", [.class("legend")], chart.series.enumerated().map { index, series in
            .element("li", [Attribute("data-series", series.name)], [
                .element("span", [.class("swatch " + series.style.rawValue), Attribute("style", "border-color:" + color(index))]),
                .text(series.name),
            ])
        })
        return figure(chart.id, chart.title, chart.caption, .join([svg(chart.title, marks), legend]))
    }

    /// A figure with a bar per point.
    static func bars(_ chart: BarChart) -> HTML {
        let drawn = chart.bars.filter { $0.value != nil }
        guard let high = drawn.compactMap(\.value).max(), let first = drawn.first?.at, let last = drawn.last?.at else {
            return figure(chart.id, chart.title, chart.caption, .element("p", [.class("empty")], [.text("No data to draw yet.")]))
        }
        let pad = 43_200.0
        let geometry = ChartGeometry(times: (first.timeIntervalSince1970 - pad)...(last.timeIntervalSince1970 + pad),
                                     values: 0...max(high, 1), bounds: 0...Double.infinity)
        let slot = drawn.count > 1 ? (geometry.x(last.timeIntervalSince1970) - geometry.x(first.timeIntervalSince1970)) / Double(drawn.count - 1) : 40
        let width = max(1, min(40, slot * 0.7))
        var marks = axes(geometry, unit: chart.unit)
        for bar in drawn {
            let x = geometry.x(bar.at.timeIntervalSince1970), top = geometry.y(bar.value!), base = geometry.y(geometry.values.lowerBound)
            marks.append(.element("rect", [Attribute("x", n(x - width / 2)), Attribute("y", n(top)), Attribute("width", n(width)),
                                           Attribute("height", n(max(0, base - top))), Attribute("fill", color(0)), Attribute("data-value", n(bar.value!))], [
                .element("title", [], [.text(Format.day(bar.at.timeIntervalSince1970) + ": " + Format.count(Int(bar.value!)) + " " + chart.unit)]),
            ]))
        }
        return figure(chart.id, chart.title, chart.caption, svg(chart.title, marks))
    }

    /// The score as a big number on a half-ring gauge coloured by health band.
    static func gauge(id: String, title: String, score: Double, status: HealthStatus, caption: String?) -> HTML {
        let fraction = min(max(score / 100, 0), 1)
        let angle = Double.pi * (1 - fraction)
        let cx = 100.0, cy = 100.0, r = 80.0
        let end = (x: cx + r * cos(angle), y: cy - r * sin(angle))
        let colour = status == .healthy ? "#059669" : status == .atRisk ? "#d97706" : "#dc2626"
        let marks: [HTML] = [
            .element("path", [Attribute("d", "M 20 100 A 80 80 0 0 1 180 100"), Attribute("class", "gauge-track")]),
            .element("path", [Attribute("d", "M 20 100 A 80 80 0 0 1 \(n(end.x)) \(n(end.y))"), Attribute("stroke", colour),
                              Attribute("class", "gauge-value")]),
            .element("text", [Attribute("x", "100"), Attribute("y", "92"), Attribute("class", "gauge-number")], [.text(Format.score(score))]),
            .element("text", [Attribute("x", "100"), Attribute("y", "116"), Attribute("class", "gauge-label")], [.text(status.rawValue)]),
        ]
        let picture = HTML.element("svg", [Attribute("viewBox", "0 0 200 124"), Attribute("role", "img"),
                                           Attribute("aria-label", title + ": " + Format.score(score)), Attribute("class", "gauge")], [
            .element("title", [], [.text(title + ": " + Format.score(score))]),
        ] + marks)
        return figure(id, title, caption, picture, score: score)
    }

    private static func figure(_ id: String, _ title: String, _ caption: String?, _ body: HTML, score: Double? = nil) -> HTML {
        .element("figure", [.class("panel"), Attribute("data-chart", id), Attribute("data-score", score.map { n($0) })], [
            .element("h3", [], [.text(title)]),
            caption.map { .element("p", [.class("caption")], [.text($0)]) } ?? .empty,
            body,
        ])
    }

    private static func svg(_ title: String, _ marks: [HTML]) -> HTML {
        .element("svg", [Attribute("viewBox", "0 0 \(n(ChartGeometry.width)) \(n(ChartGeometry.height))"), Attribute("role", "img"),
                         Attribute("aria-label", title), Attribute("preserveAspectRatio", "xMidYMid meet")],
                 [.element("title", [], [.text(title)])] + marks)
    }

    private static func axes(_ g: ChartGeometry, unit: String) -> [HTML] {
        var marks: [HTML] = []
        let x0 = ChartGeometry.left, x1 = ChartGeometry.width - ChartGeometry.right
        for tick in g.ticks {
            let y = g.y(tick)
            marks.append(.element("line", [Attribute("x1", n(x0)), Attribute("x2", n(x1)), Attribute("y1", n(y)), Attribute("y2", n(y)), .class("grid")]))
            marks.append(.element("text", [Attribute("x", n(x0 - 6)), Attribute("y", n(y + 4)), .class("ylabel")], [.text(Format.axis(tick))]))
        }
        let base = ChartGeometry.height - ChartGeometry.bottom
        marks.append(.element("line", [Attribute("x1", n(x0)), Attribute("x2", n(x1)), Attribute("y1", n(base)), Attribute("y2", n(base)), .class("axis")]))
        for tick in g.timeTicks() {
            marks.append(.element("text", [Attribute("x", n(g.x(tick))), Attribute("y", n(base + 16)), .class("xlabel")], [.text(Format.shortDay(tick))]))
        }
        marks.append(.element("text", [Attribute("x", n(x0)), Attribute("y", "12"), .class("unit")], [.text(unit)]))
        return marks
    }

    /// The series as polylines broken at gaps, with a dot per point when there are few, and always at a point
    /// whose status is not PASS.
    private static func lines(_ series: ChartSeries, _ g: ChartGeometry, color: String, unit: String) -> [HTML] {
        var marks: [HTML] = []
        var run: [String] = []
        func flush() {
            if run.count > 1 {
                marks.append(.element("polyline", [Attribute("points", run.joined(separator: " ")), Attribute("stroke", color),
                                                   .class("line " + series.style.rawValue)]))
            }
            run = []
        }
        for point in series.points {
            guard let value = point.value else { flush(); continue }
            run.append(n(g.x(point.at.timeIntervalSince1970)) + "," + n(g.y(value)))
        }
        flush()
        let dots = series.points.count <= 120
        for point in series.points {
            guard let value = point.value, dots || (point.status.map { $0 != .pass } ?? false) else { continue }
            let fill = point.status.map(statusColor) ?? color
            marks.append(.element("circle", [Attribute("cx", n(g.x(point.at.timeIntervalSince1970))), Attribute("cy", n(g.y(value))),
                                             Attribute("r", "3"), Attribute("fill", fill), Attribute("data-status", point.status?.rawValue)], [
                .element("title", [], [.text(series.name + " · " + Format.instant(point.at) + ": " + Format.number(value, digits: 3) + " " + unit
                                             + (point.status.map { " (" + $0.rawValue + ")" } ?? ""))]),
            ]))
        }
        return marks
    }

    /// A coordinate with at most two decimals.
    static func n(_ value: Double) -> String { Format.number(value, digits: 2) }
}
