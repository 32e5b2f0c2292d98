import Assay
import AssayTestSupport
import Foundation
import Testing

/// The self-contained HTML report and the dashboard's pages, loaded in real headless Chromium.
@Suite("HTML report in Chromium", .serialized)
struct HTMLReportTests {
    @Test("the report of a week of runs: four charts, the store's scorecard, no errors, no requests, fits a phone")
    func report() async throws {
        let fixture = try await DashboardFixture.make()
        defer { fixture.cleanUp() }
        let html = try await Assay.htmlReport(store: fixture.store, days: 30, trends: fixture.trendRequest)
        let path = fixture.directory.file("report.html")
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(html.utf8.count <= 500_000)
        let page = try #require(try await Browser.load([path], screenshots: try Browser.screenshotFolder("report")).first)
        #expect(page.consoleErrors.isEmpty && page.pageErrors.isEmpty && page.dialogs.isEmpty)
        #expect(page.failedRequests.isEmpty, "a self-contained report loads nothing: \(page.failedRequests)")
        #expect(page.scripts == 0)
        #expect(!page.scrollsHorizontallyAt390)
        for id in ["completeness", "validity", "volume", "score"] {
            let chart = try #require(page.charts.first { $0.id == id }, "chart \(id)")
            #expect(chart.hasSVG && !chart.empty && chart.marks > 0, "chart \(id)")
        }
        let completeness = try #require(page.charts.first { $0.id == "completeness" })
        #expect(completeness.series.contains("orders (data)") && completeness.series.contains("customers (data)"))
        #expect(completeness.series.contains { $0.hasPrefix("recorded completeness") }, "trends merged with the recorded history")
        let card = try await fixture.store.scorecard()
        #expect(page.scorecard.map(\.table) == card.tables.map(\.table))
        for (shown, row) in zip(page.scorecard, card.tables) {
            #expect(abs(shown.score - row.score) < 0.006 && shown.status == row.status.rawValue)
        }
        #expect(page.overall.map { abs($0 - card.overallScore) < 0.006 } == true)
        #expect(page.links.allSatisfy { $0.hasPrefix("#") }, "a report links only within itself: \(page.links)")
        #expect(page.text.contains(card.runID.rawValue), "the latest run's metadata")
        #expect(FileManager.default.fileExists(atPath: page.screenshots[0]) && FileManager.default.fileExists(atPath: page.screenshots[1]))
    }

    @Test("a suite, check and data value holding <script>, quotes and </svg> show as text; nothing runs")
    func escaping() async throws {
        let hostile = DashboardFixture.hostile
        let fixture = try await DashboardFixture.make(name: "suite " + hostile, checkID: "check" + hostile)
        defer { fixture.cleanUp() }
        let loader = DashboardLoader(store: fixture.store, trends: DashboardLoader.trends(of: fixture.trendRequest))
        let overview = try await loader.overview()
        let failing = try #require(overview.failingChecks.first { $0.check.hasSuffix(hostile) })
        let server = DashboardRenderer(links: .routes(prefix: ""))
        let pages = [
            ("report.html", DashboardRenderer(links: .anchors).report(overview)),
            ("overview.html", server.overview(overview)),
            ("table.html", server.table(try await loader.table("orders"))),
            ("check.html", server.check(try await loader.check(failing.key))),
            ("run.html", server.run(try await loader.run(overview.latestRun.runID.rawValue))),
        ]
        var paths: [String] = []
        for (name, html) in pages {
            #expect(!html.contains("<script"), "\(name) has no script element")
            let path = fixture.directory.file(name)
            try html.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let loaded = try await Browser.load(paths, screenshots: try Browser.screenshotFolder("escaping"))
        for page in loaded {
            #expect(page.dialogs.isEmpty && page.pageErrors.isEmpty && page.consoleErrors.isEmpty, "\(page.url)")
            #expect(page.scripts == 0, "\(page.url)")
            #expect(page.text.contains(hostile), "\(page.url) shows the value as text")
            #expect(!page.scrollsHorizontallyAt390, "\(page.url)")
        }
        #expect(loaded[0].title.contains(hostile))
        let check = loaded[3]
        #expect(check.charts.contains { $0.id == "check-history" && $0.hasSVG && !$0.empty })
        #expect(Set(loaded[1].charts.filter { $0.hasSVG && !$0.empty }.map(\.id)) == ["completeness", "validity", "volume", "score", "score-history"])
        #expect(loaded[2].charts.contains { $0.id == "table-score" && !$0.empty } && loaded[2].charts.contains { $0.id == "check-trends" && !$0.empty })
        let links = loaded[1].links
        #expect(links.contains { $0.hasPrefix("/checks/") && $0.contains("%3Cscript%3E") }, "path segments are percent-encoded")
        #expect(links.contains("/tables/orders?suite=" + Escape.queryValue("suite " + hostile) + "&days=30"))
    }
}
