import Assay
import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `assay serve` as a process, scraped by a real Prometheus with the bearer token; `promtool check metrics` passes;
/// the shipped Grafana dashboard asks only for metrics the server exposes. SIGTERM stops the server cleanly.
@Suite("Prometheus scrapes assay serve", .serialized)
struct PrometheusScrapeTests {
    static let prometheus = "/usr/bin/prometheus", promtool = "/usr/bin/promtool"

    static func get(_ url: URL, token: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: url, timeoutInterval: 10)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// A store with one recorded run of a small suite, in `dir`.
    static func recordedStore(in dir: TemporaryDirectory) throws -> String {
        let db = try TestDatabase(StoreTests.data)
        defer { db.remove() }
        try FileManager.default.copyItem(atPath: db.path, toPath: dir.file("shop.db"))
        try StoreTests.suiteText(warn: "1%").write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let run = try AssayProcess.run(["check", "--config", dir.file("shop.yml"), "--source", "sqlite:" + dir.file("shop.db"),
                                        "--store", "sqlite:" + dir.file("assay.db")])
        #expect(run.status == 3, "one check reads a missing column: \(run.stderr)")
        return "sqlite:" + dir.file("assay.db")
    }

    @Test("a real Prometheus scrapes /metrics with the token and reports the target up; the values are the store's")
    func scrape() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.prometheus),
                     "Debian's prometheus is missing: scripts/test installs it (apt-get install prometheus)")
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try Self.recordedStore(in: dir)
        let token = "scrape-token-\(UInt32.random(in: 0...UInt32.max))"
        let (server, base) = try await ServerProcess.serve(["--store", store], folder: dir.path, environment: ["ASSAY_TOKEN": token])
        defer { server.stop() }
        let port = try freeLocalPort()
        let target = try #require(base.host.map { "\($0):\(base.port ?? 0)" })
        try """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: assay
                authorization: {credentials: \(token)}
                static_configs: [{targets: ['\(target)']}]
            """.write(toFile: dir.file("prometheus.yml"), atomically: true, encoding: .utf8)
        let prometheus = try ServerProcess(URL(fileURLWithPath: Self.prometheus), [
            "--config.file=" + dir.file("prometheus.yml"), "--storage.tsdb.path=" + dir.file("tsdb"),
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ], name: "prometheus", folder: dir.path)
        defer { prometheus.stop() }
        let api = URL(string: "http://127.0.0.1:\(port)/api/v1/")!
        var health = "", lastError = ""
        for _ in 0..<300 where health != "up" {
            try await Task.sleep(for: .milliseconds(100))
            guard prometheus.isRunning else { break }
            guard let (status, body) = try? await Self.get(api.appendingPathComponent("targets")), status == 200,
                  let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                  let targets = (json["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]],
                  let first = targets.first else { continue }
            health = first["health"] as? String ?? ""
            lastError = first["lastError"] as? String ?? ""
        }
        #expect(health == "up", "Prometheus: \(lastError) \(prometheus.stderr)")
        // What Prometheus stored is what the store holds.
        let card = try await StoreFactory.withStore(store) { store throws(StoreError) in try await store.scorecard() }
        let query = api.appendingPathComponent("query").appending(queryItems: [URLQueryItem(name: "query", value: "assay_table_score")])
        let (_, body) = try await Self.get(query)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let result = try #require((json["data"] as? [String: Any])?["result"] as? [[String: Any]])
        let value = try #require((result.first?["value"] as? [Any])?.last as? String)
        #expect(Double(value) == card.tables.first?.score)
        #expect((result.first?["metric"] as? [String: String])?["table"] == "customers")
        #expect(await server.stop(), "assay serve stops on SIGTERM")
        #expect(server.status == 0, "\(server.stderr)")
    }

    @Test("promtool check metrics passes on /metrics, and the Grafana dashboard asks only for metrics it exposes")
    func promtoolAndGrafana() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.promtool), "promtool is missing: scripts/test installs prometheus")
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try Self.recordedStore(in: dir)
        let (server, base) = try await ServerProcess.serve(["--store", store], folder: dir.path)
        defer { server.stop() }
        _ = try await Self.get(base.appendingPathComponent("api/v1/runs"))
        let (status, metrics) = try await Self.get(base.appendingPathComponent("metrics"))
        #expect(status == 200)
        try metrics.write(toFile: dir.file("metrics.txt"), atomically: true, encoding: .utf8)
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: Self.promtool)
        lint.arguments = ["check", "metrics"]
        lint.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: dir.file("metrics.txt")))
        let out = Pipe()
        lint.standardOutput = out
        lint.standardError = out
        try lint.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        lint.waitUntilExit()
        #expect(lint.terminationStatus == 0, "promtool: \(said)")

        let exposed = Set(metrics.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.compactMap { $0.split(separator: " ").dropFirst(2).first }.map(String.init))
        let dashboard = try GrafanaDashboard.load()
        #expect(dashboard.panels.count >= 6)
        for panel in dashboard.panels {
            #expect(!panel.title.isEmpty && !panel.exprs.isEmpty, "panel \(panel.title)")
            for metric in panel.metrics {
                // Histograms are exposed as one family whose series end in _bucket, _sum and _count.
                let family = ["_bucket", "_sum", "_count"].reduce(metric) { name, suffix in
                    name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
                }
                #expect(exposed.contains(metric) || exposed.contains(family), "panel '\(panel.title)' asks for \(metric), which /metrics does not expose")
            }
        }
    }
}

/// The shipped dashboard (dashboards/grafana/assay.json), read as Grafana would: panels with PromQL targets.
struct GrafanaDashboard {
    struct Panel {
        var title: String
        var exprs: [String]
        /// The metric names the expressions read.
        var metrics: Set<String> {
            var names = Set<String>()
            for expr in exprs {
                let regex = /assay_[a-z_]+/
                for match in expr.matches(of: regex) { names.insert(String(match.output)) }
            }
            return names
        }
    }
    var panels: [Panel]

    static func load() throws -> GrafanaDashboard {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("dashboards/grafana/assay.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["title"] as? String != nil && json["uid"] as? String != nil && json["schemaVersion"] as? Int != nil)
        let templating = (json["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        #expect(templating.contains { $0["type"] as? String == "datasource" }, "a datasource variable, so it imports into any Grafana")
        let panels = try #require(json["panels"] as? [[String: Any]])
        return GrafanaDashboard(panels: panels.filter { $0["type"] as? String != "row" }.map { panel in
            Panel(title: panel["title"] as? String ?? "",
                  exprs: (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String })
        })
    }
}
