import Assay
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `assay monitor` as a process against a real webhook receiver that misbehaves: 500s then 200 (retried, delivered
/// once under one event id), a 4xx (failed for good: kept in the store, on `/metrics` and on the dashboard's failed
/// alerts, never dropped, not retried after a restart), and one that hangs past the notifier's timeout (retried with
/// the same event id; the runs go on meanwhile). The hang shorter than the timeout is MonitorCommandTests'.
@Suite("assay monitor: webhook faults", .serialized)
struct MonitorWebhookFaultTests {
    /// A duplicated email from the start: the first run opens a CRITICAL incident and queues one alert.
    /// `ASSAY_LOG_LEVEL=error`: without it the monitor logs nothing below `critical`.
    static func start(in dir: TemporaryDirectory, hook: String, name: String = "monitor") async throws -> (MonitorProcess, URL) {
        try MonitorCommandTests.shop(in: dir, duplicated: true)
        let monitor = try MonitorProcess(["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0", "--webhook", hook],
                                         name: name, folder: dir.path, environment: ["ASSAY_LOG_LEVEL": "error"])
        return (monitor, try await monitor.started())
    }

    @Test("HTTP 500 twice, then 200: retried with backoff, the same event id every time, delivered once and marked sent")
    func serverErrorsThenSuccess() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let inbox = WebhookInbox()
        let app = inbox.application { n in n <= 2 ? .internalServerError : .ok }
        try await app.test(.live) { client in
            let (monitor, _) = try await Self.start(in: dir, hook: "http://127.0.0.1:\(try #require(client.port))/hook")
            try await waitFor("three attempts") { inbox.count >= 3 || !monitor.isRunning }
            try await Task.sleep(for: .seconds(2))  // nothing more should come
            #expect(await monitor.stop() && monitor.status == 0, "\(monitor.stderr.suffix(2_000))")
            let posts = inbox.all
            #expect(posts.count == 3, "two 500s and one 200, nothing after it: \(posts.map(\.eventID))")
            #expect(Set(posts.map(\.eventID)).count == 1 && posts.first?.eventID.hasSuffix(":opened") == true, "\(posts.map(\.eventID))")
            #expect(Set(posts.map(\.body)).count == 1, "a retry is the same message")
            if posts.count == 3 {
                let gaps = zip(posts.dropFirst(), posts).map { $0.at.timeIntervalSince($1.at) }
                #expect(gaps.allSatisfy { $0 >= 0.4 }, "retries wait (backoff): \(gaps)")
            }
            let store = try SQLiteStore(path: dir.file("assay.db"))
            let deliveries = try await store.deliveries(incident: nil, status: nil, last: 100)
            #expect(deliveries.count == 1)
            guard case .sent(_, let attempts)? = deliveries.first?.delivery else {
                Issue.record("not sent: \(deliveries.map(\.delivery))")
                return
            }
            #expect(attempts == 3)
        }
    }

    @Test("HTTP 410: failed for good, kept with its reason, on /metrics and the failed alerts page; a restart does not resend it")
    func permanentFailure() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let inbox = WebhookInbox()
        let app = inbox.application { _ in .gone }
        try await app.test(.live) { client in
            let hook = "http://127.0.0.1:\(try #require(client.port))/hook"
            let (monitor, base) = try await Self.start(in: dir, hook: hook)
            try await waitFor("the attempt") { inbox.count >= 1 || !monitor.isRunning }
            let store = try SQLiteStore(path: dir.file("assay.db"))
            try await waitFor("the delivery to be failed") { try await store.outboxSummary().failed == 1 }
            let metrics = try await MonitorProcess.get(base.appendingPathComponent("metrics").absoluteString)
            #expect(metrics.body.contains(#"assay_outbox_deliveries{state="failed"} 1"#), "\(metrics.body.split(separator: "\n").filter { $0.contains("outbox") })")
            let failedPage = try await MonitorProcess.get(base.appendingPathComponent("alerts").absoluteString + "?status=failed")
            #expect(failedPage.status == 200 && failedPage.body.contains("HTTP 410"), "the reason is shown: \(failedPage.body.prefix(500))")
            let incident = try #require(try await store.incidents(status: nil, last: 10).first)
            let page = try await MonitorProcess.get(base.appendingPathComponent("incidents/\(incident.id)").absoluteString)
            #expect(page.status == 200 && page.body.contains("HTTP 410"), "the incident's page shows its failed alert")
            let api = try await MonitorProcess.get(base.appendingPathComponent("api/v1/incidents/\(incident.id)").absoluteString)
            #expect(api.status == 200 && api.body.contains(incident.id))
            #expect(monitor.stderr.contains("alert not delivered") && monitor.stderr.contains("HTTP 410"), "logged: \(monitor.stderr.suffix(2_000))")
            try await Task.sleep(for: .seconds(2))
            #expect(inbox.count == 1, "a permanent failure is not retried: \(inbox.count) posts")
            #expect(await monitor.stop() && monitor.status == 0)

            let again = try MonitorProcess(["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0", "--webhook", hook],
                                           name: "monitor2", folder: dir.path)
            _ = try await again.started()
            try await Task.sleep(for: .seconds(2))
            #expect(await again.stop() && again.status == 0)
            #expect(inbox.count == 1, "not resent after a restart")
            let deliveries = try await store.deliveries(incident: nil, status: .failed, last: 10)
            #expect(deliveries.count == 1, "kept, not dropped")
            guard case .failed(let reason, _, let attempts)? = deliveries.first?.delivery else { return }
            #expect(reason.contains("HTTP 410") && attempts == 1, "\(reason)")
            #expect(!reason.contains(hook), "the URL never shows in the reason")
        }
    }

    @Test("a receiver that hangs past the 10 s timeout: the attempt times out, is retried with the same event id, runs go on")
    func timeoutIsRetried() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let inbox = WebhookInbox()
        let app = inbox.application { n in
            if n == 1 { try await Task.sleep(for: .seconds(14)) }
            return .ok
        }
        try await app.test(.live) { client in
            let (monitor, _) = try await Self.start(in: dir, hook: "http://127.0.0.1:\(try #require(client.port))/hook")
            try await waitFor("the first attempt") { inbox.count >= 1 || !monitor.isRunning }
            let store = try SQLiteStore(path: dir.file("assay.db"))
            let before = try await store.runs(last: 1_000).count
            try await waitFor("the retry", timeout: 20) { inbox.count >= 2 || !monitor.isRunning }
            let during = try await store.runs(last: 1_000).count - before
            #expect(during >= 5, "runs are recorded while the receiver hangs: \(during)")
            try await waitFor("the delivery to be sent") { try await store.outboxSummary().sent == 1 }
            #expect(await monitor.stop(timeout: 20) && monitor.status == 0, "\(monitor.stderr.suffix(2_000))")
            let posts = inbox.all
            #expect(posts.count == 2 && Set(posts.map(\.eventID)).count == 1, "\(posts.map(\.eventID))")
            if posts.count == 2 {
                let gap = posts[1].at.timeIntervalSince(posts[0].at)
                #expect(gap >= 9.5 && gap < 14, "retried after the timeout, not after the receiver answered: \(gap) s")
            }
            guard case .sent(_, let attempts)? = try await store.deliveries(incident: nil, status: nil, last: 10).first?.delivery else {
                Issue.record("not sent")
                return
            }
            #expect(attempts == 2)
        }
    }
}
