import Assay
import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Testing

/// Incidents carry their blast radius through the real `assay monitor`: the alert (webhook JSON and text, and the
/// mail) names what the table feeds and the regulatory reports at risk, an email channel with
/// `to_downstream_owners` also mails the owners, and the monitor's own dashboard links the incident to the lineage
/// page and takes OpenLineage events.
@Suite("Lineage in the monitor: blast radius in incidents and alerts, mail to downstream owners", .serialized)
struct LineageMonitorTests {
    static func post(_ url: String, _ body: String, type: String = "application/json") async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue(type, forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(for: URLRequest(url: URL(string: url)!, timeoutInterval: 10))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static let event = #"{"eventType": "COMPLETE", "eventTime": "2026-12-01T10:00:00Z", "producer": "https://example.com/etl", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", "run": {"runId": "0193a7c2-5f1e-7d3a-9c41-2b8e6f0a1d55"}, "job": {"namespace": "etl", "name": "sar"}, "inputs": [{"namespace": "db", "name": "public.transactions"}], "outputs": [{"namespace": "db", "name": "public.sar_filing", "facets": {"ownership": {"owners": [{"name": "crime@bank.example"}]}}}]}"#

    @Test("a failing check opens an incident with its blast radius; the alert names it; the owners are mailed; the page links it")
    func blastRadius() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write("""
            CREATE TABLE transactions(id INTEGER PRIMARY KEY, amount REAL);
            INSERT INTO transactions VALUES (1, 10), (2, 20);
            CREATE TABLE data_lineage(lineage_id INTEGER PRIMARY KEY, source_table TEXT, target_table TEXT, transformation TEXT, owner TEXT);
            INSERT INTO data_lineage VALUES (1, 'transactions', 'risk_mart', 'exposure', 'risk@bank.example'),
              (2, 'risk_mart', 'basel_capital_report', 'RWA', 'regulatory@bank.example'), (3, 'transactions', NULL, 'ad-hoc export', 'platform'),
              (4, NULL, 'transactions', NULL, NULL);
            """, at: dir.file("bank.db"))
        let smtp = try await SMTPTestServer.start(in: dir, [])
        defer { smtp.stop() }
        let inbox = WebhookInbox()
        try await inbox.application { _ in .ok }.test(.live) { client in
            try """
                name: bank
                source: sqlite:bank.db
                monitor:
                  every: 1s
                  channels:
                    owners: {email: {server: "smtp://127.0.0.1:\(smtp.port)?security=none", from: assay@bank.example, to: [dq@bank.example], to_downstream_owners: true}}
                    hook: {webhook: "http://127.0.0.1:\(try #require(client.port))/hook"}
                  routes:
                    - {severity: [CRITICAL], channels: [owners, hook]}
                lineage:
                  datasets:
                    risk_mart: {owner: risk-team}
                tables:
                  transactions:
                    owner: payments@bank.example
                    checks:
                      - rule: {expect: "amount > 0"}
                        id: amount_positive
                        severity: CRITICAL
                """.write(toFile: dir.file("bank.yml"), atomically: true, encoding: .utf8)
            let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "bank.yml", "--listen", "127.0.0.1:0"], name: "monitor", folder: dir.path)
            var base = ""
            try await MonitorCommandTests.waitFor("the monitor to listen") {
                if let range = monitor.stdout.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) { base = String(monitor.stdout[range]) }
                return !base.isEmpty || !monitor.isRunning
            }
            #expect(!base.isEmpty, "\(monitor.stderr)")
            try TestDatabase.write("INSERT INTO transactions VALUES (3, -5)", at: dir.file("bank.db"))
            try await MonitorCommandTests.waitFor("the opened alert") { inbox.all.contains { $0.eventID.hasSuffix(":opened") } }
            let opened = try #require(inbox.all.first { $0.eventID.hasSuffix(":opened") })
            #expect(opened.body.contains(#""blastRadius":{"assets":["#), "the webhook's incident JSON carries it: \(opened.body.prefix(800))")
            #expect(opened.body.contains("Downstream: 2 downstream (1 regulatory report at risk: basel_capital_report): risk_mart, basel_capital_report"),
                    "\(opened.body.prefix(1200))")
            try await MonitorCommandTests.waitFor("the mail") { ((try? smtp.messages()) ?? []).count == 1 }
            let mail = try #require(try smtp.messages().first)
            #expect(mail.rcptTos == ["dq@bank.example", "risk@bank.example", "regulatory@bank.example"],
                    "the channel's recipient, then the downstream owners that are addresses (not 'risk-team'): \(mail.rcptTos)")
            #expect(mail.parsed.parts.contains { $0.text.contains("basel_capital_report") })

            let store = try SQLiteStore(path: dir.file("assay.db"))
            let incident = try #require(try await store.incidents(status: .open, last: 5).first)
            #expect(incident.blastRadius?.reports.map(\.name) == ["basel_capital_report"])
            #expect(incident.blastRadius?.assets.first { $0.name == "risk_mart" }?.owners == ["risk-team", "risk@bank.example"])
            let page = try await Self.get(base + "incidents/" + incident.id)
            #expect(page.status == 200 && page.body.contains(#"data-blast-radius="2" data-reports-at-risk="1""#), "\(page.body.prefix(400))")
            #expect(page.body.contains(#"href="/lineage?table=transactions""#))
            let lineage = try await Self.get(base + "lineage?table=transactions")
            #expect(lineage.status == 200 && lineage.body.contains(#"data-node="transactions" data-kind="table" data-state="root""#))
            #expect(lineage.body.contains(#"data-node="basel_capital_report" data-kind="report" data-state="impacted""#))
            #expect(lineage.body.contains(#"<tr data-dangling=" -&gt; transactions">"#) && lineage.body.contains(#"<tr data-dangling="transactions -&gt; ">"#))

            // The monitor takes OpenLineage events too; the next page has the new edge.
            let posted = try await Self.post(base + "api/v1/lineage", Self.event)
            #expect(posted.status == 201 && posted.body.contains(#""edges":1"#), "\(posted.body)")
            let api = try await Self.get(base + "api/v1/lineage?table=transactions")
            #expect(api.status == 200 && api.body.contains(#""name":"sar_filing""#) && api.body.contains(#""regulatory_reports":["sar_filing","basel_capital_report"]"#),
                    "\(api.body.prefix(600))")
            #expect(await monitor.stop(timeout: 15) && monitor.status == 0, "\(monitor.stderr)")
        }
    }

    @Test("assay serve: the lineage page in a real browser, no script, the impact marked; bad requests answered with their reason")
    func servePages() async throws {
        let dir = try await LineageCLITests.demo()
        defer { dir.cleanUp() }
        let (server, base) = try await ServerProcess.serve(["--store", "sqlite:assay.db", "--config", "financeflow.yml"], folder: dir.path)
        defer { server.stop() }
        let root = base.absoluteString
        #expect(try await Self.get(root + "lineage?table=nope").status == 404)
        let wrongType = try await Self.post(root + "api/v1/lineage", Self.event, type: "application/x-www-form-urlencoded")
        #expect(wrongType.status == 400 && wrongType.body.contains("Content-Type: application/json"), "\(wrongType.body)")
        let bad = try await Self.post(root + "api/v1/lineage", #"{"eventType": "COMPLETE", "eventTime": "t", "producer": "p", "schemaURL": "s", "run": {"runId": "r"}, "job": {"namespace": "n", "name": "j"}, "inputs": [{"namespace": "n", "name": 5}]}"#)
        #expect(bad.status == 400 && bad.body.contains("'inputs[0].name' must be a non-empty string"), "\(bad.body)")
        let batch = try await Self.post(root + "api/v1/lineage", "[\(Self.event), {\"eventTime\": 1}]")
        #expect(batch.status == 400 && batch.body.contains("event 2: 'eventTime' must be a non-empty string"), "\(batch.body)")
        #expect(!(try await Self.get(root + "api/v1/lineage")).body.contains("sar_filing"), "nothing of a rejected request is stored")
        #expect(try await Self.post(root + "api/v1/lineage", "[\(Self.event)]").status == 201)
        #expect(try await Self.get(root + "api/v1/lineage").body.contains("sar_filing"))

        let pages = try await Browser.load([root + "lineage", root + "lineage?table=transactions", root + "tables/transactions"],
                                           screenshots: try Browser.screenshotFolder("lineage"))
        #expect(pages.count == 3)
        for page in pages {
            #expect(page.status == 200, "\(page.url)")
            #expect(page.consoleErrors.isEmpty && page.pageErrors.isEmpty && page.failedRequests.isEmpty, "\(page.url): \(page.consoleErrors) \(page.failedRequests)")
            #expect(page.scripts == 0, "no JavaScript")
            #expect(!page.scrollsHorizontallyAt390, "\(page.url) fits a 390 px phone (the graph scrolls in its box)")
        }
        for page in pages.prefix(2) {
            let chart = try #require(page.charts.first { $0.id == "lineage" }, "\(page.url)")
            #expect(chart.hasSVG && chart.marks >= 40, "a box per dataset and a line per edge: \(chart.marks)")
        }
        #expect(pages[1].text.contains("Downstream of transactions") && pages[1].text.contains("Regulatory reports at risk: regulatory_reports, sar_filing, fr_y9c_report"),
                "\(pages[1].text.prefix(600))")
        #expect(pages[1].links.contains { $0.hasSuffix("/lineage?table=fr_y9c_report") })
        #expect(pages[2].links.contains { $0.hasSuffix("/lineage?table=transactions") }, "the table page links its lineage")
    }
}
