import Assay
import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing

/// `assay monitor` checking a PostgreSQL source that is stopped while the monitor runs, then started again: one
/// ERROR incident "source unavailable" for the suite (key `SUITE.__source__`, nothing per check), the monitor keeps
/// running and serving `/healthz`, reconnects by itself once the server is back and resolves the incident; the
/// webhook (a Python receiver, as a process) gets the opened and the resolved alert. The server is a cluster of this
/// test's own (/tmp/assay-pg-monitor, port 55434), never the shared test server; it is stopped at the end.
@Suite("assay monitor: the source database down mid-run", .serialized)
struct MonitorSourceFaultTests {
    static let directory = "/tmp/assay-pg-monitor"
    static let port = 55434
    static let url = "postgres://assay:assay@127.0.0.1:\(port)/assay_test?sslmode=disable&connect_timeout=2s&application_name=assay-monitor-fault"

    static func cluster(_ command: String) -> Int32 {
        shell("ASSAY_PG_DIR=\(directory) ASSAY_PG_PORT=\(port) \(FaultCluster.repository)/scripts/postgres.sh \(command) >/dev/null")
    }

    /// `system()` rather than `Process`: a started server must not inherit the test's descriptors.
    static func shell(_ command: String) -> Int32 {
        system("timeout 120 bash -c '" + command.replacingOccurrences(of: "'", with: "'\\''") + "' </dev/null >>/tmp/assay-pg-monitor.log 2>&1")
    }

    static func psql(_ sql: String) -> Int32 {
        shell("PGPASSWORD=assay psql -qAtX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p \(port) -U assay -d assay_test -c \"\(sql)\"")
    }

    /// A webhook receiver in Python that appends `EVENT_ID<TAB>BODY` lines to `hooks.log` and answers 200.
    static func receiver(in dir: TemporaryDirectory) async throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import http.server, sys
            log, portfile = sys.argv[1], sys.argv[2]
            class Hook(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode().replace('\\n', ' ')
                    with open(log, 'a') as f:
                        f.write(self.headers.get('X-Assay-Event-Id', '') + '\\t' + body + '\\n')
                    self.send_response(200)
                    self.end_headers()
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(('127.0.0.1', 0), Hook)
            open(portfile, 'w').write(str(server.server_address[1]))
            server.serve_forever()
            """, dir.file("hooks.log"), dir.file("hook.port")]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let port = try? String(contentsOfFile: dir.file("hook.port"), encoding: .utf8), !port.isEmpty {
                return (process, "http://127.0.0.1:\(port)/hook")
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGKILL)
        throw FaultClusterError(message: "the webhook receiver did not start")
    }

    static func received(_ dir: TemporaryDirectory) -> [String] {
        ((try? String(contentsOfFile: dir.file("hooks.log"), encoding: .utf8)) ?? "").split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
    }

    static func waitFor(_ what: String, timeout: Double = 30, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !(try await condition()) {
            guard Date() < deadline else {
                Issue.record("timed out after \(timeout) s waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func get(_ url: URL) async -> Int {
        guard let (_, response) = try? await URLSession.shared.data(for: URLRequest(url: url, timeoutInterval: 5)) else { return 0 }
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test("source stopped: one 'source unavailable' incident, the monitor runs on; restarted: it reconnects and the incident resolves")
    func sourceDownMidRun() async throws {
        _ = Self.cluster("stop")  // one an interrupted run left behind
        #expect(Self.cluster("start") == 0, "scripts/postgres.sh start failed: see /tmp/assay-pg-monitor.log")
        defer { _ = Self.cluster("stop") }
        #expect(Self.psql("DROP TABLE IF EXISTS customers; CREATE TABLE customers(customer_id int PRIMARY KEY, email text); "
            + "INSERT INTO customers VALUES (1, 'a@x.example'), (2, 'b@x.example')") == 0)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try """
            name: shop
            source: "\(Self.url)"
            tables:
              customers:
                checks:
                  - unique: email
                    id: email_unique
                    severity: critical
                  - not_null: email
            """.write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let (receiver, hook) = try await Self.receiver(in: dir)
        defer {  // SIGKILL: the test process blocks SIGTERM, and its children inherit that
            kill(receiver.processIdentifier, SIGKILL)
            receiver.waitUntilExit()
        }
        let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "shop.yml", "--store", "sqlite:assay.db", "--every", "1s",
                                                                  "--listen", "127.0.0.1:0", "--webhook", hook],
                                        name: "monitor", folder: dir.path, environment: ["ASSAY_LOG_LEVEL": "error"])
        defer { monitor.stop() }
        var base: URL?
        try await Self.waitFor("the monitor to start") {
            if let range = monitor.stdout.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) { base = URL(string: String(monitor.stdout[range])) }
            return base != nil || !monitor.isRunning
        }
        let healthz = try #require(base, "\(monitor.stderr)").appendingPathComponent("healthz")
        let store = try SQLiteStore(path: dir.file("assay.db"))
        try await Self.waitFor("two runs against the source") { try await store.runs(last: 100).count >= 2 }
        #expect(Self.received(dir).isEmpty, "a clean source: no alert")

        #expect(Self.shell("runuser -u postgres -- /usr/lib/postgresql/*/bin/pg_ctl -D \(Self.directory)/data stop -m fast -w") == 0)
        let stopped = Date()
        try await Self.waitFor("the source incident's alert") { Self.received(dir).contains { $0.hasSuffix(":opened") } || !monitor.isRunning }
        print("MonitorSourceFaultTests: 'source unavailable' alerted \(Date().timeIntervalSince(stopped).formatted()) s after the server stopped")
        try await Task.sleep(for: .seconds(3))  // more runs without the source: still one incident
        #expect(monitor.isRunning, "\(monitor.stderr.suffix(2_000))")
        #expect(await Self.get(healthz) == 200, "/healthz answers while the source is down")
        let down = try await store.incidents(status: nil, last: 100)
        #expect(down.count == 1, "one incident for the suite, none per check: \(down.map(\.check))")
        let incident = try #require(down.first)
        #expect(incident.check.rawValue == "shop.__source__" && incident.status == .open && incident.severity == .critical, "\(incident)")
        #expect(incident.worst == .error && incident.message.hasPrefix("source unavailable"), "\(incident.message)")
        #expect(Self.received(dir).count == 1, "one alert: \(Self.received(dir))")

        #expect(Self.cluster("start") == 0)
        let restarted = Date()
        try await Self.waitFor("the resolved alert") { Self.received(dir).contains { $0.contains(":resolved:") } || !monitor.isRunning }
        print("MonitorSourceFaultTests: resolved \(Date().timeIntervalSince(restarted).formatted()) s after the server was back")
        let runsAfter = try await store.runs(last: 1_000).count
        try await Task.sleep(for: .seconds(2))
        #expect(try await store.runs(last: 1_000).count >= runsAfter + 1, "runs go on after the reconnect")
        #expect(await monitor.stop() && monitor.status == 0, "\(monitor.stderr.suffix(2_000))")
        let after = try await store.incidents(status: nil, last: 100)
        #expect(after.count == 1 && after.first?.status == .resolved, "\(after.map { "\($0.check) \($0.status)" })")
        let ids = Self.received(dir)
        #expect(ids.count == 2 && ids.first == "\(incident.id):opened" && ids.last?.hasPrefix("\(incident.id):resolved:") == true, "\(ids)")
        let deliveries = try await store.deliveries(incident: nil, status: nil, last: 100)
        #expect(deliveries.count == 2 && deliveries.allSatisfy { $0.status == .sent }, "\(deliveries.map { "\($0.event.id) \($0.delivery)" })")
        let results = try await store.runs(last: 1_000)
        #expect(results.contains { $0.errors > 0 } && results.first?.errors == 0, "runs without the source are recorded as errors; the last is clean")
    }
}
