import ArgumentParser
import Assay
import Foundation

struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List the rows in quarantine, or put them back exactly.",
        subcommands: [List.self, Restore.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The moves whose rows are still in quarantine, from the audit log.")

        @OptionGroup var store: ReadStoreOptions

        @Option(name: .shortAndLong, help: "Output format: text or json.")
        var format: RemediationFormat = .text

        func run() async throws {
            let moves = try await store.withStore { store throws(StoreError) in
                guard let log = store as? any RemediationLog else { throw StoreError(.notAStore, "this store keeps no remediation audit log") }
                return try await log.openMoves(run: nil, check: nil)
            }
            let lines = moves.map { RemediationLogText.MoveLine(id: $0.id, at: $0.at, run: $0.run?.rawValue, check: $0.check?.rawValue ?? "",
                                                               table: $0.table, target: $0.target, rows: $0.rows, note: $0.note) }
            FileHandle.standardOutput.write(Data((format == .json ? RemediationLogText.json(lines) : RemediationLogText.moves(lines)).utf8))
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put back every row a run, a check or a move quarantined, in one transaction (all or none).",
            discussion: "A row now in the table with the key of a row to restore stops the restore: nothing is put back, and the keys are named.")

        @Argument(help: ArgumentHelp("A run id, a check (id, table.id or key) or a move id (assay quarantine list).", valueName: "RUN|CHECK|MOVE"))
        var selector: String

        @Option(help: ArgumentHelp("The write connection (default: $ASSAY_WRITER_URL, else the --config suite's remediation writer).", valueName: "sqlite:PATH|postgres://..."))
        var writer: String?

        @OptionGroup var store: ReadStoreOptions

        /// With --config, only that suite's moves.
        func run() async throws {
            let suite = try await store.suite()
            let writerURL = try WriterOption.required(writer, suite: suite)
            let location = try await store.location(suite)
            let entries = try await Output.attempt { () throws(AssayError) in
                try await Assay.restore(selector, store: location, writer: writerURL, suite: suite?.name)
            }
            for entry in entries {
                print("restored \(entry.rows) row\(entry.rows == 1 ? "" : "s") of move \(entry.refersTo ?? "?") (\(entry.check?.rawValue ?? entry.table)) into \(entry.table)")
            }
        }
    }
}
