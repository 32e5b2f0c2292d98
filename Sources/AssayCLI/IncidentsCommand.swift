import ArgumentParser
import Assay
import AssayMonitorCore
import Foundation

/// `assay incidents list|show`: the incidents `assay monitor` keeps in the store; `ack|resolve|suppress`: commands
/// the running monitor applies.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents", abstract: "The monitor's incidents: list and show them from the store; acknowledge, resolve or suppress them through the monitor.",
        subcommands: [List.self, Show.self, Ack.self, Resolve.self, Suppress.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List incidents, newest first.")

        @OptionGroup var store: ReadStoreOptions

        @Option(help: "Only incidents in this status: open, acknowledged, suppressed or resolved.")
        var status: String?

        @Option(help: "How many incidents.")
        var last = 50

        @Option(name: .shortAndLong, help: "Output format: text or json.")
        var format: ListFormat = .text

        func validate() throws {
            guard last >= 1 else { throw ValidationError("--last must be at least 1") }
            if let status, Incident.Status(rawValue: status.uppercased()) == nil {
                throw ValidationError("--status '\(status)' is not open, acknowledged, suppressed or resolved")
            }
        }

        func run() async throws {
            let wanted = status.flatMap { Incident.Status(rawValue: $0.uppercased()) }
            let last = last
            let incidents = try await store.withStore { store throws(StoreError) in
                guard let kept = store as? any IncidentStore else { return [Incident]() }
                return try await kept.incidents(status: wanted, last: last)
            }
            if format == .json { return try Output.write(Output.json(incidents), to: nil) }
            var table = TextTable(headers: ["INCIDENT", "STATUS", "SEVERITY", "CHECK", "AFFECTED", "OPENED (UTC)", "RESOLVED (UTC)"])
            for i in incidents {
                table.add([i.id, i.status.rawValue, i.severity.rawValue, i.check.rawValue, i.affectedRecords.map(String.init) ?? "-",
                           Self.instant(i.openedAt), i.resolvedAt.map(Self.instant) ?? "-"])
            }
            print(incidents.isEmpty ? "no incidents" : table.lines().joined(separator: "\n"))
        }

        static func instant(_ date: Date) -> String {
            CivilDateTime(epochSeconds: date.timeIntervalSince1970.rounded(.down)).description
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One incident, in JSON, with the remediation entered on it.")

        /// The incident's fields, and `remediations`: the audit log's actions on it, newest first.
        struct Shown: Encodable {
            var incident: Incident
            var remediations: [RemediationEntry]

            func encode(to encoder: any Encoder) throws {
                try incident.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(remediations, forKey: .remediations)
            }

            enum Key: String, CodingKey { case remediations }
        }

        @Argument(help: "The incident id (`assay incidents list` shows it).")
        var id: String

        @OptionGroup var store: ReadStoreOptions

        func run() async throws {
            let id = id
            let (incident, actions) = try await store.withStore { store throws(StoreError) in
                guard let kept = store as? any IncidentStore else { throw StoreError(.notFound, "the store keeps no incidents") }
                guard let incident = try await kept.incident(id: id).state.incident else { throw StoreError(.notFound, "no incident \(id)") }
                let actions = try await (store as? any RemediationLog)?.remediations(run: nil, check: nil, incident: id, last: 100) ?? []
                return (incident, actions)
            }
            try Output.write(Output.json(Shown(incident: incident, remediations: actions)), to: nil)
        }
    }
}
