import Assay
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The suite's `monitor:` section, end to end with `assay monitor` as a process: routes by severity and tag to an
/// email channel (a real SMTP server) and a signed webhook channel (a real HTTP receiver), a digest route that a quiet
/// run does not reach and a failing one does, a per-table schedule, and the webhook secret from the environment never
/// printed.
@Suite("assay monitor: channels and routes from the suite", .serialized)
struct MonitorRoutesTests {
    @Test("CRITICAL to email and the webhook; a digest route only for a run worth it; a table on its own schedule")
    func routes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write("""
            CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT);
            INSERT INTO customers VALUES (1, 'a@x.example'), (2, 'b@x.example');
            CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);
            INSERT INTO notes VALUES (1, 'x');
            """, at: dir.file("shop.db"))
        let smtp = try await SMTPTestServer.start(in: dir, [])
        defer { smtp.stop() }
        let inbox = WebhookInbox()
        let app = inbox.application { _ in .ok }
        try await app.test(.live) { client in
            try """
                name: shop
                source: sqlite:shop.db
                monitor:
                  every: 1s
                  opens_on: [FAIL, ERROR, WARN]
                  channels:
                    mail: {email: {server: "smtp://127.0.0.1:\(smtp.port)?security=none", from: assay@shop.example, to: [dq@shop.example]}}
                    hook: {webhook: {url: "http://127.0.0.1:\(try #require(client.port))/hook", secret: "${HOOK_SECRET}"}}
                  routes:
                    - {severity: [CRITICAL], channels: [mail, hook], continue: true}
                    - {tags: [chatter], channels: [hook], digest: true}
                tables:
                  customers:
                    checks:
                      - unique: email
                        id: email_unique
                        severity: CRITICAL
                  notes:
                    tags: [chatter]
                    every: 2s
                    checks:
                      - rule: {violation: "length(body) < 2"}
                        id: body_long
                        severity: LOW
                        warn: 0
                        fail: 5
                """.write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
            let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "shop.yml", "--listen", "127.0.0.1:0"],
                                            name: "monitor", folder: dir.path, environment: ["HOOK_SECRET": "hush-hush-secret"])
            try await MonitorCommandTests.waitFor("the monitor to start") { monitor.stdout.contains("Assay monitor: shop") || !monitor.isRunning }
            try await Task.sleep(for: .seconds(3))
            #expect(inbox.all.isEmpty, "the WARN incident of notes: one WARN is not worth a digest: \(inbox.all)")
            #expect(try smtp.messages().isEmpty)

            try TestDatabase.write("INSERT INTO customers VALUES (3, 'a@x.example')", at: dir.file("shop.db"))
            try await MonitorCommandTests.waitFor("the mail") { ((try? smtp.messages()) ?? []).count == 1 }
            try await MonitorCommandTests.waitFor("the webhook") { inbox.all.contains { $0.eventID.hasSuffix(":opened") } }
            let mail = try #require(try smtp.messages().first)
            #expect(mail.parsed.subject == "[CRITICAL] customers: data quality incident" && mail.rcptTos == ["dq@shop.example"])
            let opened = try #require(inbox.all.first { $0.eventID.hasSuffix(":opened") })
            #expect(mail.parsed.messageID.contains(opened.eventID.replacingOccurrences(of: ":", with: ".")), "the Message-ID is the alert's: \(mail.parsed.messageID)")
            #expect(opened.signature?.hasPrefix("sha256=") == true, "signed with the secret from the environment")
            // Notes now FAIL: a run worth a digest, which lists the still-open notes incident.
            try TestDatabase.write("INSERT INTO notes VALUES (2, 'a'), (3, 'b'), (4, 'c'), (5, 'd'), (6, 'e')", at: dir.file("shop.db"))
            try await MonitorCommandTests.waitFor("the digest") { inbox.all.contains { $0.eventID.contains(":digest:") } }
            #expect(try smtp.messages().count == 1, "the LOW notes incident is not mailed")
            #expect(await monitor.stop(timeout: 10) && monitor.status == 0, "\(monitor.stderr)")
            #expect(!(monitor.stdout + monitor.stderr).contains("hush-hush-secret"))
            let store = try SQLiteStore(path: dir.file("assay.db"))
            var tables: Set<Set<String>> = []
            for run in try await store.runs(last: 100) { tables.insert(Set(try await store.run(run.runID).results.map(\.table))) }
            #expect(tables == [["customers"], ["notes"]], "each schedule's job is its own run: \(tables)")
        }
    }
}
