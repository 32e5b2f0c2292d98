import Assay
import AssayMonitor
import AssayMonitorCore
import AssayServer
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The incident pages of a real server on 127.0.0.1 over a real store: the list, one incident with its failed
/// delivery in view, the outbox's failed alerts, the overview's panel and the check's current incident; the forms
/// only where the monitor serves commands; a form posted with the `?token=` cookie from the server's own page works,
/// one from another origin (or that does not say where it comes from) is refused.
@Suite("The incident pages")
struct IncidentPagesTests {
    /// A store with runs, an open incident from the last one, and its alert failed for good (no such channel).
    struct Fixture {
        let api: ServerAPITests.Fixture
        let tracker: IncidentTracker
        let incident: Incident

        init() async throws {
            api = try await ServerAPITests.Fixture()
            tracker = IncidentTrackerForTests.make(api.store)
            let changes = try await tracker.observe(try #require(api.runs.last))
            guard case .opened(let incident)? = changes.first else { throw NoIncident(changes: "\(changes)") }
            self.incident = incident
            let pass = try await OutboxDispatcher(store: api.store, notifiers: []).drain(now: Date())
            #expect(pass.failed == 1, "the delivery to the unconfigured channel 'hook' fails for good")
        }

        /// Serves on 127.0.0.1 (any port) for `body`.
        func serve(token: String? = nil, commands: Bool, _ body: @escaping @Sendable (LivePages) async throws -> Void) async throws {
            let server = try DashboardServer(store: api.store, configuration: ServerConfiguration(listen: ListenAddress(host: "127.0.0.1", port: 0), token: token),
                                             clock: api.clock, commands: commands ? tracker : nil)
            try await server.application().test(.live) { client in try await body(LivePages(port: try #require(client.port))) }
        }
    }

    @Test("a read-only server: list, incident with its failed delivery, failed alerts, overview panel, check page; no forms; POST is 405")
    func readOnly() async throws {
        let f = try await Fixture()
        defer { f.api.dir.cleanUp() }
        let id = f.incident.id, key = f.incident.check.rawValue
        try await f.serve(commands: false) { web in
            let list = try await web.send(.get, "/incidents")
            #expect(list.status == .ok && list.text.contains(#"<tr data-incident="\#(id)" data-status="OPEN""#), "\(list.text.prefix(300))")
            #expect(try await web.send(.get, "/incidents?status=open").text.contains(#"data-incident="\#(id)""#))
            #expect(!(try await web.send(.get, "/incidents?status=resolved").text.contains("data-incident=")))
            #expect(try await web.send(.get, "/incidents?status=closed").status == .badRequest)

            let page = try await web.send(.get, "/incidents/\(id)")
            #expect(page.status == .ok && page.text.contains(#"data-incident-detail="\#(id)" data-status="OPEN""#))
            #expect(page.text.contains(#"<tr data-delivery="failed" data-channel="hook">"#), "a permanent failure is visible")
            #expect(page.text.contains("no channel &#39;hook&#39; is configured"), "with its reason")
            #expect(page.text.contains(#"href="/checks/\#(key)?"#) && page.text.contains(#"href="/tables/\#(f.incident.table)?"#))
            #expect(page.text.contains("data-timeline") && !page.text.contains("<form"), "no forms where nobody can act")
            #expect(try await web.send(.get, "/incidents/nope").status == .notFound)

            let overview = try await web.send(.get, "/")
            #expect(overview.text.contains(#"data-open-incidents="1""#) && overview.text.contains(#"data-outbox-failed="1""#))
            #expect(overview.text.contains(#"<a href="/alerts?status=failed" class="failed">1 failed</a>"#))
            let failed = try await web.send(.get, "/alerts?status=failed")
            #expect(failed.status == .ok && failed.text.contains(#"data-delivery="failed""#) && failed.text.contains(#"href="/incidents/\#(id)""#))
            #expect(try await web.send(.get, "/alerts?status=lost").status == .badRequest)
            #expect(try await web.send(.get, "/checks/\(key)").text.contains(#"data-current-incident="\#(id)""#))

            #expect(try await web.send(.post, "/incidents/\(id)/ack", form: "by=ana", origin: web.origin).status == .methodNotAllowed)
        }
    }

    @Test("on the monitor: forms; a form posted with the token's cookie from the server's own page acts; other origins are refused")
    func commands() async throws {
        let f = try await Fixture()
        defer { f.api.dir.cleanUp() }
        let id = f.incident.id
        try await f.serve(token: "s3cret", commands: true) { web in
            let signIn = try await web.send(.get, "/incidents/\(id)?token=s3cret")
            #expect(signIn.status == .found)
            let cookie = try #require(signIn.head.headerFields[.setCookie]?.split(separator: ";").first.map(String.init))
            let signed: HTTPFields = [.cookie: cookie]
            let page = try await web.send(.get, "/incidents/\(id)", headers: signed)
            for verb in ["ack", "resolve", "suppress"] {
                #expect(page.text.contains(#"<form method="post" action="/incidents/\#(id)/\#(verb)" data-command="\#(verb)">"#), "\(verb)")
            }

            // Forged: another site's page, a post that does not say where it is from, the API from another site, no cookie.
            #expect(try await web.send(.post, "/incidents/\(id)/ack", headers: signed, form: "by=eve", origin: "http://evil.example").status == .forbidden)
            #expect(try await web.send(.post, "/incidents/\(id)/ack", headers: signed, form: "by=eve").status == .forbidden)
            #expect(try await web.send(.post, "/incidents/\(id)/ack", headers: [.cookie: cookie, .referer: "http://127.0.0.1:1/x"],
                                       form: "by=eve").status == .forbidden)
            #expect(try await web.send(.post, "/api/v1/incidents/\(id)/ack", headers: signed, origin: "http://evil.example").status == .forbidden)
            #expect(try await web.send(.post, "/incidents/\(id)/ack", form: "by=eve", origin: web.origin).status == .unauthorized)
            #expect(try await f.api.store.incident(id: id).state.incident?.status == .open, "nothing forged got through")

            let acked = try await web.send(.post, "/incidents/\(id)/ack", headers: signed, form: "by=ana", origin: web.origin)
            #expect(acked.status == .seeOther && acked.head.headerFields[.location] == "/incidents/\(id)?done=ack")
            #expect(try await web.send(.get, "/incidents/\(id)?done=ack", headers: signed).text.contains(#"data-notice="">Acknowledged."#))
            #expect(try await f.api.store.incident(id: id).state.incident?.acknowledgedBy == "ana")
            let again = try await web.send(.post, "/incidents/\(id)/ack", headers: signed, form: "by=ana", origin: web.origin)
            #expect(again.status == .conflict && again.text.contains("already acknowledged by ana"), "the page says why")
            let bad = try await web.send(.post, "/incidents/\(id)/suppress", headers: signed, form: "until=soon", origin: web.origin)
            #expect(bad.status == .badRequest && bad.text.contains("data-notice"))
            let suppressed = try await web.send(.post, "/incidents/\(id)/suppress", headers: [.cookie: cookie, .referer: web.origin + "/incidents/\(id)"],
                                                form: "by=bo&until=2h")
            #expect(suppressed.status == .seeOther)
            #expect(try await f.api.store.incident(id: id).state.incident?.status == .suppressed)

            let note = "<script>alert(1)</script>"
            let resolved = try await web.send(.post, "/incidents/\(id)/resolve", headers: signed,
                                              form: "by=bo&note=" + (note.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                              origin: web.origin)
            #expect(resolved.status == .seeOther)
            let after = try await web.send(.get, "/incidents/\(id)", headers: signed).text
            #expect(after.contains("resolved by bo: &lt;script&gt;alert(1)&lt;/script&gt;") && !after.contains(note), "the note is escaped")
            #expect(!after.contains("<form") && after.contains("Resolved: nothing left to do."))
            #expect(try await f.api.store.incident(id: id).state.incident?.resolution == .manual(by: "bo", note: note))
        }
    }
}

/// The fixture's last run opened no incident.
struct NoIncident: Error { var changes: String }

/// Requests to a server on 127.0.0.1:PORT with the `Host` a browser sends (`127.0.0.1:PORT`).
struct LivePages: Sendable {
    let port: Int

    /// The server's origin, as its own pages' form posts carry it.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// One request on a connection of its own; `form` is sent as `application/x-www-form-urlencoded`.
    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], form: String? = nil,
              origin: String? = nil) async throws -> TestClient.Response {
        var fields = headers
        if let origin { fields[.origin] = origin }
        if form != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
        let request = TestClient.Request(uri, method: method, authority: "127.0.0.1:\(port)", headers: fields, body: form.map { ByteBuffer(string: $0) })
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { client in try await client.execute(request) }
    }
}

extension TestClient.Response {
    var text: String { body.map { String(buffer: $0) } ?? "" }
}
