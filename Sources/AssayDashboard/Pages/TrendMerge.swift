import AssayCore
import AssayStore
import Foundation

/// Merges the store's recorded daily series with the data's trends into chart series.
struct TrendMerge {
    var series: [ScorePoint]
    var trends: [TrendResult]?
    /// The dimension of each check, from the latest run's results (their keys are the trends' keys).
    var dimensions: [CheckKey: AssayCore.Dimension]

    init(series: [ScorePoint], trends: [TrendResult]?, results: [CheckResult]) {
        self.series = series
        self.trends = trends.map { $0.filter { $0.problem == nil && $0.timeColumn != nil } }
        dimensions = Dictionary(results.map { ($0.key, $0.dimension) }, uniquingKeysWith: { first, _ in first })
    }

    /// Per table, the day's mean pass rate (100 × (1 − violation rate)) of its row-level checks of `dimension`, from
    /// the data; and the recorded dimension score (mean over tables); per table recorded scores without trends.
    func dimension(_ dimension: AssayCore.Dimension) -> [ChartSeries] {
        var out: [ChartSeries] = []
        if let trends {
            for trend in trends {
                let keys = Set(trend.checks.map(\.key).filter { dimensions[$0] == dimension })
                guard !keys.isEmpty else { continue }
                let points = trend.points.compactMap { point -> ChartPoint? in
                    guard let at = TrendMerge.date(point.start) else { return nil }
                    let rates = point.checks.filter { keys.contains($0.key) }.compactMap(\.rate)
                    return ChartPoint(at: at, value: rates.isEmpty ? nil : 100 * (1 - rates.reduce(0, +) / Double(rates.count)))
                }
                out.append(ChartSeries(name: trend.table + " (data)", points: points))
            }
            let recorded = mean(byDay: series.compactMap { p in p.dimensions[dimension.rawValue].map { (p.at, $0) } })
            if !recorded.isEmpty { out.append(ChartSeries(name: "recorded \(dimension.rawValue) score (all tables)", points: recorded, style: .dashed)) }
        } else {
            for table in tables {
                let points = series.filter { $0.table == table }.map { ChartPoint(at: $0.at, value: $0.dimensions[dimension.rawValue]) }
                if points.contains(where: { $0.value != nil }) { out.append(ChartSeries(name: table + " (recorded)", points: points)) }
            }
        }
        return out
    }

    func caption(_ dimension: AssayCore.Dimension) -> String {
        trends == nil
            ? "Each table's recorded \(dimension.rawValue) score per day (mean over the day's runs)."
            : "Per table and day, the mean pass rate of its row-level \(dimension.rawValue) checks in the rows dated that day; dashed: the recorded \(dimension.rawValue) score."
    }

    /// Rows dated each day (all tables) from the data; without trends, the rows the runs counted.
    func volume() -> BarChart {
        if let trends, !trends.isEmpty {
            var rows: [Date: Double] = [:]
            for trend in trends {
                for point in trend.points { if let at = TrendMerge.date(point.start) { rows[at, default: 0] += Double(point.rows) } }
            }
            let latest = latestRecordedRows()
            return BarChart(id: "volume", title: "Record volume", unit: "rows",
                            bars: rows.keys.sorted().map { ChartPoint(at: $0, value: rows[$0]) },
                            caption: "Rows dated each day, all tables, from the data." + (latest.map { " The latest run counted \(Format.count(Int($0))) rows." } ?? ""))
        }
        var rows: [Date: Double] = [:]
        for point in series { if let r = point.rows { rows[point.at, default: 0] += Double(r) } }
        return BarChart(id: "volume", title: "Record volume", unit: "rows", bars: rows.keys.sorted().map { ChartPoint(at: $0, value: rows[$0]) },
                        caption: "Rows the runs counted per day, all tables (recorded; mean over the day's runs).")
    }

    func overallScore() -> ChartSeries {
        ChartSeries(name: "overall score (recorded)", points: mean(byDay: series.map { ($0.at, $0.score) }))
    }

    private var tables: [String] {
        var seen: [String] = []
        for point in series where !seen.contains(point.table) { seen.append(point.table) }
        return seen
    }

    private func latestRecordedRows() -> Double? {
        guard let last = series.map(\.at).max() else { return nil }
        let rows = series.filter { $0.at == last }.compactMap(\.rows)
        return rows.isEmpty ? nil : Double(rows.reduce(0, +))
    }

    private func mean(byDay values: [(Date, Double)]) -> [ChartPoint] {
        var sums: [Date: (Double, Double)] = [:]
        for (at, value) in values { sums[at, default: (0, 0)].0 += value; sums[at, default: (0, 0)].1 += 1 }
        return sums.keys.sorted().map { ChartPoint(at: $0, value: sums[$0]!.0 / sums[$0]!.1) }
    }

    /// A trend bucket's start, `2026-11-27` or `2026-11-27T13:00:00Z`, as an instant (UTC).
    static func date(_ start: String) -> Date? {
        let parts = start.split(separator: "T", maxSplits: 1)
        let ymd = parts.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        guard ymd.count == 3 else { return nil }
        var seconds = CivilDateTime(date: CivilDate(year: ymd[0], month: ymd[1], day: ymd[2])).epochSeconds
        if parts.count == 2, let hour = Int(parts[1].prefix(2)) { seconds += Double(hour) * 3600 }
        return Date(timeIntervalSince1970: seconds)
    }
}
