import Assay
import AssayServer
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `assay serve`'s JSON API, `/healthz`, `/metrics` and the token, answered by the real router over a real store
/// filled by real runs.
@Suite("The server's API")
struct ServerAPITests {
    /// A store with three daily runs of a small suite, the last one three hours ago.
    struct Fixture {
        let dir: TemporaryDirectory
        let store: SQLiteStore
        let runs: [SuiteResult]
        let clock: ManualClock

        init() async throws {
            dir = try TemporaryDirectory()
            let db = try TestDatabase(StoreTests.data)
            defer { db.remove() }
            store = try SQLiteStore(path: dir.file("assay.db"))
            clock = ManualClock(Date().addingTimeInterval(-2 * 86_400 - 3 * 3_600))
            let engine = RunEngine(source: try db.source(), clock: clock)
            var runs: [SuiteResult] = []
            for warn in ["1%", "50%", "50%"] {
                let run = await engine.run(try StoreTests.suite(warn: warn))
                try await store.record(run)
                runs.append(run)
                clock.advance(by: 86_400)
            }
            self.runs = runs
            clock.set(Date())
        }

        func server(token: String? = nil) throws -> DashboardServer {
            try DashboardServer(store: store, configuration: ServerConfiguration(token: token), clock: clock)
        }
    }

    static func json(_ body: ByteBuffer) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any])
    }

    @Test("runs, one run, the scorecard and a check's history are the store's, in snake_case JSON")
    func readsTheStore() async throws {
        let f = try await Fixture()
        defer { f.dir.cleanUp() }
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: "/api/v1/runs?last=2", method: .get) { response in
                #expect(response.status == .ok)
                let runs = try #require(try Self.json(response.body)["runs"] as? [[String: Any]])
                #expect(runs.map { $0["run_id"] as? String } == [f.runs[2].runID.rawValue, f.runs[1].runID.rawValue])
                #expect(runs.first?["checks"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/runs/\(f.runs[0].runID)", method: .get) { response in
                #expect(response.status == .ok)
                let read = try JSONReport.read(String(buffer: response.body))
                #expect(read == f.runs[0])
            }
            try await client.execute(uri: "/api/v1/scorecard", method: .get) { response in
                let card = try Self.json(response.body)
                let expected = try await f.store.scorecard()
                #expect(card["overall_score"] as? Double == expected.overallScore)
                #expect((card["tables"] as? [[String: Any]])?.first?["critical"] as? Int == expected.tables.first?.critical)
            }
            let key = f.runs[0].results[0].key.rawValue
            try await client.execute(uri: "/api/v1/checks/\(key)/history?days=2", method: .get) { response in
                let points = try #require(try Self.json(response.body)["points"] as? [[String: Any]])
                // The first run is more than two days old: only the later two are in the span.
                #expect(points.map { $0["status"] as? String } == ["PASS", "PASS"])
                #expect(points.map { $0["violations"] as? Int } == [1, 1])
            }
            try await client.execute(uri: "/api/v1/checks/\(key)/history?days=30", method: .get) { response in
                let points = try Self.json(response.body)["points"] as? [Any]
                #expect(points?.count == 3)
            }
            try await client.execute(uri: "/api/v1/scores?days=30", method: .get) { response in
                let points = try #require(try Self.json(response.body)["points"] as? [[String: Any]])
                #expect(points.count == 3 && points.allSatisfy { $0["table"] as? String == "customers" })
            }
        }
    }

    @Test("bad input is a 4xx with a JSON body naming it, never a 500", arguments: [
        ("/api/v1/checks/customers.nope/history", 404, "notFound"),
        ("/api/v1/checks/x/history?days=abc", 400, "invalidParameter"),
        ("/api/v1/checks/x/history?days=0", 400, "invalidParameter"),
        ("/api/v1/checks/x/history?days=99999999999999999999", 400, "invalidParameter"),
        ("/api/v1/runs/not-a-uuid", 400, "invalidParameter"),
        ("/api/v1/runs/0193a7c2-5f1e-7d3a-9c41-2b8e6f0a1d55", 404, "notFound"),
        ("/api/v1/runs?last=-3", 400, "invalidParameter"),
        ("/api/v1/scorecard?suite=other", 404, "notFound"),
        ("/api/v1/trends?table=customers", 409, "notConfigured"),
        ("/api/v1/nothing", 404, "notFound"),
    ])
    func badInput(_ uri: String, _ status: Int, _ code: String) async throws {
        let f = try await Fixture()
        defer { f.dir.cleanUp() }
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == status)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try #require(try Self.json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == code)
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("read-only: a POST or DELETE is 405; HEAD answers as GET without a body")
    func readOnly() async throws {
        let f = try await Fixture()
        defer { f.dir.cleanUp() }
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: "/api/v1/runs", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            for method in [HTTPRequest.Method.post, .delete, .put] {
                try await client.execute(uri: "/api/v1/runs", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                }
            }
            #expect(try await f.store.runs(last: 10).count == 3)
        }
    }

    @Test("with a token, everything but /healthz needs it; a page opened with ?token= sets a cookie and drops it from the address")
    func token() async throws {
        let f = try await Fixture()
        defer { f.dir.cleanUp() }
        try await f.server(token: "s3cret-token").application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            for uri in ["/api/v1/runs", "/metrics", "/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                    #expect(!String(buffer: response.body).contains("s3cret"))
                }
            }
            for header in ["Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-tokenX", "Basic s3cret-token"] {
                try await client.execute(uri: "/api/v1/runs", method: .get, headers: [.authorization: header]) {
                    #expect($0.status == .unauthorized)
                }
            }
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: [.authorization: "Bearer s3cret-token"]) {
                #expect($0.status == .ok)
            }
            // A token in an API query is not accepted (it would end up in logs); pages take it once.
            try await client.execute(uri: "/api/v1/runs?token=s3cret-token", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/?days=7&token=s3cret-token", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/?days=7")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("assay_token=s3cret-token") && cookie.contains("HttpOnly"))
            }
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: [.cookie: "assay_token=s3cret-token"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: [.cookie: "assay_token=other"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("/metrics: per check status, violations and rate, per table score, run duration and store size, as the store holds them")
    func metrics() async throws {
        let f = try await Fixture()
        defer { f.dir.cleanUp() }
        let last = try #require(f.runs.last)
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: "/api/v1/runs", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                let lines = Set(text.split(separator: "\n").map(String.init))
                for result in last.results {
                    let labels = #"{suite="shop",table="customers",check="\#(result.key.rawValue)"}"#
                    #expect(lines.contains("assay_check_status\(labels) \(Double(result.status.exitCode))"), "\(result.key)")
                    if let violations = result.violations {
                        #expect(lines.contains("assay_check_violations\(labels) \(Double(violations))"))
                    }
                }
                let score = try #require(last.scorecards.first?.score)
                #expect(lines.contains(#"assay_table_score{suite="shop",table="customers"} \#(score)"#))
                #expect(lines.contains("assay_run_duration_seconds{suite=\"shop\"} \(last.durationSeconds)"))
                #expect(lines.contains { $0.hasPrefix("assay_store_size_bytes ") && !$0.hasSuffix(" 0.0") })
                #expect(lines.contains("assay_store_up 1.0"))
                #expect(lines.contains { $0.hasPrefix(#"assay_http_requests_total{route="/api/v1/runs",status="200"}"#) })
                for name in ["assay_check_status", "assay_table_score", "assay_store_size_bytes", "assay_http_requests_total"] {
                    #expect(lines.contains { $0.hasPrefix("# HELP \(name) ") })
                }
            }
        }
    }

    @Test("listen addresses: HOST:PORT, [IPv6]:PORT, :PORT; anything else names itself")
    func listenAddresses() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(try ListenAddress(parsing: "[::1]:9000") == ListenAddress(host: "::1", port: 9000))
        #expect(try ListenAddress(parsing: ":0") == ListenAddress(host: "127.0.0.1", port: 0))
        #expect(try ListenAddress(parsing: "0.0.0.0:80").isLoopback == false)
        for bad in ["8080", "host:", "host:99999", "a:b:c", "[::1]9000", ""] {
            #expect(throws: ServerError.self) { try ListenAddress(parsing: bad) }
        }
    }
}
