import ArgumentParser
import Assay
import AssayServer
import Foundation

/// `assay serve`: the dashboard, the JSON API and /metrics over the history store, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard, the JSON API (/api/v1) and Prometheus /metrics from the history store (read-only; it also stores the OpenLineage events POSTed to /api/v1/lineage).")

    @OptionGroup var store: ReadStoreOptions

    @Option(help: ArgumentHelp("Where to listen (port 0: any free port).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"

    @Option(help: "A bearer token every route but /healthz then needs (default: $ASSAY_TOKEN).")
    var token: String?

    @Option(help: "Days a page or API call covers unless it says (days=N).")
    var days = 30

    func run() async throws {
        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: listen)
        } catch {
            Output.error(error.message)
            throw ExitCode(3)
        }
        guard (1...3_650).contains(days) else {
            Output.error("--days must be from 1 to 3650 (got \(days))")
            throw ExitCode(3)
        }
        let token = token ?? ProcessInfo.processInfo.environment["ASSAY_TOKEN"]
        if !address.isLoopback, token?.isEmpty ?? true {
            Output.error("warning: listening on \(address) without a token: anyone who can reach it can read the dashboard (give --token or ASSAY_TOKEN)")
        }
        let suite = store.config.map { CheckRequest(config: .file($0)) }
        let configuration = ServerConfiguration(listen: address, token: token, defaultDays: days)
        // The store is open (a PostgreSQL store's pool running) for as long as the server runs.
        let failure: String? = try await store.withStore { opened throws(StoreError) in
            let server: DashboardServer
            do throws(AssayError) {
                server = try DashboardServer(store: opened, suite: suite, configuration: configuration)
            } catch {
                return error.description
            }
            do throws(ServerError) {
                try await server.run { bound in
                    FileHandle.standardOutput.write(Data("Assay dashboard: http://\(bound)/  (API: /api/v1/runs, metrics: /metrics; Ctrl-C stops)\n".utf8))
                }
            } catch {
                return error.message
            }
            return nil
        }
        if let failure {
            Output.error(failure)
            throw ExitCode(3)
        }
    }
}
