import Assay
import AssayTestSupport
import Foundation
import Testing

/// What the dashboard loader reads from a store, and its errors.
@Suite("Dashboard loader")
struct DashboardLoaderTests {
    @Test("the overview merges the data's trends with the recorded daily series")
    func overview() async throws {
        let fixture = try await DashboardFixture.make(runsPerDay: 2)
        defer { fixture.cleanUp() }
        let loader = DashboardLoader(store: fixture.store, trends: DashboardLoader.trends(of: fixture.trendRequest))
        let page = try await loader.overview(days: 30)
        #expect(page.trendsNote == nil)
        #expect(page.scorecard == (try await fixture.store.scorecard()))
        #expect(page.recentRuns.count == 14)
        let recorded = try #require(page.completeness.series.first { $0.style == .dashed })
        #expect(recorded.points.count == 7, "one point per day, the day's two runs averaged")
        let orders = try #require(page.completeness.series.first { $0.name == "orders (data)" })
        // Day d has d of its 20 order emails NULL: a pass rate of 100 × (1 − d/20) on the rows dated that day.
        let byDay = Dictionary(orders.points.compactMap { p in p.value.map { (p.at, $0) } }, uniquingKeysWith: { a, _ in a })
        for day in 0..<7 {
            let at = Date(timeIntervalSince1970: CivilDateTime(date: DashboardFixture.firstDay.adding(days: day)).epochSeconds)
            #expect(byDay[at].map { abs($0 - 100 * (1 - Double(day) / 20)) < 1e-9 } == true, "day \(day): \(String(describing: byDay[at]))")
        }
        #expect(page.volume.bars.compactMap(\.value).reduce(0, +) == 7 * 40, "rows dated each day, both tables")
        #expect(page.failingChecks.allSatisfy { $0.status != .pass } && !page.failingChecks.isEmpty)
    }

    @Test("without trends the charts draw the recorded history, and the page says so")
    func recordedOnly() async throws {
        let fixture = try await DashboardFixture.make()
        defer { fixture.cleanUp() }
        let page = try await DashboardLoader(store: fixture.store).overview(days: 30)
        #expect(page.trendsNote?.contains("recorded history only") == true)
        #expect(page.completeness.series.map(\.name).sorted() == ["customers (recorded)", "orders (recorded)"])
        #expect(page.volume.bars.count == 7)
        #expect(DashboardRenderer(links: .anchors).report(page).contains("recorded history only"))
    }

    @Test("unknown tables, checks, runs and suites are notFound; an empty store says so")
    func errors() async throws {
        let fixture = try await DashboardFixture.make()
        defer { fixture.cleanUp() }
        let loader = DashboardLoader(store: fixture.store)
        await #expect { try await loader.table("nope") } throws: { ($0 as? DashboardError)?.code == .notFound }
        await #expect { try await loader.check(CheckKey("orders.nope")) } throws: { ($0 as? DashboardError)?.code == .notFound }
        await #expect { try await loader.run("not-a-run") } throws: { ($0 as? DashboardError)?.code == .notFound }
        await #expect { try await loader.run(RunID(startingAt: Date()).rawValue) } throws: { ($0 as? DashboardError)?.code == .notFound }
        await #expect { try await loader.overview(suite: "shp") } throws: {
            ($0 as? DashboardError)?.code == .notFound && "\($0)".contains("shop")
        }
        await #expect { try await loader.overview(days: 0) } throws: { ($0 as? DashboardError)?.code == .invalidRequest }
        let empty = try SQLiteStore(path: fixture.directory.file("empty.db"))
        await #expect { try await DashboardLoader(store: empty).overview() } throws: { ($0 as? DashboardError)?.code == .emptyStore }
    }

    @Test("assay report --html writes the report; a missing store is exit 3")
    func command() async throws {
        let fixture = try await DashboardFixture.make()
        defer { fixture.cleanUp() }
        let file = fixture.directory.file("out.html")
        let ok = try await AssayProcess.run(async: ["report", "--html", file, "--store", fixture.storeURL, "--days", "14"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("data-chart=\"completeness\"") && html.contains("data-scorecard-row=\"orders\""))
        let missing = try await AssayProcess.run(async: ["report", "--html", file, "--store", "sqlite:" + fixture.directory.file("none.db")])
        #expect(missing.status == 3 && missing.stderr.contains("no store"))
    }
}
