import Assay
import AssayMonitorCore
import Foundation
import Hummingbird

/// `POST /api/v1/incidents/{id}/ack`, `/resolve` and `/suppress`, where the monitor serves them. The body is
/// optional JSON: `{"by": "ana", "note": "fixed upstream"}` for resolve, `{"by": "ana", "for": "2h"}` or
/// `{"until": "2026-12-01T18:00:00Z"}` for suppress. The answer is the incident as it now is; a command that does not
/// apply (acknowledging a resolved incident) is a 409 saying why.
struct IncidentCommandRoutes {
    let commands: any IncidentCommanding
    let clock: any RunClock

    static let verbs = ["ack", "resolve", "suppress"]

    /// Whether `path` is one of these routes.
    static func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 5 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "incidents" && verbs.contains(String(parts[4]))
    }

    struct Body: Decodable {
        var by: String?
        var note: String?
        var until: String?
        var `for`: String?
    }

    func add(to router: Router<BasicRequestContext>) {
        for verb in Self.verbs {
            router.post("api/v1/incidents/:incident/\(verb)") { request, context in
                try await command(verb, RequestParameters(request: request, context: context), request: request)
            }
        }
    }

    private func command(_ verb: String, _ p: RequestParameters, request: Request) async throws -> Response {
        let id = try p.path("incident")
        let data = try await request.body.collect(upTo: 16_384)
        var body = Body()
        if data.readableBytes > 0 {
            do {
                body = try JSONDecoder().decode(Body.self, from: Data(buffer: data))
            } catch {
                throw ServerError(.invalidParameter, "the body is not JSON like {\"by\": \"ana\", \"note\": \"...\"}")
            }
        }
        let now = clock.now()
        let command: IncidentCommand
        switch verb {
        case "ack": command = .acknowledge
        case "resolve": command = .resolve(note: body.note)
        default:
            if let until = body.until {
                guard let date = InstantText.date(until) ?? ISO8601DateFormatter().date(from: until) else {
                    throw ServerError(.invalidParameter, "until '\(RequestParameters.shown(until))' is not an ISO-8601 instant")
                }
                command = .suppress(until: date)
            } else if let span = body.for {
                guard let seconds = TimeSpan(parsing: span)?.seconds, seconds > 0 else {
                    throw ServerError(.invalidParameter, "for '\(RequestParameters.shown(span))' is not a time span like 30m or 2h")
                }
                command = .suppress(until: now.addingTimeInterval(seconds))
            } else {
                throw ServerError(.invalidParameter, "suppress needs \"until\" (an instant) or \"for\" (a span like 2h)")
            }
        }
        let action: IncidentStateMachine.Action
        do {
            action = try await commands.apply(command, to: id, by: body.by ?? "api", at: now)
        } catch let error as StoreError {
            throw ServerError(error.code == .notFound ? .notFound : .unavailable, error.message)
        }
        switch action {
        case .rejected(let why): throw ServerError(.rejected, why)
        case .acknowledged(let incident), .resolved(let incident), .suppressed(let incident), .updated(let incident):
            return try APIEncoding.response(incident)
        default:
            throw ServerError(.rejected, "the command changed nothing")
        }
    }
}
