import Assay
import AssayMonitorCore
import CoreMetrics
import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// `assay serve`: the dashboard pages, the JSON API, `/healthz` and `/metrics` over one history store, read-only.
///
/// ```swift
/// let server = try DashboardServer(store: store, configuration: ServerConfiguration(token: "s3cret"))
/// try await server.run { address in print("listening on http://\(address)/") }   // until SIGTERM or SIGINT
/// ```
public struct DashboardServer: Sendable {
    let store: any ResultStore
    let configuration: ServerConfiguration
    let trends: TrendCache?
    let registry = PrometheusCollectorRegistry()
    let quality: QualityMetrics
    let logger: Logger
    let clock: any RunClock
    let commands: (any IncidentCommanding)?
    let metricsHelp: [String: String]
    /// The lineage graph the `/lineage` page draws (and the monitor's incidents take their blast radius from).
    public let lineage: LineageCache
    /// The suite's checks, severities and targets, for the compliance page.
    let complianceSuite: Suite?

    /// - Parameters:
    ///   - store: the history store pages and API read.
    ///   - suite: the suite (and its source) whose data trends the dashboard and `/api/v1/trends` show; without it
    ///     they show recorded history only.
    ///   - clock: "now" for the spans pages and `days=` cover.
    ///   - commands: who acknowledges, resolves and suppresses incidents (the monitor); without it those routes are 405.
    ///   - metricsHelp: help texts of the metrics others record through ``metricsFactory`` (the monitor's own).
    ///   - lineage: the lineage graph to serve (the monitor shares its own); by default one of `suite` and `store`.
    /// - Throws: ``AssayError`` when `suite` cannot be loaded.
    public init(store: any ResultStore, suite: CheckRequest? = nil, configuration: ServerConfiguration = ServerConfiguration(),
                clock: any RunClock = WallClock(), commands: (any IncidentCommanding)? = nil, metricsHelp: [String: String] = [:],
                lineage: LineageCache? = nil, logger: Logger = Logger(label: "assay.server")) throws(AssayError) {
        self.store = store
        self.metricsHelp = metricsHelp
        self.commands = commands
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        trends = try suite.map { request throws(AssayError) in try TrendCache(request: request, ttl: configuration.trendTTL) }
        self.lineage = lineage ?? LineageCache(suite: suite, store: store, ttl: configuration.trendTTL)
        complianceSuite = try suite.map { request throws(AssayError) in try Assay.load(request) }
        quality = QualityMetrics(store: store, factory: PrometheusMetricsFactory(registry: registry))
    }

    /// Where other parts of the process record metrics that `/metrics` then exposes.
    public var metricsFactory: any MetricsFactory { PrometheusMetricsFactory(registry: registry) }

    /// The routes, behind the middleware: request metrics, errors as JSON or HTML, read-only, the token.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: registry)))
        router.middlewares.add(ErrorMiddleware())
        router.middlewares.add(ReadOnlyMiddleware(allowsIncidentCommands: commands != nil))
        if let token = configuration.token { router.middlewares.add(TokenMiddleware(token: token)) }
        router.read("healthz") { _, _ in try await health() }
        router.read("metrics") { _, _ in await metrics() }
        APIRoutes(store: store, trends: trends, configuration: configuration, clock: clock).add(to: router)
        IncidentRoutes(store: store).add(to: router)
        if let commands { IncidentCommandRoutes(commands: commands, clock: clock).add(to: router) }
        PageRoutes(loader: DashboardLoader(store: store, trends: trends?.provider), configuration: configuration,
                   incidents: IncidentReads(store: store)).add(to: router)
        IncidentPageRoutes(reads: IncidentReads(store: store), commands: commands, configuration: configuration, clock: clock).add(to: router)
        LineageRoutes(cache: lineage).add(to: router)
        CompliancePageRoutes(store: store, suite: complianceSuite, clock: clock).add(to: router)
        return router
    }

    /// The server as a swift-service-lifecycle `Service` (run it with `runService()` or in a `ServiceGroup`).
    /// - Parameter onListening: called with the bound address once the server accepts connections (port 0 binds a
    ///   free port).
    public func application(onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) -> some ApplicationProtocol {
        let listen = configuration.listen
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: "Assay"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                await onListening(ListenAddress(host: listen.host, port: port))
            },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT (then finishes the requests in flight and returns).
    /// - Throws: ``ServerError`` with code `cannotListen` when the address cannot be bound.
    public func run(onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) async throws(ServerError) {
        do {
            try await application(onListening: onListening).runService()
        } catch let error as IOError {
            let reason = switch error.errnoCode {
            case EADDRINUSE: "the address is already in use (another server listens there)"
            case EADDRNOTAVAIL: "the address is not one of this machine's"
            case EACCES: "permission denied (ports below 1024 need privileges)"
            default: String(cString: strerror(error.errnoCode))
            }
            throw ServerError(.cannotListen, "cannot listen on \(configuration.listen): \(reason)")
        } catch {
            throw ServerError(.unavailable, "the server stopped: \(error)")
        }
    }

    private func health() async throws -> Response {
        do throws(StoreError) {
            _ = try await store.runs(last: 1)
        } catch {
            return try APIEncoding.response(["status": "degraded", "store": error.message], status: .serviceUnavailable)
        }
        return try APIEncoding.response(["status": "ok", "store": "readable"])
    }

    private func metrics() async -> Response {
        _ = await quality.refresh()
        let text = MetricNames.annotate(registry.emitToString(), extra: metricsHelp)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
