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

    /// Whether `path` is one of these routes, or the dashboard's form of one (`/incidents/{id}/ack`...).
    static func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let verb = parts.last, verbs.contains(String(verb)) else { return false }
        return (parts.count == 5 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "incidents")
            || (parts.count == 3 && parts[0] == "incidents")
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
        let command = try Self.command(verb, body, now: now)
        return try APIEncoding.response(try await Self.perform(command, on: id, by: body.by ?? "api", commands: commands, at: now))
    }

    /// The command `verb` and its fields ask for.
    /// - Throws: ``ServerError`` `invalidParameter` for a suppression without a valid end.
    static func command(_ verb: String, _ body: Body, now: Date) throws(ServerError) -> IncidentCommand {
        switch verb {
        case "ack": return .acknowledge
        case "resolve": return .resolve(note: body.note)
        default:
            if let until = body.until {
                guard let date = InstantText.date(until) ?? ISO8601DateFormatter().date(from: until) else {
                    throw ServerError(.invalidParameter, "until '\(RequestParameters.shown(until))' is not an ISO-8601 instant")
                }
                return .suppress(until: date)
            }
            if let span = body.for {
                guard let seconds = TimeSpan(parsing: span)?.seconds, seconds > 0 else {
                    throw ServerError(.invalidParameter, "for '\(RequestParameters.shown(span))' is not a time span like 30m or 2h")
                }
                return .suppress(until: now.addingTimeInterval(seconds))
            }
            throw ServerError(.invalidParameter, "suppress needs \"until\" (an instant) or \"for\" (a span like 2h)")
        }
    }

    /// Applies `command` through the monitor; the incident as it now is.
    /// - Throws: ``ServerError`` `notFound` (no such current incident), `rejected` (with why), `unavailable`.
    static func perform(_ command: IncidentCommand, on id: String, by person: String, commands: any IncidentCommanding,
                        at now: Date) async throws(ServerError) -> Incident {
        let action: IncidentStateMachine.Action
        do {
            action = try await commands.apply(command, to: id, by: person, at: now)
        } catch let error as StoreError {
            throw ServerError(error.code == .notFound ? .notFound : .unavailable, error.message)
        } catch {
            throw ServerError(.unavailable, "the command could not be applied: \(type(of: error))")
        }
        switch action {
        case .rejected(let why): throw ServerError(.rejected, why)
        case .acknowledged(let incident), .resolved(let incident), .suppressed(let incident), .updated(let incident):
            return incident
        default:
            throw ServerError(.rejected, "the command changed nothing")
        }
    }
}
