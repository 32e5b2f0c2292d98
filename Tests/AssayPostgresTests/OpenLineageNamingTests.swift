import Assay
import AssayOpenLineage
import AssayTestSupport
import Foundation
import Testing

/// OpenLineage dataset names on the real PostgreSQL server: `postgres://host:port` and `database.schema.table`, the
/// schema as the catalogue found the table; never the user or password of the source URL.
@Suite("OpenLineage naming on PostgreSQL", .serialized)
struct OpenLineageNamingTests {
    @Test func datasetsAreNamedByHostPortDatabaseSchemaAndTable() async throws {
        try await PostgresTestServer.execute([
            "DROP TABLE IF EXISTS ol_naming_accounts",
            "CREATE TABLE ol_naming_accounts(id int PRIMARY KEY, email text, amount numeric)",
            "INSERT INTO ol_naming_accounts VALUES (1, 'a@x.example', 10), (2, NULL, 20), (3, 'c@x.example', 35)",
        ])
        defer { Task { try? await PostgresTestServer.execute(["DROP TABLE IF EXISTS ol_naming_accounts"]) } }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let suite = try SuiteLoader(environment: [:]).parse("""
            name: naming
            tables:
              ol_naming_accounts:
                checks:
                  - not_null: email
                  - min: {column: amount, min: 0}
            """, file: "naming.yml")
        let url = PostgresTestServer.url()
        let parts = try PostgresURL(url)
        var request = CheckRequest(config: .suite(suite), source: url, store: .off)
        request.emitter = OpenLineageEmitter(target: dir.file("events.jsonl"), environment: [:])
        let outcome = try await Assay.check(request)
        #expect(outcome.emitterWarnings == [])
        let text = try String(contentsOfFile: dir.file("events.jsonl"), encoding: .utf8)
        #expect(!text.contains("//\(parts.user)") && !text.contains("\(parts.user)@") && !text.contains(":\(parts.password ?? "-")@"),
                "no user or password in an event")
        let events = try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(events.map { $0["eventType"] as? String } == ["START", "FAIL"], "the NULL email fails")
        for event in events {
            let input = try #require((event["inputs"] as? [[String: Any]])?.first)
            #expect(input["namespace"] as? String == "postgres://\(parts.host):\(parts.port)")
            #expect(input["name"] as? String == "\(parts.database).public.ol_naming_accounts")
        }
        let end = try #require((events.last?["inputs"] as? [[String: Any]])?.first)
        let metrics = (end["inputFacets"] as? [String: Any])?["dataQualityMetrics"] as? [String: Any]
        #expect(metrics?["rowCount"] as? Int == 3)
        let columns = metrics?["columnMetrics"] as? [String: [String: Any]]
        #expect(columns?["email"]?["nullCount"] as? Int == 1)
        #expect(columns?["amount"]?["min"] as? Double == 10)
        let fields = ((end["facets"] as? [String: Any])?["schema"] as? [String: Any])?["fields"] as? [[String: Any]]
        #expect(fields?.compactMap { $0["name"] as? String } == ["id", "email", "amount"])
    }
}
