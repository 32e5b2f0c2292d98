import Assay
import AssayDemo
import AssayMonitorCore
import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Testing

/// Lineage on both backends: the store's "v7: lineage edges" keeps OpenLineage events POSTed to `assay serve` across a
/// restart, a repeat replaces rather than duplicates; and the demo's `data_lineage` loaded into PostgreSQL gives the
/// same impact, NULL target included, as on SQLite.
@Suite("Lineage on SQLite and PostgreSQL", .serialized)
struct LineagePostgresTests {
    static func event(job: String, from: String, to: String, column: String? = nil) -> String {
        let facets = column.map { #", "facets": {"columnLineage": {"fields": {"\#($0)": {"inputFields": [{"namespace": "db", "name": "\#(from)", "field": "\#($0)"}]}}}}"# } ?? ""
        return #"{"eventType": "COMPLETE", "eventTime": "2026-12-01T10:00:00Z", "producer": "https://example.com/etl", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", "run": {"runId": "0193a7c2-5f1e-7d3a-9c41-2b8e6f0a1d55"}, "job": {"namespace": "etl", "name": "\#(job)"}, "inputs": [{"namespace": "db", "name": "\#(from)"}], "outputs": [{"namespace": "db", "name": "\#(to)"\#(facets)}]}"#
    }

    static func send(_ method: String, _ url: URL, _ body: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("events POSTed to assay serve are stored (migration v7), survive a restart, and a repeat replaces", arguments: StoreBackend.allCases)
    func receivedEvents(_ backend: StoreBackend) async throws {
        let store = try FreshStore(backend)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // A store to serve: opening it applies every migration.
        try await withStore(store.url) { _ in }
        #expect(try await store.integer("SELECT count(*) FROM \(store.migrationsTable) WHERE identifier = 'v7: lineage edges'") == 1)
        var (server, base) = try await ServerProcess.serve(["--store", store.url], folder: dir.path)
        let api = base.appendingPathComponent("api/v1/lineage")
        #expect(try await Self.send("POST", api, Self.event(job: "a", from: "public.transactions", to: "public.risk_mart", column: "amount")).status == 201)
        #expect(try await Self.send("POST", api, "[" + Self.event(job: "b", from: "risk_mart", to: "basel_report") + ", " + Self.event(job: "a", from: "transactions", to: "risk_mart") + "]").status == 201)
        let bad = try await Self.send("POST", api, #"{"eventTime": "t"}"#)
        #expect(bad.status == 400 && bad.body.contains("'producer' is missing"), "\(bad.body)")
        #expect(await server.stop() && server.status == 0, "\(server.stderr)")

        (server, base) = try await ServerProcess.serve(["--store", store.url], folder: dir.path)
        let graph = try await Self.send("GET", base.appendingPathComponent("api/v1/lineage"))
        let impact = try await Self.send("GET", URL(string: base.absoluteString + "api/v1/lineage?table=transactions")!)
        #expect(await server.stop())
        #expect(graph.status == 200 && graph.body.contains(#""edges":2"#), "the job's edge reported twice is one edge: \(graph.body)")
        #expect(impact.status == 200 && impact.body.contains(#""regulatory_reports":["basel_report"]"#), "\(impact.body)")
        #expect(impact.body.contains(#""columns":[],"depth":1"#), "the repeat (no column lineage this time) replaced the first: \(impact.body)")
        let cli = try await AssayProcess.run(async: ["lineage", "impact", "transactions", "--store", store.url], in: dir.path)
        #expect(cli.status == 0 && cli.stdout.contains("2      basel_report") && cli.stdout.contains("store (received events): 2 edges"), "\(cli.stdout) \(cli.stderr)")
        await store.remove()
    }

    @Test("the demo's data_lineage loaded into PostgreSQL: the same impact as SQLite, the NULL target a dangling edge")
    func demoOnPostgres() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        _ = try files.write(scale: 1, now: PostgresTests.now)
        // A table name of this test's own, so tests loading the demo beside it are not disturbed.
        let table = "lineage_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await DatabaseQueue(path: files.databasePath).write { db in
            try db.execute(sql: """
                CREATE TABLE \(table) (lineage_id INTEGER PRIMARY KEY, source_table TEXT, target_table TEXT, transformation TEXT, owner TEXT,
                                       created_date TIMESTAMP);
                INSERT INTO \(table) SELECT * FROM data_lineage
                """)
        }
        _ = try await PostgresLoader(url: PostgresTestServer.url()).load(sqlitePath: files.databasePath, tables: [table])
        var suite = try String(contentsOfFile: files.suitePath, encoding: .utf8)
        suite = suite.replacingOccurrences(of: "\nlineage:\n", with: "\nlineage:\n  tables: [\(table)]\n")
        try suite.write(toFile: dir.file("pg.yml"), atomically: true, encoding: .utf8)
        try suite.replacingOccurrences(of: "tables: [\(table)]", with: "tables: [data_lineage]").write(toFile: dir.file("sqlite.yml"), atomically: true, encoding: .utf8)
        let postgres = try await AssayProcess.run(async: ["lineage", "impact", "customers", "--config", "pg.yml", "--source", PostgresTestServer.url(), "--format", "json"], in: dir.path)
        let sqlite = try await AssayProcess.run(async: ["lineage", "impact", "customers", "--config", "sqlite.yml", "--format", "json"], in: dir.path)
        try? await PostgresTestServer.execute(["DROP TABLE IF EXISTS \(table)"])
        #expect(postgres.status == 0 && sqlite.status == 0, "\(postgres.stderr) \(sqlite.stderr)")
        func downstream(_ text: String) throws -> [String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return (json["downstream"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")@\($0["depth"] ?? "")" }
        }
        #expect(try downstream(postgres.stdout) == downstream(sqlite.stdout))
        let names = try downstream(postgres.stdout)
        #expect(names.count == 12, "\(names)")
        #expect(postgres.stdout.contains(#""detail" : "\#(table)#25""#) && postgres.stdout.contains(#""to" : null"#), "the dangling row, read from PostgreSQL")
        #expect(!postgres.stdout.contains("s3cret") && !postgres.stderr.contains("password"))
    }
}
