import ArgumentParser
import Assay
import Foundation

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
        subcommands: [CheckCommand.self, ValidateCommand.self, PlanCommand.self, DemoCommand.self])

    /// Runs the command, with the documented exit codes only: a usage error (an unknown option, format or
    /// subcommand) is a configuration error, 3, not ArgumentParser's 64.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            FileHandle.standardError.write(Data(("assay: unknown command '\(first)'\(Suggestion.hint(for: first, in: names))"
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
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(3)
        }
    }
}
