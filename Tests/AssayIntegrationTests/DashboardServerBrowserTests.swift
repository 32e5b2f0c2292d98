import Assay
import AssayTestSupport
import Foundation
import Testing

/// The acceptance path from a fresh clone: `assay demo`, then the `assay serve` command it prints, loaded in
/// headless Chromium: the overview, a table page, a check page and a run page, with screenshots at 1280×800 and
/// 390×844 kept in .build/screenshots/dashboard; no console errors, no failed requests, the charts drawn, the scorecard rows the store's.
@Suite("The dashboard in a browser")
struct DashboardServerBrowserTests {
    @Test("assay demo, then its printed assay serve command, shows the dashboard in Chromium")
    func demoDashboard() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let demo = try await AssayProcess.run(async: ["demo", "--scale", "1", "--dir", "demo"], in: dir.path)
        #expect(demo.status == 0, "\(demo.stderr)")
        // The line the demo prints, as a user would paste it (`swift run assay serve ...` or `assay serve ...`).
        let line = try #require(demo.stdout.split(separator: "\n").first { $0.contains("The dashboard:") })
        let command = try #require(line.components(separatedBy: "serve ").dropFirst().first?.components(separatedBy: "   ").first)
        let arguments = command.split(separator: " ").map(String.init)
        #expect(arguments == ["--config", "demo/financeflow.yml"], "\(line)")
        let (server, base) = try await ServerProcess.serve(arguments, folder: dir.path)
        defer { server.stop() }

        let store = try SQLiteStore(path: dir.file("demo/assay.db"))
        let card = try await store.scorecard()
        let run = try #require(try await store.runs(last: 1).first)
        let check = "customers.c_email_unique"
        let urls = ["", "tables/customers", "checks/\(check)", "runs/\(run.runID)"].map { base.absoluteString + $0 }
        let pages = try await Browser.load(urls, screenshots: try Browser.screenshotFolder("dashboard"))
        #expect(pages.count == 4)
        for page in pages {
            #expect(page.status == 200, "\(page.url)")
            #expect(page.consoleErrors.isEmpty && page.pageErrors.isEmpty, "\(page.url): \(page.consoleErrors) \(page.pageErrors)")
            #expect(page.failedRequests.isEmpty, "\(page.url): \(page.failedRequests)")
            #expect(!page.scrollsHorizontallyAt390, "\(page.url) fits a 390 px phone")
            #expect(page.screenshots.count == 2 && page.screenshots.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        }
        let overview = pages[0]
        for id in ["completeness", "validity", "volume", "score"] {
            let chart = try #require(overview.charts.first { $0.id == id }, "chart \(id)")
            #expect(chart.hasSVG && !chart.empty && chart.marks > 0, "chart \(id)")
        }
        // The demo's data spans 30 days: the trend panels carry the data's own series as well as the recorded one.
        let completeness = try #require(overview.charts.first { $0.id == "completeness" })
        #expect(completeness.series.contains("customers (data)"), "\(completeness.series)")
        #expect(completeness.series.contains { $0.hasPrefix("recorded completeness") }, "\(completeness.series)")
        #expect(overview.scorecard.map(\.table) == card.tables.map(\.table))
        for (shown, row) in zip(overview.scorecard, card.tables) {
            #expect(abs(shown.score - row.score) < 0.006 && shown.status == row.status.rawValue, "\(row.table)")
        }
        #expect(overview.overall.map { abs($0 - card.overallScore) < 0.006 } == true)
        #expect(overview.links.contains("/tables/customers?suite=financeflow-demo&days=30"), "\(overview.links.prefix(10))")
        #expect(pages[1].charts.contains { $0.id == "table-score" && $0.hasSVG })
        #expect(pages[2].charts.contains { $0.id == "check-history" && $0.hasSVG && !$0.empty })
        #expect(pages[2].text.contains(check))
        #expect(pages[3].text.contains(run.runID.rawValue))
    }
}
