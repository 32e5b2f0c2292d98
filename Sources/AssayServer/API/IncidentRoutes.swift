import Assay
import AssayMonitorCore
import Foundation
import Hummingbird

/// The incidents the monitor keeps, read from the store: `GET /api/v1/incidents?status=OPEN&last=N` and
/// `GET /api/v1/incidents/{id}`. A store that keeps no incidents answers an empty list.
struct IncidentRoutes {
    let store: any ResultStore

    func add(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.read("incidents") { request, context in try await list(RequestParameters(request: request, context: context)) }
        api.read("incidents/:incident") { request, context in try await one(RequestParameters(request: request, context: context)) }
    }

    private func list(_ p: RequestParameters) async throws -> Response {
        let last = try p.count("last", in: 1...1_000, default: 100)
        var status: Incident.Status?
        if let text = p.query("status") {
            guard let parsed = Incident.Status(rawValue: text.uppercased()) else {
                throw ServerError(.invalidParameter, "status=\(RequestParameters.shown(text)) is not OPEN, ACKNOWLEDGED, SUPPRESSED or RESOLVED")
            }
            status = parsed
        }
        guard let incidents = store as? any IncidentStore else { return try APIEncoding.response(["incidents": [Incident]()]) }
        return try APIEncoding.response(["incidents": try await Stored.read { () throws(StoreError) in
            try await incidents.incidents(status: status, last: last)
        }])
    }

    private func one(_ p: RequestParameters) async throws -> Response {
        let id = try p.path("incident")
        guard let incidents = store as? any IncidentStore else { throw ServerError(.notFound, "the store keeps no incidents") }
        let record = try await Stored.read { () throws(StoreError) in try await incidents.incident(id: id) }
        guard let incident = record.state.incident else { throw ServerError(.notFound, "no incident \(RequestParameters.shown(id))") }
        return try APIEncoding.response(incident)
    }
}
