extension Assay {
    /// The self-contained HTML report of a store: the four panels, the scorecard, the failing checks with their
    /// masked samples and the latest run's metadata, in one file with no external resources.
    /// - Parameters:
    ///   - store: the history store.
    ///   - suite: the suite (the suite of the latest run when `nil`).
    ///   - days: the days the charts cover, up to the latest run.
    ///   - trends: the suite and source whose data trends the charts merge in (`nil`: recorded history only).
    /// - Throws: ``DashboardError`` (`emptyStore`, `notFound`, `storeUnavailable`, `invalidRequest`).
    public static func htmlReport(store: any ResultStore, suite: String? = nil, days: Int = 30,
                                  trends: CheckRequest? = nil) async throws(DashboardError) -> String {
        let loader = DashboardLoader(store: store, trends: trends.map(DashboardLoader.trends(of:)))
        return DashboardRenderer(links: .anchors).report(try await loader.overview(suite: suite, days: days))
    }
}
