import ArgumentParser
import Assay
import AssayAlerting
import AssayMonitor
import AssayMonitorCore
import AssayOpenLineage
import AssayServer
import Foundation
import Logging
import ServiceLifecycle

/// `assay monitor`: the suite on its schedules and incremental polls, incidents and alerts, and the dashboard, in one
/// process (a swift-service-lifecycle `ServiceGroup` of the scheduler, the outbox and the HTTP server) until SIGINT
/// or SIGTERM.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Run the suite on its schedules: record every run, poll new rows, open and resolve incidents, send alerts, serve the dashboard.")

    @Option(name: .shortAndLong, help: "The suite (YAML, the seed's JSON, or a GX suite).")
    var config: String

    @Option(name: .shortAndLong, help: "The data source (default: the suite's 'source:').")
    var source: String?

    @Option(help: ArgumentHelp("The history store (default: the suite's 'store:', or assay.db beside the suite).", valueName: "URL"))
    var store: String?

    @Option(help: "The schedule of checks that name none (30s, 15m, 1h; default: the suite's monitor.every, the seed's check_interval_minutes, else 15m).")
    var every: String?

    @Option(help: ArgumentHelp("Where the dashboard and API listen (port 0: any free port).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"

    @Option(help: "A webhook every alert goes to (default: $ASSAY_WEBHOOK_URL); signed with $ASSAY_WEBHOOK_SECRET when set.")
    var webhook: String?

    @Option(help: "A bearer token the dashboard and API then need (default: $ASSAY_TOKEN).")
    var token: String?

    @Option(help: ArgumentHelp("The write connection automatic remediation uses when the suite says remediation: {apply: true} (default: $ASSAY_WRITER_URL, else the suite's remediation writer).", valueName: "URL"))
    var writer: String?

    @OptionGroup var openLineage: OpenLineageOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let suite = try await Output.attempt { () throws(AssayError) in try Assay.load(CheckRequest(config: .file(config))) }
        let schedule: Schedule
        let address: ListenAddress
        let routes: [AlertRoute]
        var notifiers: [any Notifier]
        do {
            schedule = try every.map { text throws(Schedule.Invalid) in try Schedule.every(text) } ?? SuiteMonitoring.schedule(suite: suite)
            address = try ListenAddress(parsing: listen)
            routes = try SuiteMonitoring.routes(suite: suite)
            notifiers = try ChannelNotifiers.make(suite.monitor?.channels ?? [], source: suite.name) + ChannelNotifiers.seed(suite.alerting, environment: environment)
        } catch let error as Schedule.Invalid {
            Output.error(error.message)
            throw ExitCode(3)
        } catch let error as ServerError {
            Output.error(error.message)
            throw ExitCode(3)
        } catch let error as SMTPError {
            Output.error(error.description)
            throw ExitCode(3)
        }
        var allRoutes = routes
        if let hook = webhook ?? environment["ASSAY_WEBHOOK_URL"] {
            notifiers.append(WebhookNotifier(channel: "webhook", url: WebhookURL(hook), secret: environment["ASSAY_WEBHOOK_SECRET"]))
            allRoutes.insert(AlertRoute(name: "webhook", channels: ["webhook"], continue: true), at: 0)
        }
        for channel in Set(allRoutes.flatMap(\.channels)) where !notifiers.contains(where: { $0.channel == channel }) {
            Output.warning("alerts routed to channel '\(channel)' cannot be sent: it is not configured (they stay in the outbox as failed, visible on the dashboard)")
        }
        let emitter = openLineage.emitter
        do throws(OpenLineageError) { _ = try emitter.settings(for: suite) } catch {
            Output.error(error.message)
            throw ExitCode(3)
        }
        let source = try await Output.attempt { () throws(AssayError) in try Assay.openSource(for: suite, override: self.source) }
        let rowWriter = try remediationWriter(suite)
        let location = store.map { SourceURL.resolvingRelativePath($0, relativeTo: "") } ?? suite.store ?? "sqlite:" + StoreOptions.besideSuite(config)
        let token = token ?? environment["ASSAY_TOKEN"]
        let owners = Dictionary(suite.tables.compactMap { t in t.owner.map { (t.name, $0) } }, uniquingKeysWith: { a, _ in a })
        let tags = Dictionary(suite.tables.map { ($0.name, $0.tags) }, uniquingKeysWith: { a, _ in a })
        let group = notifiers
        let failure: String? = try await Output.stored { () throws(StoreError) in
            try await StoreFactory.withStore(location) { opened throws(StoreError) -> String? in
                guard let incidents = opened as? any IncidentStore else { return "the store \(location) cannot hold incidents" }
                let request = CheckRequest(config: .file(config), source: self.source)
                let lineage = LineageCache(suite: request, store: opened, ttl: .seconds(300))
                let tracker = IncidentTracker(store: incidents, suite: suite.name, router: AlertRouter(routes: allRoutes), owners: owners,
                                              tags: tags, blastRadius: { table in await lineage.blastRadius(of: table) }) { severity in
                    SuiteMonitoring.policy(for: severity, suite: suite)
                }
                let server: DashboardServer
                do throws(AssayError) {
                    server = try DashboardServer(store: opened, suite: request,
                                                 configuration: ServerConfiguration(listen: address, token: token), commands: tracker,
                                                 metricsHelp: MonitorMetrics.help, lineage: lineage)
                } catch {
                    return error.description
                }
                let metrics = MonitorMetrics(factory: server.metricsFactory)
                let remediation = rowWriter.flatMap { writer in
                    (opened as? any RemediationLog).map { log in
                        AuditedRemediation(remediator: Remediator(settings: suite.remediation ?? RemediationSettings()), writer: writer, log: log,
                                           incidents: incidents, actor: "assay monitor")
                    }
                }
                let monitor = MonitorService(suite: suite, engine: RunEngine(source: source), defaultSchedule: schedule, results: opened,
                                             watermarks: opened as? any WatermarkStore, tracker: tracker, metrics: metrics, remediation: remediation,
                                             emitter: emitter)
                let outbox = OutboxService(tracker: tracker, dispatcher: OutboxDispatcher(store: incidents, notifiers: group,
                                                                                          dashboard: "http://\(address)/", metrics: metrics))
                let app = server.application { bound in
                    FileHandle.standardOutput.write(Data("Assay monitor: \(suite.name) \(schedule); dashboard http://\(bound)/  (Ctrl-C stops)\n".utf8))
                }
                let services = ServiceGroup(configuration: .init(services: [monitor, outbox, app], gracefulShutdownSignals: [.sigterm, .sigint],
                                                                 logger: Logger(label: "assay.monitor")))
                return await source.open { () async -> String? in
                    do {
                        try await services.run()
                        return nil
                    } catch {
                        return "the monitor stopped: \(Output.reason(error))"
                    }
                }
            }
        }
        if let failure {
            Output.error(failure)
            throw ExitCode(3)
        }
    }

    /// The write connection when the suite applies automatic remediation; a notice when it has automatic actions
    /// it will not apply.
    private func remediationWriter(_ suite: Suite) throws -> (any RowWriter)? {
        let automatic = suite.tables.flatMap(\.checks).filter { $0.remediation?.automatic == true && $0.remediation?.action != nil }
        guard suite.remediation?.apply == true else {
            if !automatic.isEmpty {
                Output.warning("\(automatic.count) check\(automatic.count == 1 ? " has" : "s have") automatic remediation, which the monitor does not apply: set remediation: {apply: true} in the suite (assay remediate shows what it would do)")
            }
            return nil
        }
        let url = try WriterOption.required(writer, suite: suite,
                                            missing: "remediation apply: true needs a write connection: --writer URL, $ASSAY_WRITER_URL, or remediation: {writer: URL} in the suite")
        do {
            return try WriterFactory.open(url, limits: suite.limits)
        } catch {
            Output.error(error.message)
            throw ExitCode(3)
        }
    }
}
