import Assay
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// `assay monitor` as a process against a real webhook receiver: a bad row opens an incident and its alert arrives;
/// fixing the row resolves it with a "resolved" alert; SIGTERM stops it cleanly; a restart does not alert again.
@Suite("assay monitor", .serialized)
struct MonitorCommandTests {
    static func waitFor(_ what: String, timeout: Double = 30, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { Issue.record("timed out waiting for \(what)"); return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// `shop.db` with two customers (the same email twice when `duplicated`) and `shop.yml`, a CRITICAL unique check.
    static func shop(in dir: TemporaryDirectory, duplicated: Bool) throws {
        try TestDatabase.write("""
            CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT);
            INSERT INTO customers VALUES (1, 'a@x.example'), (2, '\(duplicated ? "a" : "b")@x.example');
            """, at: dir.file("shop.db"))
        try """
            name: shop
            source: sqlite:shop.db
            tables:
              customers:
                checks:
                  - unique: email
                    id: email_unique
                    severity: critical
            """.write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
    }

    @Test("a bad row: incident and alert; fixed: resolved alert; SIGTERM exits 0; a restart does not alert again")
    func endToEnd() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.shop(in: dir, duplicated: false)
        let inbox = WebhookInbox()
        let app = inbox.application { _ in .ok }
        try await app.test(.live) { client in
            let hook = "http://127.0.0.1:\(try #require(client.port))/hook"
            let arguments = ["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0", "--webhook", hook]
            let monitor = try ServerProcess(AssayProcess.executable, arguments, name: "monitor", folder: dir.path)
            try await Self.waitFor("the monitor to start") { monitor.stdout.contains("Assay monitor: shop every 1s") || !monitor.isRunning }
            #expect(inbox.all.isEmpty, "clean data: no alert")
            try TestDatabase.write("INSERT INTO customers VALUES (3, 'a@x.example')", at: dir.file("shop.db"))
            try await Self.waitFor("the opened alert") { inbox.all.contains { $0.subject.contains("data quality incident") } }
            #expect(inbox.all.first?.subject == "[CRITICAL] customers: data quality incident")
            try TestDatabase.write("UPDATE customers SET email = 'c@x.example' WHERE customer_id = 3", at: dir.file("shop.db"))
            try await Self.waitFor("the resolved alert") { inbox.all.contains { $0.subject.contains("resolved") } }
            let began = ContinuousClock.now
            #expect(await monitor.stop(timeout: 10), "stops on SIGTERM: \(monitor.stderr)")
            #expect(ContinuousClock.now - began < .seconds(10))
            #expect(monitor.status == 0, "\(monitor.stderr)")
            let ids = inbox.all.map(\.eventID)
            #expect(ids.count == 2 && ids[0].hasSuffix(":opened") && ids[1].hasSuffix(":resolved:0"), "\(ids)")

            // A restart over the same store: the incident is resolved and stays so; nothing is sent again.
            let again = try ServerProcess(AssayProcess.executable, arguments, name: "monitor2", folder: dir.path)
            try await Self.waitFor("the second start") { again.stdout.contains("Assay monitor:") || !again.isRunning }
            try await Task.sleep(for: .seconds(3))
            #expect(await again.stop(timeout: 10) && again.status == 0)
            #expect(inbox.all.count == 2, "no alert repeated after a restart: \(inbox.all.map(\.eventID))")
            let store = try SQLiteStore(path: dir.file("assay.db"))
            let incidents = try await store.incidents(status: nil, last: 10)
            #expect(incidents.count == 1 && incidents.first?.status == .resolved)
            #expect(try await store.outboxSummary().sent == 2)
            #expect(try await store.runs(last: 100).count >= 4, "every run recorded")
            let listed = try await AssayProcess.run(["incidents", "list", "--store", "sqlite:assay.db", "--status", "resolved"], in: dir.path)
            #expect(listed.status == 0 && listed.stdout.contains("customers.email_unique") && listed.stdout.contains("RESOLVED"), "\(listed.stdout)")
            let shown = try await AssayProcess.run(["incidents", "show", try #require(incidents.first?.id), "--store", "sqlite:assay.db"], in: dir.path)
            #expect(shown.status == 0 && shown.stdout.contains(#""status" : "RESOLVED""#), "\(shown.stdout)")
            #expect(try await AssayProcess.run(["incidents", "show", "nope", "--store", "sqlite:assay.db"], in: dir.path).status == 3)
        }
    }

    @Test("a receiver that hangs does not hold up the runs; the alert still arrives once it answers")
    func slowReceiver() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.shop(in: dir, duplicated: true)
        let inbox = WebhookInbox()
        let app = inbox.application { _ in
            try await Task.sleep(for: .seconds(6))
            return .ok
        }
        try await app.test(.live) { client in
            let hook = "http://127.0.0.1:\(try #require(client.port))/hook"
            let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0",
                                                                      "--webhook", hook], name: "monitor", folder: dir.path)
            try await Self.waitFor("the alert to reach the receiver") { !inbox.all.isEmpty || !monitor.isRunning }
            let store = try SQLiteStore(path: dir.file("assay.db"))
            let before = try await store.runs(last: 100).count
            try await Task.sleep(for: .seconds(3))
            let after = try await store.runs(last: 100).count
            #expect(after >= before + 2, "runs go on while the receiver hangs: \(before) -> \(after)")
            #expect(await monitor.stop(timeout: 10) && monitor.status == 0, "\(monitor.stderr)")
        }
    }

    @Test("SIGTERM stops it within 10 s even while every alert is stuck on a receiver that refuses connections")
    func stopsPromptly() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.shop(in: dir, duplicated: true)
        let refused = "http://127.0.0.1:\(try freeLocalPort())/hook"
        let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0",
                                                                  "--webhook", refused], name: "monitor", folder: dir.path)
        try await Self.waitFor("the monitor to start") { monitor.stdout.contains("Assay monitor: shop") || !monitor.isRunning }
        try await Task.sleep(for: .seconds(3))       // the alert has been tried and is waiting for its next attempt
        let began = ContinuousClock.now
        #expect(await monitor.stop(timeout: 15), "\(monitor.stderr)")
        let took = ContinuousClock.now - began
        #expect(took < .seconds(10) && monitor.status == 0, "stopped in \(took), status \(monitor.status)")
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let summary = try await store.outboxSummary()
        #expect(summary.pending + summary.sending == 1 && summary.sent == 0, "the alert is kept for the next start: \(summary)")
    }
}
