import ArgumentParser
import Assay

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a suite and report; the exit code gates a pipeline (0 pass, 1 warn, 2 fail, 3 error).")

    @OptionGroup var suite: SuiteOptions

    @Option(name: .shortAndLong, help: "Report format: text, json, junit or gx (Great Expectations' validation result).")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Do not fetch failing-row samples.")
    var noSamples = false

    @Flag(help: "Show personal data (SSN, email, phone, names, birth dates) in samples unmasked.")
    var showPII = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var openLineage: OpenLineageOptions

    func run() async throws {
        var request = try suite.request(options: RunOptions(samples: !noSamples, showPII: showPII), format: format)
        request.color = output == nil && Output.isTerminal
        request.store = store.choice(beside: suite.config)
        request.emitter = openLineage.emitter
        let outcome = try await Output.attempt { () throws(AssayError) in try await Assay.check(request) }
        for warning in outcome.emitterWarnings.uniqued() { Output.warning(warning) }
        try Output.write(outcome.report, to: output)
        if let error = outcome.storeError {
            Output.error("the run was not recorded: \(error.message)")
            throw ExitCode(3)
        }
        if outcome.result.exitCode != 0 { throw ExitCode(outcome.result.exitCode) }
    }
}
