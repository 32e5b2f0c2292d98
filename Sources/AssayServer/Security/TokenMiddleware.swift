import Hummingbird

/// With a token set, every route but `/healthz` needs it: `Authorization: Bearer TOKEN`, or the cookie a browser
/// gets by opening any page once with `?token=TOKEN` (it is then redirected to the page without the token, so the
/// token does not stay in the address bar or the history). Compared in constant time. A request the cookie
/// authorises that changes something (an incident command) must also come from this server's own pages
/// (``SameOrigin``), so another site cannot make a signed-in browser send one.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String
    static let cookie = "assay_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", ConstantTime.equal(parts[1], token) else {
                throw ServerError(.unauthorized, "the bearer token is wrong")
            }
            return try await next(request, context)
        }
        if let cookie = request.cookies[Self.cookie], ConstantTime.equal(cookie.value, token) {
            if request.method != .get && request.method != .head { try SameOrigin.check(request) }
            return try await next(request, context)
        }
        if request.method == .get || request.method == .head, ErrorMiddleware.wantsHTML(request),
           let given = request.uri.queryParameters["token"] {
            guard ConstantTime.equal(given, token) else { throw ServerError(.unauthorized, "the token is wrong") }
            var response = Response.redirect(to: Self.withoutToken(path: request.uri.path, query: request.uri.query), type: .found)
            response.setCookie(Cookie(name: Self.cookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        throw ServerError(.unauthorized, "this server needs a token: send 'Authorization: Bearer TOKEN', or open a page once with ?token=TOKEN")
    }

    /// A path and query without the query's `token` parameter.
    static func withoutToken(path: String, query: String?) -> String {
        let rest = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("token=") }
        return path + (rest.isEmpty ? "" : "?" + rest.joined(separator: "&"))
    }
}
