import ArgumentParser
import Assay
import Foundation

struct FixesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixes",
        abstract: "The values a run's fixes changed (or left for review), and undoing them.",
        subcommands: [List.self, Undo.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every value the fixes of a run changed or left for review.")

        @Argument(help: "The run id (assay remediate prints it).")
        var run: String

        @OptionGroup var store: ReadStoreOptions

        func run() async throws {
            let id = try FixesCommand.runID(run)
            let location = try await store.location()
            let actions = try await Output.attempt { () throws(AssayError) in try await Assay.fixes(run: id, store: location) }
            if actions.isEmpty { print("Run \(id) fixed nothing.") }
            for (entry, records) in actions {
                print("\(entry.check?.rawValue ?? entry.table): \(entry.rows) row\(entry.rows == 1 ? "" : "s") fixed (\(entry.id))")
                for record in records {
                    let state = record.undoneAt.map { "undone \(InstantText.string($0))" } ?? (record.applied ? "applied" : "for review")
                    print("  \(rowKeyText(record.key)) \(record.column): '\(record.oldValue)' -> '\(record.newValue)'  \(record.rule) \(String(format: "%.2f", record.confidence))  \(state)")
                }
            }
        }
    }

    struct Undo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put back every value the fixes of a run changed, in one transaction (all or none).",
            discussion: "A value changed since it was fixed stops the undo: nothing is put back, and the row is named.")

        @Argument(help: "The run id.")
        var run: String

        @Option(help: ArgumentHelp("The write connection (default: $ASSAY_WRITER_URL, else the --config suite's remediation writer).", valueName: "sqlite:PATH|postgres://..."))
        var writer: String?

        @OptionGroup var store: ReadStoreOptions

        func run() async throws {
            let id = try FixesCommand.runID(run)
            let suite = try await store.suite()
            let writerURL = try WriterOption.required(writer, suite: suite)
            let location = try await store.location(suite)
            let undone = try await Output.attempt { () throws(AssayError) in try await Assay.undoFixes(run: id, store: location, writer: writerURL) }
            print("undid \(undone) fixed value\(undone == 1 ? "" : "s") of run \(id)")
        }
    }

    static func runID(_ text: String) throws -> RunID {
        guard let id = RunID(text) else {
            Output.error("'\(text)' is not a run id (assay remediate prints it; assay runs lists runs)")
            throw ExitCode(3)
        }
        return id
    }
}
