import ArgumentParser
import Assay

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
}
