import ArgumentParser
import Assay
import AssayMonitorCore
import Foundation

/// `assay incidents ack|resolve|suppress ID`: through the running monitor's API (it holds the incidents).
extension IncidentsCommand {
    /// Who acts, and where the monitor is.
    struct MonitorOptions: ParsableArguments {
        @Option(help: "Who acts (default: $USER).")
        var by: String?

        @Option(help: ArgumentHelp("The running `assay monitor` (default: $ASSAY_MONITOR_URL, else http://127.0.0.1:8080).", valueName: "URL"))
        var monitor: String?

        @Option(help: "The monitor's bearer token (default: $ASSAY_TOKEN).")
        var token: String?

        /// Sends the command and prints the incident's new state; a failure is printed and exits 3.
        func send(_ verb: String, id: String, fields: [String: String] = [:]) async throws {
            let environment = ProcessInfo.processInfo.environment
            var fields = fields
            fields["by"] = by ?? environment["USER"] ?? "cli"
            let incident: Incident
            do throws(MonitorAPIClient.Failure) {
                let client = try MonitorAPIClient(address: monitor ?? environment["ASSAY_MONITOR_URL"] ?? "http://127.0.0.1:8080",
                                                  token: token ?? environment["ASSAY_TOKEN"])
                incident = try await client.send(verb, id: id, fields: fields)
            } catch {
                Output.error(error.message)
                throw ExitCode(3)
            }
            print(Self.summary(incident))
        }

        /// `incident ID (CHECK): STATUS ...` with who acted and until when.
        static func summary(_ i: Incident) -> String {
            var line = "incident \(i.id) (\(i.check)): \(i.status.rawValue)"
            if let by = i.acknowledgedBy, i.status == .acknowledged { line += " by " + by }
            if case .manual(let by, let note)? = i.resolution { line += " by " + by + (note.map { " (\($0))" } ?? "") }
            if let until = i.suppressedUntil { line += " until " + List.instant(until) + " UTC" }
            return line
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an open incident (it is no longer escalated).")

        @Argument(help: "The incident id (`assay incidents list` shows it).")
        var id: String

        @OptionGroup var options: MonitorOptions

        func run() async throws { try await options.send("ack", id: id) }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an incident now, whatever the check says.")

        @Argument(help: "The incident id.")
        var id: String

        @Option(help: "Why, or what was done.")
        var note: String?

        @OptionGroup var options: MonitorOptions

        func run() async throws { try await options.send("resolve", id: id, fields: note.map { ["note": $0] } ?? [:]) }
    }

    struct Suppress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send no alert for an incident until a time (it still resolves).")

        @Argument(help: "The incident id.")
        var id: String

        @Option(help: ArgumentHelp("For how long (30m, 2h, 1d) or until an ISO-8601 instant (2026-12-01T18:00:00Z).", valueName: "SPAN|INSTANT"))
        var until: String

        @OptionGroup var options: MonitorOptions

        func validate() throws {
            if let span = TimeSpan(parsing: until) {
                guard span.seconds > 0 else { throw ValidationError("--until \(until) is not a span in the future") }
            } else if ISO8601DateFormatter().date(from: until) == nil {
                throw ValidationError("--until '\(until)' is neither a span (30m, 2h, 1d) nor an ISO-8601 instant (2026-12-01T18:00:00Z)")
            }
        }

        func run() async throws {
            try await options.send("suppress", id: id, fields: TimeSpan(parsing: until) != nil ? ["for": until] : ["until": until])
        }
    }
}
