import AssayCore
import AssayStore
import Foundation

/// One table: its score history, its checks in the latest run and the data's trend of each check.
public struct TablePage: Sendable, Hashable {
    public var suite: String
    public var days: Int
    /// The table's row of the scorecard.
    public var scorecard: ScorecardHistory.Table
    public var runID: RunID
    public var runStartedAt: Date
    /// The table's results in the latest run, in suite order.
    public var results: [CheckResult]
    /// The recorded score per day, and the day's lowest score.
    public var scoreHistory: LineChart
    /// Each trended check's violation rate per day from the data; `nil` without trends.
    public var checkTrends: LineChart?
    public var trendsNote: String?

    /// The page from the table's scorecard row, the latest run, its recorded daily series and its data trend.
    public init(days: Int, scorecard card: ScorecardHistory, table: ScorecardHistory.Table, latestRun: SuiteResult,
                series: [ScorePoint], trend: TrendResult?, trendsNote: String?) {
        suite = card.suite
        self.days = days
        scorecard = table
        runID = latestRun.runID
        runStartedAt = latestRun.startedAt
        results = latestRun.results.filter { $0.table == table.table }
        let own = series.filter { $0.table == table.table }
        scoreHistory = LineChart(id: "table-score", title: "Score history", unit: "score", series: [
            ChartSeries(name: "score (mean per day)", points: own.map { ChartPoint(at: $0.at, value: $0.score) }),
            ChartSeries(name: "lowest score of the day", points: own.map { ChartPoint(at: $0.at, value: $0.minimumScore) }, style: .dashed),
        ], bounds: 0...100, caption: "The table's recorded score per day.")
        if let trend, trend.problem == nil, trend.timeColumn != nil {
            let names = Dictionary(trend.checks.map { ($0.key, $0.check) }, uniquingKeysWith: { a, _ in a })
            checkTrends = LineChart(id: "check-trends", title: "Violation rate per check, from the data", unit: "% violating",
                                    series: trend.checks.map { check in
                                        ChartSeries(name: names[check.key] ?? check.key.rawValue, points: trend.points.compactMap { point in
                                            TrendMerge.date(point.start).map { at in
                                                ChartPoint(at: at, value: point.checks.first { $0.key == check.key }?.rate.map { $0 * 100 })
                                            }
                                        })
                                    }, bounds: 0...100,
                                    caption: "Per day, the share of the rows dated that day (by \(trend.timeColumn!)) that each row-level check finds violating.")
            self.trendsNote = trendsNote
        } else {
            checkTrends = nil
            self.trendsNote = trend?.problem ?? trendsNote ?? "No suite or source given: no data trend, recorded history only."
        }
    }
}

/// One check: its recorded history, its latest result and the masked sample of failing rows.
public struct CheckPage: Sendable, Hashable {
    public var suite: String
    public var days: Int
    public var latest: CheckResult
    public var latestRunID: RunID
    public var latestRunStartedAt: Date
    public var history: [HistoryPoint]
    /// The violation rate (or the observed value, for a check that measures one) per run, each point coloured by its
    /// status, with the data's daily rate when there is a trend.
    public var chart: LineChart

    public init(suite: String, days: Int, latest: CheckResult, latestRunID: RunID, latestRunStartedAt: Date, history: [HistoryPoint],
                trend: TrendResult?) {
        self.suite = suite
        self.days = days
        self.latest = latest
        self.latestRunID = latestRunID
        self.latestRunStartedAt = latestRunStartedAt
        self.history = history
        let byRate = history.contains { $0.violationRate != nil }
        var series = [ChartSeries(name: byRate ? "violation rate per run" : "observed value per run", points: history.map {
            ChartPoint(at: $0.startedAt, value: byRate ? $0.violationRate.map { $0 * 100 } : $0.observed, status: $0.status)
        })]
        if byRate, let trend, trend.problem == nil, trend.checks.contains(where: { $0.key == latest.key }) {
            series.append(ChartSeries(name: "violation rate per day, from the data", points: trend.points.compactMap { point in
                TrendMerge.date(point.start).map { ChartPoint(at: $0, value: point.checks.first { $0.key == latest.key }?.rate.map { $0 * 100 }) }
            }, style: .dashed))
        }
        chart = LineChart(id: "check-history", title: byRate ? "Violation rate" : "Observed value", unit: byRate ? "% violating" : "value",
                          series: series, bounds: byRate ? 0...100 : nil,
                          caption: "Each recorded run, coloured by its status (green PASS, amber WARN, red FAIL, purple ERROR).")
    }
}

/// One recorded run, exactly as it was reported.
public struct RunPage: Sendable, Hashable {
    public var run: SuiteResult
    public var days: Int

    public init(run: SuiteResult, days: Int) {
        self.run = run
        self.days = days
    }
}
