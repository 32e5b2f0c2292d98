import Foundation
import Hummingbird

/// Against cross-site request forgery. A browser sends the cookie that `?token=` set with every request to this
/// server, including one that a page of another site makes it send (a form posting here); such a request carries
/// that page's origin. So a state-changing request a browser sends must come from one of this server's own pages:
/// its `Origin` (or, without one, its `Referer`) must name the host and port the request was sent to (`Host`).
/// Requests with `Authorization: Bearer` need no such check: another site's page cannot make a browser add it.
enum SameOrigin {
    /// - Throws: ``ServerError`` with code `forbidden` when the request comes from another origin or does not say.
    static func check(_ request: Request) throws(ServerError) {
        guard let authority = request.head.authority, let target = URLComponents(string: "http://" + authority), let host = target.host else {
            throw ServerError(.forbidden, "the request names no Host, so it cannot be checked to come from this server's pages")
        }
        guard let source = request.headers[.origin] ?? request.headers[.referer], let from = URLComponents(string: source),
              let fromHost = from.host, let scheme = from.scheme?.lowercased() else {
            throw ServerError(.forbidden, "a command must be sent from this server's own pages (the request has no Origin or Referer)")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        guard fromHost.lowercased() == host.lowercased(), (from.port ?? defaultPort) == (target.port ?? defaultPort) else {
            throw ServerError(.forbidden, "a command must be sent from this server's own pages, not from \(RequestParameters.shown(source))")
        }
    }
}
