import ArgumentParser
import Assay
import Foundation
import Logging

@main
struct AssayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Data-quality checks in one scan per table.",
        discussion: """
            Exit codes: 0 all checks pass, 1 warnings only, 2 at least one failure, 3 at least one error \
            (a check that could not run, a bad configuration or an unreachable source).
            """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, ValidateCommand.self, PlanCommand.self, TrendsCommand.self, DemoCommand.self,
                      RunsCommand.self, HistoryCommand.self, ScorecardCommand.self, ReportCommand.self, ServeCommand.self, MonitorCommand.self, IncidentsCommand.self,
                      RemediateCommand.self, QuarantineCommand.self, FixesCommand.self, LineageCommand.self, ComplianceCommand.self])

    /// Runs the command, with the documented exit codes only: a usage error (an unknown option, format or
    /// subcommand) is a configuration error, 3, not ArgumentParser's 64.
    static func main() async {
        // Reports go to standard output and errors as `assay: ...` lines; the library's log only when asked, except
        // for the long-running services, whose warnings and errors (an alert not delivered, a run not recorded, a
        // source gone) are their only voice.
        let arguments = Array(CommandLine.arguments.dropFirst())
        let service = ["monitor", "serve"].contains(arguments.first ?? "")
        let level = ProcessInfo.processInfo.environment["ASSAY_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? (service ? .warning : .critical)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            FileHandle.standardError.write(Data(("assay: unknown command '\(SourceURL.redacted(first))'\(Suggestion.hint(for: first, in: names))"
                + " (commands: \(names.dropLast().joined(separator: ", ")); assay --help lists them)\n").utf8))
            Foundation.exit(3)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            // A mistyped option leaves its value as an "unexpected argument", echoed: a source URL's password is not.
            FileHandle.standardError.write(Data((SourceURL.redacted(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(3)
        }
    }
}
