import Assay
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `assay monitor` polling an incremental table as a process: a bad row written now is alerted within seconds with
/// its detection time, good rows resolve the incident, the watermark survives a restart (no row checked twice, no
/// repeat alert), the scheduled run is recorded while polls are not, and `/metrics` shows the polls.
@Suite("assay monitor: incremental polls", .serialized)
struct MonitorIncrementalTests {
    static let suite = """
        name: payments
        source: sqlite:payments.db
        monitor: {every: 1h}
        tables:
          tx:
            incremental: {column: created_at, poll: 1s}
            checks:
              - rule: {violation: "amount <= 0"}
                id: amount_positive
                severity: CRITICAL
              - unique: reference
                id: reference_unique
        """

    static func insert(_ id: Int, amount: Double, in dir: TemporaryDirectory) throws {
        try TestDatabase.write("INSERT INTO tx VALUES (\(id), strftime('%Y-%m-%d %H:%M:%f', 'now'), \(amount), 'ref-\(id)')",
                               at: dir.file("payments.db"))
    }

    @Test("a bad row alerted within seconds; good rows resolve it; a restart resumes from the stored watermark")
    func pollsEndToEnd() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write("""
            CREATE TABLE tx(id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, amount REAL, reference TEXT);
            INSERT INTO tx VALUES (1, '2026-01-01 00:00:00', -3, 'ref-1');
            """, at: dir.file("payments.db"))
        try Self.suite.write(toFile: dir.file("payments.yml"), atomically: true, encoding: .utf8)
        let plan = try await AssayProcess.run(["plan", "--config", "payments.yml"], in: dir.path)
        #expect(plan.stdout.contains("-- incremental: polled every 1s on created_at (rows told apart by id)"), "\(plan.stdout)")
        #expect(plan.stdout.contains("on the table's schedule, over all its rows: reference_unique"), "\(plan.stdout)")

        let inbox = WebhookInbox()
        let app = inbox.application { _ in .ok }
        try await app.test(.live) { client in
            let hook = "http://127.0.0.1:\(try #require(client.port))/hook"
            let port = try freeLocalPort()
            let arguments = ["monitor", "--config", "payments.yml", "--listen", "127.0.0.1:\(port)", "--webhook", hook]
            let monitor = try ServerProcess(AssayProcess.executable, arguments, name: "monitor", folder: dir.path)
            try await MonitorCommandTests.waitFor("the monitor to start") { monitor.stdout.contains("Assay monitor: payments") || !monitor.isRunning }
            try await Task.sleep(for: .seconds(2))
            #expect(inbox.all.isEmpty, "the old bad row is the scheduled run's (recorded), not a poll's: \(inbox.all)")

            let written = Date()
            try Self.insert(2, amount: 10, in: dir)
            try Self.insert(3, amount: -1, in: dir)
            try await MonitorCommandTests.waitFor("the opened alert") { inbox.all.contains { $0.eventID.hasSuffix(":opened") } }
            let latency = Date().timeIntervalSince(written)
            #expect(latency < 5, "a bad row is alerted within seconds (took \(latency) s)")
            #expect(inbox.all.first?.subject == "[CRITICAL] tx: data quality incident", "\(inbox.all)")
            let store = try SQLiteStore(path: dir.file("assay.db"))
            let incident = try #require(try await store.incidents(status: .open, last: 5).first)
            #expect(incident.check.rawValue == "tx.amount_positive" && incident.affectedRecords == 1)
            let detection = try #require(incident.detectionSeconds)
            #expect(detection >= 0 && detection < 5, "detection timed from the bad row's created_at: \(detection) s")

            try Self.insert(4, amount: 5, in: dir)
            try await MonitorCommandTests.waitFor("the resolved alert") { inbox.all.contains { $0.eventID.contains(":resolved") } }
            let metrics = try String(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!, encoding: .utf8)
            #expect(metrics.contains("assay_monitor_rows_checked_total{table=\"tx\"} 3"), "rows 2, 3 and 4")
            #expect(metrics.contains("assay_monitor_poll_rows_count{table=\"tx\"}") && metrics.contains("assay_monitor_alerts_total{channel=\"webhook\",outcome=\"sent\"}"))
            #expect(metrics.contains("# HELP assay_monitor_watermark_lag_seconds"))
            #expect(await monitor.stop(timeout: 10) && monitor.status == 0, "\(monitor.stderr)")
            let watermark = try #require(try await store.watermark(suite: "payments", table: "tx"))
            #expect(watermark.rowsChecked == 3)
            #expect(try await store.runs(last: 100).count == 1, "the scheduled run is recorded; the polls are not")

            // A restart: nothing old is checked again, nothing is alerted again; a new good row is polled.
            let again = try ServerProcess(AssayProcess.executable, arguments, name: "monitor2", folder: dir.path)
            try await MonitorCommandTests.waitFor("the second start") { again.stdout.contains("Assay monitor:") || !again.isRunning }
            try Self.insert(5, amount: 1, in: dir)
            let deadline = Date().addingTimeInterval(10)
            while (try await store.watermark(suite: "payments", table: "tx"))?.rowsChecked ?? 0 < 4, Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(await again.stop(timeout: 10) && again.status == 0, "\(again.stderr)")
            #expect(try await store.watermark(suite: "payments", table: "tx")?.rowsChecked == 4, "row 5 only")
            #expect(inbox.all.count == 2, "opened and resolved, nothing repeated: \(inbox.all.map(\.eventID))")
        }
    }
}
