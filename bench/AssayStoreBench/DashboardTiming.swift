import Assay
import Foundation

/// The dashboard's overview rendered server-side from the store (loader + renderer, recorded history only): the
/// median and worst of `repeats` renderings, the page's size, and the median of each store read it makes.
func dashboardOverviewTiming(_ store: any ResultStore, repeats: Int = 20) async throws -> String {
    let loader = DashboardLoader(store: store)
    let renderer = DashboardRenderer(links: .routes(prefix: ""))
    let clock = ContinuousClock()
    func median(_ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let began = clock.now
            try await body()
            times.append((clock.now - began).milliseconds)
        }
        return AssayStoreBench.median(times)
    }
    var bytes = 0, worst = 0.0
    let whole = try await median {
        let began = clock.now
        bytes = renderer.overview(try await loader.overview(days: 30)).utf8.count
        worst = max(worst, (clock.now - began).milliseconds)
    }
    let card = try await store.scorecard()
    let since = card.lastChecked.addingTimeInterval(-30 * 86_400)
    let parts = [
        ("scorecard", try await median { _ = try await store.scorecard() }),
        ("latest run", try await median { _ = try await store.run(card.runID) }),
        ("30-day daily score series", try await median { _ = try await store.scoreSeries(suite: card.suite, since: since, bucketSeconds: 86_400) }),
        ("recent runs", try await median { _ = try await store.runs(last: 80) }),
        ("suites", try await median { _ = try await store.suites() }),
    ]
    let page = try await loader.overview(days: 30)
    let render = try await median { _ = renderer.overview(page) }
    return "| the dashboard's overview page, 30 days, loaded and rendered, median / max of \(repeats) (ms) | "
        + "\(AssayStoreBench.format(whole)) / \(AssayStoreBench.format(worst)) (\(bytes / 1024) KB) |\n"
        + parts.map { "| … of which the store's \($0.0) (ms) | \(AssayStoreBench.format($0.1)) |" }.joined(separator: "\n")
        + "\n| … and rendering it (ms) | \(AssayStoreBench.format(render)) |"
}
