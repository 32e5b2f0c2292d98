import AssayCore
import AssayStore
import Foundation

/// The overview of a suite: the four panels (completeness and validity trends, record volume, overall score), the
/// scorecard with history, the latest run's failing checks and the recent runs. Built from what the store recorded
/// merged with the data's own trends when they are given (see docs/dashboard.md for where each number comes from).
public struct OverviewPage: Sendable, Hashable {
    public var suite: String
    /// The days the charts cover, up to the latest run.
    public var days: Int
    public var scorecard: ScorecardHistory
    /// The run the scorecard is of: its failing checks, samples and metadata.
    public var latestRun: SuiteResult
    /// The suite's most recent runs, newest first.
    public var recentRuns: [RunSummary]
    /// Every suite with runs (for switching between them).
    public var suites: [SuiteSummary]
    public var completeness: LineChart
    public var validity: LineChart
    public var volume: BarChart
    /// The overall score per day, as recorded.
    public var scoreHistory: LineChart
    /// Why the charts show recorded history only (no suite or source given, or the trends failed); `nil` when they
    /// also show the data's trends.
    public var trendsNote: String?

    /// The overview from the store's scorecard, latest run, recent runs and daily score series, and the data's trends
    /// of the same suite (`nil`: recorded history only, for the reason `trendsNote` gives).
    public init(days: Int, scorecard: ScorecardHistory, latestRun: SuiteResult, recentRuns: [RunSummary], suites: [SuiteSummary],
                series: [ScorePoint], trends: [TrendResult]?, trendsNote: String?) {
        suite = scorecard.suite
        self.days = days
        self.scorecard = scorecard
        self.latestRun = latestRun
        self.recentRuns = recentRuns
        self.suites = suites
        let merge = TrendMerge(series: series, trends: trends, results: latestRun.results)
        completeness = LineChart(id: "completeness", title: "Completeness trend", unit: "%",
                                 series: merge.dimension(.completeness), bounds: 0...100, caption: merge.caption(.completeness))
        validity = LineChart(id: "validity", title: "Validity trend", unit: "%", series: merge.dimension(.validity), bounds: 0...100,
                             caption: merge.caption(.validity))
        volume = merge.volume()
        scoreHistory = LineChart(id: "score-history", title: "Overall quality score per day", unit: "score",
                                 series: [merge.overallScore()], bounds: 0...100,
                                 caption: "The mean of the tables' recorded scores per day (mean over the day's runs).")
        self.trendsNote = trends == nil ? (trendsNote ?? "No suite or source given: the charts show recorded history only.") : trendsNote
    }

    /// The latest run's checks that did not pass, worst first, in suite order within a status.
    public var failingChecks: [CheckResult] {
        latestRun.results.filter { $0.status != .pass }.enumerated()
            .sorted { ($0.element.status, $1.offset) > ($1.element.status, $0.offset) }.map(\.element)
    }
}
