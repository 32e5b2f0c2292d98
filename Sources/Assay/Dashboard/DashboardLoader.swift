import Foundation

/// Reads what each dashboard page needs from a history store, and the data's trends when it has a way to get them.
/// The dashboard server and `assay report --html` both use it.
///
/// ```swift
/// let loader = DashboardLoader(store: try SQLiteStore(path: "assay.db"),
///                              trends: DashboardLoader.trends(of: CheckRequest(config: .file("suite.yml"))))
/// let html = DashboardRenderer(links: .routes(prefix: "")).overview(try await loader.overview(days: 30))
/// ```
public struct DashboardLoader: Sendable {
    /// The data's daily trends of the suite named `suite` over `days` days; `nil` when it has none for that suite.
    public typealias TrendProvider = @Sendable (_ suite: String, _ days: Int) async throws(AssayError) -> [TrendResult]?

    public var store: any ResultStore
    public var trends: TrendProvider?
    /// How many recent runs the overview lists.
    public var recentRunCount = 20

    public init(store: any ResultStore, trends: TrendProvider? = nil) {
        self.store = store
        self.trends = trends
    }

    /// Trends from the request's suite and source, for that suite only (`Assay.trends`, per day).
    public static func trends(of request: CheckRequest) -> TrendProvider {
        { (suite: String, days: Int) throws(AssayError) -> [TrendResult]? in
            guard try Assay.load(request).name == suite else { return nil }
            return try await Assay.trends(request, days: days, bucket: .day)
        }
    }

    /// The overview of `suite` (the suite of the latest run when `nil`) over the `days` up to its latest run.
    /// - Throws: `emptyStore` for a store without runs, `notFound` for a suite without runs, `storeUnavailable`.
    public func overview(suite: String? = nil, days: Int = 30) async throws(DashboardError) -> OverviewPage {
        let card = try await scorecard(suite: suite, days: days)
        let since = card.lastChecked.addingTimeInterval(-Double(days) * 86_400)
        let store = store, count = recentRunCount
        // Independent reads, at the same time (a pool of readers serves them side by side).
        async let latest = attempt { () throws(StoreError) in try await store.run(card.runID) }
        async let series = attempt { () throws(StoreError) in try await store.scoreSeries(suite: card.suite, since: since, bucketSeconds: 86_400) }
        async let recent = attempt { () throws(StoreError) in try await store.runs(last: count * 4) }
        async let suites = attempt { () throws(StoreError) in try await store.suites() }
        async let trends = dataTrends(card.suite, days)
        let (found, note) = await trends
        return OverviewPage(days: days, scorecard: card, latestRun: try await latest.get(), recentRuns: Array(try await recent.get()
                                .filter { $0.suite == card.suite }.prefix(count)),
                            suites: try await suites.get(), series: try await series.get(), trends: found, trendsNote: note)
    }

    /// One table of the suite's latest run.
    /// - Throws: `notFound` when the latest run has no such table.
    public func table(_ name: String, suite: String? = nil, days: Int = 30) async throws(DashboardError) -> TablePage {
        let card = try await scorecard(suite: suite, days: days)
        guard let row = card.tables.first(where: { $0.table == name }) else {
            throw DashboardError(.notFound, "the latest run of suite '\(card.suite)' checked no table '\(name)'"
                                 + Suggestion.hint(for: name, in: card.tables.map(\.table)))
        }
        let since = card.lastChecked.addingTimeInterval(-Double(days) * 86_400)
        let store = store
        async let latest = attempt { () throws(StoreError) in try await store.run(card.runID) }
        async let series = attempt { () throws(StoreError) in try await store.scoreSeries(suite: card.suite, since: since, bucketSeconds: 86_400) }
        async let trends = dataTrends(card.suite, days)
        let (found, note) = await trends
        return TablePage(days: days, scorecard: card, table: row, latestRun: try await latest.get(), series: try await series.get(),
                         trend: found?.first { $0.table == name }, trendsNote: note)
    }

    /// One check: its history over `days` up to the suite's latest run, and its latest result.
    /// - Throws: `notFound` when no run of the suite in that time has the check.
    public func check(_ key: CheckKey, suite: String? = nil, days: Int = 30) async throws(DashboardError) -> CheckPage {
        let card = try await scorecard(suite: suite, days: days)
        let since = card.lastChecked.addingTimeInterval(-Double(days) * 86_400)
        let history = try await read { () throws(StoreError) in try await store.history(of: key, since: since) }
        var run = try await read { () throws(StoreError) in try await store.run(card.runID) }
        if !run.results.contains(where: { $0.key == key }), let last = history.last {
            run = try await read { () throws(StoreError) in try await store.run(last.runID) }
        }
        guard let latest = run.results.first(where: { $0.key == key }) else {
            throw DashboardError(.notFound, "no run of suite '\(card.suite)' in the last \(days) days has a check '\(key)'")
        }
        let (trends, _) = await dataTrends(card.suite, days)
        return CheckPage(suite: card.suite, days: days, latest: latest, latestRunID: run.runID, latestRunStartedAt: run.startedAt,
                         history: history, trend: trends?.first { $0.table == latest.table })
    }

    /// One recorded run.
    /// - Throws: `notFound` for an id that is not a run id or not recorded.
    public func run(_ id: String, days: Int = 30) async throws(DashboardError) -> RunPage {
        guard let runID = RunID(id) else { throw DashboardError(.notFound, "'\(id)' is not a run id") }
        return RunPage(run: try await read { () throws(StoreError) in try await store.run(runID) }, days: days)
    }

    private func scorecard(suite: String?, days: Int) async throws(DashboardError) -> ScorecardHistory {
        guard days >= 1 else { throw DashboardError(.invalidRequest, "days must be at least 1 (got \(days))") }
        do {
            return try await store.scorecard(suite: suite)
        } catch where error.code == .notFound {
            let suites = try await read { () throws(StoreError) in try await store.suites() }
            guard !suites.isEmpty else { throw DashboardError(.emptyStore, "the store has no runs yet: run `assay check` first") }
            let name = suite ?? ""
            throw DashboardError(.notFound, "the store has no run of suite '\(name)'" + Suggestion.hint(for: name, in: suites.map(\.suite))
                                 + " (suites: \(suites.map(\.suite).joined(separator: ", ")))")
        } catch {
            throw DashboardError(error)
        }
    }

    /// The trends, or why there are none: a trend that fails leaves the page with recorded history and a note.
    private func dataTrends(_ suite: String, _ days: Int) async -> ([TrendResult]?, String?) {
        guard let trends else { return (nil, nil) }
        do {
            guard let found = try await trends(suite, days) else {
                return (nil, "The suite given for trends is not '\(suite)': the charts show recorded history only.")
            }
            let problems = found.compactMap { t in t.problem.map { t.table + ": " + $0 } }
            return (found, problems.isEmpty ? nil : "Some tables have no data trend: " + problems.joined(separator: "; "))
        } catch {
            return (nil, "The data's trends could not be read (\(error.description)): the charts show recorded history only.")
        }
    }

    private func read<T>(_ body: () async throws(StoreError) -> T) async throws(DashboardError) -> T {
        do { return try await body() } catch { throw DashboardError(error) }
    }

    /// A store read whose error is kept for later (for reads started together with `async let`).
    private func attempt<T: Sendable>(_ body: @Sendable () async throws(StoreError) -> T) async -> Outcome<T> {
        do { return Outcome(result: .success(try await body())) } catch { return Outcome(result: .failure(DashboardError(error))) }
    }
}

/// A store read's value or its error, as the dashboard reports it.
private struct Outcome<T: Sendable>: Sendable {
    var result: Result<T, DashboardError>

    func get() throws(DashboardError) -> T { try result.get() }
}
