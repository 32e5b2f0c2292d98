import Hummingbird
import Logging

/// Turns every error into an answer: a ``ServerError`` keeps its status, Hummingbird's own errors (an unknown route)
/// keep theirs, anything else is a 503 that is logged. API and `/metrics` callers get JSON; pages get HTML.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return Self.response(error, for: request)
        } catch let error as HTTPError {
            let code: ServerError.Code = switch error.status {
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .badRequest: .invalidParameter
            default: .unavailable
            }
            let message = error.status == .notFound ? "no such page or API route: \(RequestParameters.shown(request.uri.path))" : error.body ?? "\(error.status)"
            return Self.response(ServerError(code, message), for: request)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return Self.response(ServerError(.unavailable, "the request could not be answered: \(type(of: error))"), for: request)
        }
    }

    static func response(_ error: ServerError, for request: Request) -> Response {
        var response = wantsHTML(request) ? ErrorPage.response(error) : APIEncoding.error(error)
        if error.code == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="assay""# }
        return response
    }

    /// Pages are everything outside `/api/`, `/metrics` and `/healthz`.
    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        return !(path.hasPrefix("/api/") || path == "/api" || path == "/metrics" || path == "/healthz")
    }
}

/// The server is read-only: GET and HEAD only, except the incident commands where the monitor serves them: the API's
/// `POST /api/v1/incidents/{id}/ack|resolve|suppress` and the incident page's forms `POST /incidents/{id}/ack|...`,
/// and the OpenLineage events of `POST /api/v1/lineage`.
struct ReadOnlyMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let allowsIncidentCommands: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if allowsIncidentCommands, request.method == .post, IncidentCommandRoutes.matches(request.uri.path) {
            return try await next(request, context)
        }
        if request.method == .post, request.uri.path == LineageRoutes.path { return try await next(request, context) }
        guard request.method == .get || request.method == .head else {
            throw ServerError(.methodNotAllowed, "the Assay server is read-only: \(request.method) is not allowed (only GET and HEAD)")
        }
        return try await next(request, context)
    }
}
