import Assay
import AssayMonitorCore
import AssayTestSupport
import Foundation
import Testing

/// `/incidents` and `/incidents/{id}` of a running `assay monitor` in headless Chromium, at 1280×800 and 390×844
/// (screenshots in .build/screenshots/incidents): no console errors, no failed requests, the incident shown, the
/// buttons that act on it present, and no sideways scrolling on a phone.
@Suite("The incident pages in a browser", .serialized)
struct IncidentPagesBrowserTests {
    @Test("a monitor's incident list and incident page load cleanly in Chromium, with the buttons")
    func incidentPages() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try MonitorCommandTests.shop(in: dir, duplicated: true)
        let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0"],
                                        name: "monitor", folder: dir.path)
        defer { monitor.stop() }
        var base = ""
        try await MonitorCommandTests.waitFor("the monitor to listen") {
            if let range = monitor.stdout.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) { base = String(monitor.stdout[range]) }
            return !base.isEmpty || !monitor.isRunning
        }
        #expect(!base.isEmpty, "\(monitor.stderr)")
        let store = try SQLiteStore(path: dir.file("assay.db"))
        var open: [Incident] = []
        try await IncidentCommandsCLITests.until("an incident") {
            open = (try? await store.incidents(status: .open, last: 5)) ?? []
            return !open.isEmpty
        }
        let incident = try #require(open.first)

        let pages = try await Browser.load([base + "incidents", base + "incidents/" + incident.id],
                                           screenshots: try Browser.screenshotFolder("incidents"))
        #expect(pages.count == 2)
        for page in pages {
            #expect(page.status == 200, "\(page.url)")
            #expect(page.consoleErrors.isEmpty && page.pageErrors.isEmpty && page.dialogs.isEmpty, "\(page.url): \(page.consoleErrors) \(page.pageErrors)")
            #expect(page.failedRequests.isEmpty, "\(page.url): \(page.failedRequests)")
            #expect(page.scripts == 0, "no JavaScript")
            #expect(!page.scrollsHorizontallyAt390, "\(page.url) fits a 390 px phone")
            #expect(page.text.contains(incident.check.rawValue), "\(page.url)")
        }
        #expect(pages[0].text.contains(incident.id) && pages[0].links.contains { $0.hasSuffix("/incidents/" + incident.id) }, "\(pages[0].links)")
        for button in ["Acknowledge", "Resolve", "Suppress"] { #expect(pages[1].text.contains(button), "\(button) button") }
        #expect(pages[1].text.contains("Timeline") && pages[1].text.contains("OPEN"))
        #expect(await monitor.stop(timeout: 20) && monitor.status == 0, "\(monitor.stderr)")
    }
}
