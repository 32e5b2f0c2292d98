import Assay
import AssayDashboard
import AssayMonitorCore
import Foundation
import Hummingbird

/// Lineage over HTTP: `POST /api/v1/lineage` receives OpenLineage events (the OpenLineage HTTP transport's path: one
/// event, or a JSON list of them, all stored or none), `GET /api/v1/lineage[?table=T[&column=C]]` answers the graph's
/// health or an impact as JSON, and `GET /lineage[?table=T[&column=C]]` draws the graph with the impact marked.
struct LineageRoutes {
    let cache: LineageCache
    let renderer = DashboardRenderer(links: .routes(prefix: ""))

    /// The largest request body taken: 8 MiB (an event with large schema facets fits).
    static let bodyLimit = 8 << 20
    static let path = "/api/v1/lineage"

    func add(to router: Router<BasicRequestContext>) {
        router.post("api/v1/lineage") { request, _ in try await receive(request) }
        router.read("api/v1/lineage") { request, context in
            let p = RequestParameters(request: request, context: context)
            let load = try await graph()
            guard let table = p.query("table") else {
                let graph = load.graph
                return try APIEncoding.response(Health(datasets: graph.sortedDatasets, edges: graph.edges.count, cycles: graph.cycles(),
                                                       dangling: graph.dangling, read: load.read))
            }
            return try APIEncoding.response(try impact(load, table: table, column: p.query("column")))
        }
        router.read("lineage") { request, context in
            let p = RequestParameters(request: request, context: context)
            let load = try await graph()
            let impact = try p.query("table").map { table throws(ServerError) in try self.impact(load, table: table, column: p.query("column")) }
            return PageRoutes.html(renderer.lineage(LineagePage(graph: load.graph, impact: impact, read: load.read)))
        }
    }

    struct Health: Encodable {
        var datasets: [LineageDataset]
        var edges: Int
        var cycles: [[String]]
        var dangling: [LineageEdge]
        var read: [String]
    }

    struct Stored: Encodable {
        var status = "stored"
        var events: Int
        var edges: Int
    }

    private func graph() async throws(ServerError) -> LineageLoad {
        do { return try await cache.load() } catch { throw ServerError(.unavailable, error.message) }
    }

    private func impact(_ load: LineageLoad, table: String, column: String?) throws(ServerError) -> LineageImpact {
        do {
            let target = column.map { LineageTarget(table: table, column: $0) } ?? LineageTarget(table: table)
            return try load.graph.impact(of: target)
        } catch {
            throw ServerError(.notFound, error.message)
        }
    }

    /// Reads, checks and stores the events of one request: a 400 naming what is wrong (and nothing stored), or 201.
    private func receive(_ request: Request) async throws -> Response {
        guard let store = cache.lineageStore else {
            throw ServerError(.notConfigured, "this server's store cannot hold lineage events")
        }
        // A browser cannot send JSON to another site without asking first (and is never answered), so a page of
        // another site cannot post events with the dashboard's cookie.
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
            throw ServerError(.invalidParameter, "send OpenLineage events as Content-Type: application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.bodyLimit)
        } catch {
            throw ServerError(.invalidParameter, "the body is larger than \(Self.bodyLimit >> 20) MiB")
        }
        let data = Data(buffer: buffer)
        let events = try Self.split(data)
        var edges: [LineageEdge] = []
        for (index, event) in events.enumerated() {
            do throws(LineageError) {
                edges += try OpenLineageEvents.edges(of: event)
            } catch {
                throw ServerError(.invalidParameter, (events.count > 1 ? "event \(index + 1): " : "") + error.message)
            }
        }
        do throws(StoreError) {
            try await store.saveLineage(edges)
        } catch {
            throw ServerError(.unavailable, "the events cannot be stored: \(error.message)")
        }
        return try APIEncoding.response(Stored(events: events.count, edges: edges.count), status: .created)
    }

    /// One event, or each event of a JSON list.
    static func split(_ data: Data) throws(ServerError) -> [Data] {
        let first = data.first { !(" \t\r\n" as String).utf8.contains($0) }
        guard first == UInt8(ascii: "[") else { return [data] }
        guard let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw ServerError(.invalidParameter, "the body is not JSON: an OpenLineage event, or a list of them")
        }
        guard !list.isEmpty else { throw ServerError(.invalidParameter, "the list of events is empty") }
        var events: [Data] = []
        for item in list {
            guard JSONSerialization.isValidJSONObject(item), let one = try? JSONSerialization.data(withJSONObject: item) else {
                throw ServerError(.invalidParameter, "each item of the list must be an OpenLineage event (a JSON object)")
            }
            events.append(one)
        }
        return events
    }
}
