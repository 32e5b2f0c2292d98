import Assay
import AssayMonitorCore
import Foundation
import Hummingbird

/// The incident pages: `/incidents?status=open|acknowledged|suppressed|resolved|all`, `/incidents/{id}`, the outbox's
/// `/alerts?status=pending|sending|sent|failed`, and, where the monitor serves commands, the forms'
/// `POST /incidents/{id}/ack|resolve|suppress` (form fields `by`, `note`, `until`: a span such as 2h or an ISO-8601
/// instant), which answers with a redirect back to the incident (303) or its page saying why not (409, 400).
/// Every form post must come from this server's own pages (``SameOrigin``).
struct IncidentPageRoutes {
    let reads: IncidentReads
    let commands: (any IncidentCommanding)?
    let configuration: ServerConfiguration
    let clock: any RunClock
    let renderer = DashboardRenderer(links: .routes(prefix: ""))

    func add(to router: Router<BasicRequestContext>) {
        router.read("incidents") { request, context in
            let p = RequestParameters(request: request, context: context)
            let status = try Self.status(p)
            let incidents = try await Stored.read { () throws(StoreError) in try await reads.list(status: status) }
            return PageRoutes.html(renderer.incidents(IncidentListPage(status: status, incidents: incidents, now: clock.now(),
                                                                       days: try p.days(default: configuration.defaultDays))))
        }
        router.read("incidents/:incident") { request, context in
            let p = RequestParameters(request: request, context: context)
            return PageRoutes.html(renderer.incident(try await page(p, notice: Self.notice(done: p.query("done")))))
        }
        router.read("alerts") { request, context in
            let p = RequestParameters(request: request, context: context)
            var status: QueuedAlert.Status?
            if let text = p.query("status"), text.lowercased() != "all" {
                guard let parsed = QueuedAlert.Status(rawValue: text.lowercased()) else {
                    throw ServerError(.invalidParameter, "status=\(RequestParameters.shown(text)) is not pending, sending, sent, failed or all")
                }
                status = parsed
            }
            let deliveries = try await Stored.read { () throws(StoreError) in try await reads.deliveries(status: status) }
            return PageRoutes.html(renderer.alerts(AlertListPage(status: status, deliveries: deliveries,
                                                                 days: try p.days(default: configuration.defaultDays))))
        }
        guard let commands else { return }
        for verb in IncidentCommandRoutes.verbs {
            router.post("incidents/:incident/\(verb)") { request, context in
                try await command(verb, commands, RequestParameters(request: request, context: context), request: request)
            }
        }
    }

    private func page(_ p: RequestParameters, notice: String?) async throws -> IncidentPage {
        let id = try p.path("incident")
        let days = try p.days(default: configuration.defaultDays)
        let now = clock.now(), accepts = commands != nil
        return try await Stored.read { () throws(StoreError) in
            try await reads.page(id, now: now, days: days, acceptsCommands: accepts, notice: notice)
        }
    }

    private func command(_ verb: String, _ commands: any IncidentCommanding, _ p: RequestParameters, request: Request) async throws -> Response {
        try SameOrigin.check(request)
        let id = try p.path("incident")
        let form = Self.form(try await request.body.collect(upTo: 16_384))
        let failure: ServerError
        do throws(ServerError) {
            let now = clock.now()
            var body = IncidentCommandRoutes.Body(by: form["by"], note: form["note"])
            if let until = form["until"] {
                if TimeSpan(parsing: until) != nil { body.for = until } else { body.until = until }
            }
            let command = try IncidentCommandRoutes.command(verb, body, now: now)
            _ = try await IncidentCommandRoutes.perform(command, on: id, by: body.by ?? "dashboard", commands: commands, at: now)
            return .redirect(to: "/incidents/" + Escape.pathSegment(id) + "?done=" + verb, type: .normal)
        } catch {
            failure = error
        }
        // A command that does not apply, or a bad field: the incident's page, saying why.
        guard failure.code == .rejected || failure.code == .invalidParameter else { throw failure }
        return PageRoutes.html(renderer.incident(try await page(p, notice: "Not done: " + failure.message)), status: failure.status)
    }

    /// The fixed words a redirect's `done=` stands for (never text from the address).
    private static func notice(done: String?) -> String? {
        switch done {
        case "ack": "Acknowledged."
        case "resolve": "Resolved."
        case "suppress": "Suppressed."
        default: nil
        }
    }

    /// `status=`: one status, or `all` (or none) for every incident.
    private static func status(_ p: RequestParameters) throws(ServerError) -> Incident.Status? {
        guard let text = p.query("status"), text.lowercased() != "all" else { return nil }
        guard let status = Incident.Status(rawValue: text.uppercased()) else {
            throw ServerError(.invalidParameter, "status=\(RequestParameters.shown(text)) is not open, acknowledged, suppressed, resolved or all")
        }
        return status
    }

    /// An `application/x-www-form-urlencoded` body's fields; empty ones left out.
    static func form(_ buffer: ByteBuffer) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let name = decode(parts[0]), value = parts.count == 2 ? decode(parts[1]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            if !value.isEmpty, fields[name] == nil { fields[name] = value }
        }
        return fields
    }
}
