import Assay
import AssayMonitorCore
import Foundation

/// The lineage graph the server draws and the monitor's incidents take their blast radius from: the suite's
/// `lineage:` section and the source's lineage tables (read again once older than the TTL: a page view must not
/// scan the source each time), and the OpenLineage events the store received (read on every use, so an event
/// POSTed a moment ago is already in the graph).
public actor LineageCache {
    private let request: CheckRequest?
    private let store: (any LineageStore)?
    private let ttl: Duration
    private var base: (computed: ContinuousClock.Instant, suite: Suite?, load: LineageLoad)?
    /// Why the suite's part could not be read last time: kept for the TTL too, so a source that is down or slow is
    /// not asked again by every failing check of every run.
    private var failure: (at: ContinuousClock.Instant, error: LineageError)?

    /// - Parameters:
    ///   - suite: the suite (and its source); without it only the received events make the graph.
    ///   - store: the history store; events are received only when it can hold them (``AssayStore/LineageStore``).
    public init(suite: CheckRequest?, store: (any ResultStore)?, ttl: Duration) {
        request = suite
        self.store = store as? any LineageStore
        self.ttl = ttl
    }

    /// Where received events are stored, when the store can hold them.
    nonisolated var lineageStore: (any LineageStore)? { store }

    /// The graph now.
    /// - Throws: ``LineageError`` when the suite, its source, a lineage table, an event file or the store cannot be read.
    public func load() async throws(LineageError) -> LineageLoad {
        let now = ContinuousClock.now
        let current: (suite: Suite?, load: LineageLoad)
        if let base, now - base.computed < ttl {
            current = (base.suite, base.load)
        } else if let failure, now - failure.at < ttl {
            throw failure.error
        } else {
            do throws(LineageError) {
                current = try await readBase()
            } catch {
                failure = (now, error)
                throw error
            }
            base = (now, current.suite, current.load)
            failure = nil
        }
        guard let store else { return current.load }
        var received: [LineageEdge] = []
        do throws(StoreError) { received = try await store.lineageEdges() } catch {
            throw LineageError(.storeUnavailable, "cannot read lineage from the store: \(error.message)")
        }
        let owners = Dictionary((current.suite?.tables ?? []).compactMap { t in t.owner.map { (t.name, $0) } }, uniquingKeysWith: { a, _ in a })
        let graph = LineageGraph(edges: current.load.graph.edges + received, datasets: current.suite?.lineage?.datasets ?? [], owners: owners)
        let read = current.load.read + (received.isEmpty ? [] : ["received events: \(received.count) edge\(received.count == 1 ? "" : "s")"])
        return LineageLoad(graph: graph, read: read)
    }

    /// What `table` feeds, for an incident; `nil` when the graph cannot be read or does not know the table.
    public func blastRadius(of table: String) async -> BlastRadius? {
        guard let load = try? await load() else { return nil }
        return BlastRadius(table: table, graph: load.graph)
    }

    private func readBase() async throws(LineageError) -> (suite: Suite?, load: LineageLoad) {
        guard let request else { return (nil, try await Assay.lineage(LineageRequest())) }
        let suite: Suite
        let source: any DataSource
        do throws(AssayError) {
            suite = try Assay.load(request)
            source = try Assay.openSource(for: suite, override: request.source)
        } catch {
            throw LineageError(.invalidConfig, error.description)
        }
        var folder = ""
        if case .file(let path) = request.config { folder = (path as NSString).deletingLastPathComponent }
        let lineageRequest = LineageRequest(suite: suite, suiteFolder: folder, source: source)
        let result = await source.open { () async -> Result<LineageLoad, LineageError> in
            do throws(LineageError) { return .success(try await Assay.lineage(lineageRequest)) } catch { return .failure(error) }
        }
        return (suite, try result.get())
    }
}
