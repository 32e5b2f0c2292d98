import Assay
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// `assay monitor` with `remediation: {apply: true}` as a process: a bad row polled is quarantined within seconds,
/// entered in the audit log on its incident; without `apply` it only warns that it will not remediate.
@Suite("assay monitor: automatic remediation", .serialized)
struct MonitorRemediationTests {
    static func suite(apply: Bool) -> String {
        """
        name: payments
        source: sqlite:payments.db
        monitor: {every: 1h}
        remediation: {apply: \(apply), writer: "sqlite:payments.db"}
        tables:
          tx:
            incremental: {column: created_at, poll: 1s}
            checks:
              - rule: {violation: "amount <= 0"}
                id: amount_positive
                severity: CRITICAL
                remediation: quarantine
        """
    }

    @Test("a bad row polled is quarantined within seconds and the move is on its incident; a good row stays")
    func quarantinesPolledRows() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.file("payments.db")
        try TestDatabase.write("""
            CREATE TABLE tx(id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, amount REAL);
            INSERT INTO tx VALUES (1, '2026-01-01 00:00:00', 4);
            """, at: db)
        try Self.suite(apply: true).write(toFile: dir.file("payments.yml"), atomically: true, encoding: .utf8)
        let port = try freeLocalPort()
        let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "payments.yml", "--listen", "127.0.0.1:\(port)"],
                                        name: "monitor", folder: dir.path)
        try await MonitorCommandTests.waitFor("the monitor to start") { monitor.stdout.contains("Assay monitor: payments") || !monitor.isRunning }
        try await Task.sleep(for: .seconds(1))
        let written = Date()
        try TestDatabase.write("INSERT INTO tx VALUES (2, strftime('%Y-%m-%d %H:%M:%f', 'now'), -7); INSERT INTO tx VALUES (3, strftime('%Y-%m-%d %H:%M:%f', 'now'), 8)", at: db)
        func quarantined() throws -> [Int] {
            try DatabaseQueue(path: db).read { db in
                guard try db.tableExists("quarantined_tx") else { return [] }
                return try Int.fetchAll(db, sql: "SELECT id FROM quarantined_tx ORDER BY id")
            }
        }
        try await MonitorCommandTests.waitFor("the bad row in quarantine") { (try? quarantined()) == [2] || !monitor.isRunning }
        let latency = Date().timeIntervalSince(written)
        #expect(latency < 5, "quarantined within seconds of being written (took \(latency) s)")
        let left = try await DatabaseQueue(path: db).read { db in try Int.fetchAll(db, sql: "SELECT id FROM tx ORDER BY id") }
        #expect(left == [1, 3])
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let incident = try #require(try await store.incidents(status: nil, last: 5).first)
        let page = try String(contentsOf: URL(string: "http://127.0.0.1:\(port)/incidents/\(incident.id)")!, encoding: .utf8)
        #expect(page.contains("Remediation (1)") && page.contains("data-remediation=\"quarantine\"") && page.contains("tx → quarantined_tx"),
                "the incident's page shows the move")
        #expect(await monitor.stop(timeout: 10) && monitor.status == 0, "\(monitor.stderr)")

        let actions = try await store.remediations(run: nil, check: nil, incident: incident.id, last: 5)
        #expect(actions.count == 1 && actions.first?.action == .quarantine && actions.first?.rows == 1 && actions.first?.actor == "assay monitor",
                "the move is entered on the incident: \(actions)")
        let shown = try await AssayProcess.run(["incidents", "show", incident.id, "--store", "sqlite:assay.db"], in: dir.path)
        let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let entered = json?["remediations"] as? [[String: Any]]
        #expect(json?["id"] as? String == incident.id && entered?.first?["action"] as? String == "quarantine" && entered?.first?["rows"] as? Int == 1,
                "\(shown.stdout) \(shown.stderr)")
    }

    @Test("automatic remediation without apply: a warning at start, and no row changed")
    func warnsWithoutApply() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.file("payments.db")
        try TestDatabase.write("CREATE TABLE tx(id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, amount REAL); INSERT INTO tx VALUES (1, '2026-01-01 00:00:00', -4);", at: db)
        try Self.suite(apply: false).write(toFile: dir.file("payments.yml"), atomically: true, encoding: .utf8)
        let port = try freeLocalPort()
        let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "payments.yml", "--listen", "127.0.0.1:\(port)"],
                                        name: "monitor", folder: dir.path)
        try await MonitorCommandTests.waitFor("the monitor to start") { monitor.stdout.contains("Assay monitor: payments") || !monitor.isRunning }
        try await Task.sleep(for: .seconds(1.5))
        #expect(await monitor.stop(timeout: 10) && monitor.status == 0)
        #expect(monitor.stderr.contains("1 check has automatic remediation, which the monitor does not apply"), "\(monitor.stderr)")
        let count = try await DatabaseQueue(path: db).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tx") }
        #expect(count == 1)
    }
}
