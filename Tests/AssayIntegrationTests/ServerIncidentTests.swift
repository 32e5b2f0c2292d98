import Assay
import AssayMonitor
import AssayMonitorCore
import AssayServer
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The incidents the monitor stored, through `assay serve`: the API lists and shows them; `/metrics` counts open
/// incidents by severity and the outbox by state.
@Suite("The server's incidents")
struct ServerIncidentTests {
    @Test("GET /api/v1/incidents and /api/v1/incidents/{id}; bad input is a 4xx; /metrics counts them")
    func incidents() async throws {
        let f = try await ServerAPITests.Fixture()
        defer { f.dir.cleanUp() }
        let tracker = IncidentTrackerForTests.make(f.store)
        let changes = try await tracker.observe(try #require(f.runs.last))
        guard case .opened(let incident)? = changes.first else { Issue.record("an incident: \(changes)"); return }
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: "/api/v1/incidents?status=open", method: .get) { response in
                #expect(response.status == .ok)
                let list = try #require((try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])?["incidents"] as? [[String: Any]])
                #expect(list.map { $0["id"] as? String } == [incident.id])
                #expect(list.first?["check"] as? String == incident.check.rawValue && list.first?["affected_records"] as? Int == incident.affectedRecords)
            }
            try await client.execute(uri: "/api/v1/incidents?status=resolved", method: .get) { response in
                #expect(String(buffer: response.body) == #"{"incidents":[]}"#)
            }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains(#""status":"OPEN""#))
            }
            try await client.execute(uri: "/api/v1/incidents/nope", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/incidents?status=closed", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                #expect(lines.contains(#"assay_incidents_open{severity="\#(incident.severity.rawValue)"} 1.0"#))
                #expect(lines.contains(#"assay_outbox_deliveries{state="pending"} 1.0"#))
                #expect(lines.contains { $0.hasPrefix("# HELP assay_outbox_oldest_unsent_age_seconds ") })
            }
        }
    }
}

extension ServerIncidentTests {
    @Test("POST ack, suppress and resolve through the monitor's server; 405 where no monitor serves them; bad bodies are 400")
    func commands() async throws {
        let f = try await ServerAPITests.Fixture()
        defer { f.dir.cleanUp() }
        let tracker = IncidentTrackerForTests.make(f.store)
        guard case .opened(let incident)? = try await tracker.observe(try #require(f.runs.last)).first else { Issue.record("an incident"); return }
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/ack", method: .post) { #expect($0.status == .methodNotAllowed) }
        }
        let server = try DashboardServer(store: f.store, configuration: ServerConfiguration(token: "t"), clock: f.clock, commands: tracker)
        try await server.application().test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer t"]
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/ack", method: .post) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/ack", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"by": "ana"}"#)) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains(#""acknowledged_by":"ana""#))
            }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/ack", method: .post, headers: auth) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("already acknowledged"))
            }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/suppress", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"for": "soon"}"#)) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/suppress", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"for": "2h"}"#)) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains(#""status":"SUPPRESSED""#))
            }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/resolve", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"by": "bo", "note": "fixed upstream"}"#)) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains(#""status":"RESOLVED""#))
            }
            try await client.execute(uri: "/api/v1/incidents/nope/ack", method: .post, headers: auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/incidents/\(incident.id)/ack", method: .post, headers: auth,
                                     body: ByteBuffer(string: "not json")) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/runs", method: .post, headers: auth) { #expect($0.status == .methodNotAllowed) }
        }
        #expect(try await f.store.incidents(status: .resolved, last: 5).first?.resolution == .manual(by: "bo", note: "fixed upstream"))
    }
}

/// A tracker over a store with one route to a webhook channel.
enum IncidentTrackerForTests {
    static func make(_ store: SQLiteStore) -> IncidentTracker {
        IncidentTracker(store: store, suite: "shop", router: AlertRouter(routes: [AlertRoute(name: "ops", channels: ["hook"])])) { _ in
            IncidentPolicy()
        }
    }
}
