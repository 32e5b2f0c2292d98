import ArgumentParser
import Assay
import AssayAlerting
import AssayMonitor
import AssayMonitorCore
import AssayServer
import Foundation
import Logging
import ServiceLifecycle

/// `assay monitor`: the suite on a schedule, incidents and alerts, and the dashboard, in one process (a
/// swift-service-lifecycle `ServiceGroup` of the scheduler, the outbox and the HTTP server) until SIGINT or SIGTERM.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Run the suite on a schedule: record every run, open and resolve incidents, send alerts, serve the dashboard.")

    @Option(name: .shortAndLong, help: "The suite (YAML, the seed's JSON, or a GX suite).")
    var config: String

    @Option(name: .shortAndLong, help: "The data source (default: the suite's 'source:').")
    var source: String?

    @Option(help: ArgumentHelp("The history store (default: the suite's 'store:', or assay.db beside the suite).", valueName: "URL"))
    var store: String?

    @Option(help: "How often the suite runs (30s, 15m, 1h; default: the seed's check_interval_minutes, else 15m).")
    var every: String?

    @Option(help: ArgumentHelp("Where the dashboard and API listen (port 0: any free port).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"

    @Option(help: "A webhook every alert goes to (default: $ASSAY_WEBHOOK_URL); signed with $ASSAY_WEBHOOK_SECRET when set.")
    var webhook: String?

    @Option(help: "A bearer token the dashboard and API then need (default: $ASSAY_TOKEN).")
    var token: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let suite = try await Output.attempt { () throws(AssayError) in try Assay.load(CheckRequest(config: .file(config))) }
        let schedule: Schedule
        let address: ListenAddress
        do {
            if let every { schedule = try Schedule.every(every) }
            else if let minutes = suite.monitoring?.checkIntervalMinutes { schedule = try Schedule.everyMinutes(minutes) }
            else { schedule = .every(seconds: 900) }
            address = try ListenAddress(parsing: listen)
        } catch let error as Schedule.Invalid {
            Output.error(error.message)
            throw ExitCode(3)
        } catch let error as ServerError {
            Output.error(error.message)
            throw ExitCode(3)
        }
        let source = try await Output.attempt { () throws(AssayError) in try Assay.openSource(for: suite, override: self.source) }
        let location = store.map { SourceURL.resolvingRelativePath($0, relativeTo: "") } ?? suite.store ?? "sqlite:" + StoreOptions.besideSuite(config)

        var notifiers: [any Notifier] = []
        var routes = SeedAlerting.routes(suite.alerting).map { route in
            var only = route
            only.channels = route.channels.filter { $0 == "slack" }    // email goes out once the SMTP client exists
            return only
        }.filter { !$0.channels.isEmpty }
        if let slack = suite.alerting?.slackWebhook { notifiers.append(SlackNotifier(url: slack)) }
        if let hook = webhook ?? environment["ASSAY_WEBHOOK_URL"] {
            notifiers.append(WebhookNotifier(channel: "webhook", url: WebhookURL(hook), secret: environment["ASSAY_WEBHOOK_SECRET"]))
            routes.insert(AlertRoute(name: "webhook", channels: ["webhook"], continue: true), at: 0)
        }
        let token = token ?? environment["ASSAY_TOKEN"]
        let monitoring = suite.monitoring, alerting = suite.alerting
        let failure: String? = try await Output.stored { () throws(StoreError) in
            try await StoreFactory.withStore(location) { opened throws(StoreError) -> String? in
                guard let incidents = opened as? any IncidentStore else { return "the store \(location) cannot hold incidents" }
                let tracker = IncidentTracker(store: incidents, suite: suite.name, router: AlertRouter(routes: routes)) { severity in
                    SeedAlerting.policy(for: severity, monitoring: monitoring, alerting: alerting)
                }
                let dashboard = "http://\(address)/"
                let monitor = MonitorService(suite: suite, engine: RunEngine(source: source), schedule: schedule, results: opened, tracker: tracker)
                let outbox = OutboxService(tracker: tracker, dispatcher: OutboxDispatcher(store: incidents, notifiers: notifiers, dashboard: dashboard))
                let server: DashboardServer
                do throws(AssayError) {
                    server = try DashboardServer(store: opened, suite: CheckRequest(config: .file(config), source: self.source),
                                                 configuration: ServerConfiguration(listen: address, token: token), commands: tracker)
                } catch {
                    return error.description
                }
                let app = server.application { bound in
                    FileHandle.standardOutput.write(Data("Assay monitor: \(suite.name) \(schedule); dashboard http://\(bound)/  (Ctrl-C stops)\n".utf8))
                }
                let group = ServiceGroup(configuration: .init(services: [monitor, outbox, app], gracefulShutdownSignals: [.sigterm, .sigint],
                                                              logger: Logger(label: "assay.monitor")))
                return await source.open { () async -> String? in
                    do {
                        try await group.run()
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
}
