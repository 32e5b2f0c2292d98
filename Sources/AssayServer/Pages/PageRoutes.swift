import Assay
import Foundation
import Hummingbird

/// The dashboard's pages, drawn by the same renderer as `assay report --html`: the overview (with the monitor's open
/// incidents and outbox), a table, a check with its history (and its current incident), a run. Each takes
/// `?suite=S&days=N`.
struct PageRoutes {
    let loader: DashboardLoader
    let configuration: ServerConfiguration
    let incidents: IncidentReads
    let renderer = DashboardRenderer(links: .routes(prefix: ""))

    func add(to router: Router<BasicRequestContext>) {
        router.read("/") { request, context in
            try await page(request, context) { p, suite, days throws(DashboardError) in
                let page = try await loader.overview(suite: suite, days: days)
                return renderer.overview(page, incidents: try await Self.incidentRead { () throws(StoreError) in try await incidents.summary() })
            }
        }
        router.read("tables/:table") { request, context in
            try await page(request, context) { p, suite, days throws(DashboardError) in
                renderer.table(try await loader.table(try p.pathOrThrow("table"), suite: suite, days: days))
            }
        }
        router.read("checks/:check") { request, context in
            try await page(request, context) { p, suite, days throws(DashboardError) in
                let page = try await loader.check(CheckKey(try p.pathOrThrow("check")), suite: suite, days: days)
                let current = try await Self.incidentRead { () throws(StoreError) in try await incidents.current(page.latest.key, suite: page.suite) }
                return renderer.check(page, incident: current)
            }
        }
        router.read("runs/:run") { request, context in
            try await page(request, context) { p, suite, days throws(DashboardError) in
                renderer.run(try await loader.run(try p.pathOrThrow("run"), days: days))
            }
        }
    }

    /// One page: its parameters checked, the loader's errors answered with their status; an empty store is a page
    /// that says how to record a first run.
    private func page(_ request: Request, _ context: BasicRequestContext,
                      _ render: (RequestParameters, String?, Int) async throws(DashboardError) -> String) async throws -> Response {
        let p = RequestParameters(request: request, context: context)
        let days = try p.days(default: configuration.defaultDays)
        do {
            return Self.html(try await render(p, p.query("suite"), days))
        } catch where error.code == .emptyStore {
            return Self.html(renderer.message(title: "No runs yet",
                                              text: "The store has no recorded run: run `assay check --config SUITE` (it records into this store), then reload."))
        } catch {
            throw ServerError(Self.code(error.code), error.message)
        }
    }

    /// An incident read for a page, its failure as the loader's.
    private static func incidentRead<T>(_ body: () async throws(StoreError) -> T) async throws(DashboardError) -> T {
        do { return try await body() } catch { throw DashboardError(.storeUnavailable, error.message, store: error) }
    }

    private static func code(_ code: DashboardError.Code) -> ServerError.Code {
        switch code {
        case .notFound: .notFound
        case .invalidRequest: .invalidParameter
        default: .unavailable
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

extension RequestParameters {
    /// A path segment, for the loader (a malformed one is an invalid request).
    func pathOrThrow(_ name: String) throws(DashboardError) -> String {
        do {
            return try path(name)
        } catch {
            throw DashboardError(.invalidRequest, error.message)
        }
    }
}
