import Assay
import Foundation

/// The dashboard's overview rendered server-side from the store (loader + renderer, recorded history only): the
/// median and worst of `repeats` renderings, and the page's size.
func dashboardOverviewTiming(_ store: any ResultStore, repeats: Int = 20) async throws -> String {
    let loader = DashboardLoader(store: store)
    let renderer = DashboardRenderer(links: .routes(prefix: ""))
    let clock = ContinuousClock()
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<repeats {
        let began = clock.now
        bytes = renderer.overview(try await loader.overview(days: 30)).utf8.count
        times.append((clock.now - began).milliseconds)
    }
    let sorted = times.sorted()
    return "| the dashboard's overview page, 30 days, loaded and rendered, median / max of \(repeats) (ms) | "
        + "\(AssayStoreBench.format(sorted[sorted.count / 2])) / \(AssayStoreBench.format(sorted.last ?? 0)) (\(bytes / 1024) KB) |"
}
