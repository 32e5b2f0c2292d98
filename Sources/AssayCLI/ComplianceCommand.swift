import ArgumentParser
import Assay
import Foundation

struct ComplianceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "SLA compliance over a period, from the store: per check its target, runs passed, time in compliance, incidents with MTTD and MTTR, MEETING or FAILING.",
        discussion: """
            DATE is a UTC day (YYYY-MM-DD; --to includes the whole day) or an ISO 8601 instant with a zone. \
            Exit codes: 0 every rule MEETING, 1 none FAILING but some with NO DATA, 2 at least one FAILING, \
            3 bad input or a store that cannot be read. See docs/compliance.md.
            """)

    @Option(help: ArgumentHelp("The period's start (inclusive).", valueName: "DATE"))
    var from: String

    @Option(help: ArgumentHelp("The period's end (a day: through its end; an instant: up to it).", valueName: "DATE"))
    var to: String

    @OptionGroup var store: ReadStoreOptions

    @Option(help: "The suite whose runs to read (default: the --config suite's name, else the suite of the latest run).")
    var suite: String?

    @Option(name: .shortAndLong, help: "Output format: text, json, csv or html.")
    var format: ComplianceFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    func run() async throws {
        let period: CompliancePeriod
        do throws(CompliancePeriod.Invalid) {
            period = try CompliancePeriod.parse(from: from, to: to)
        } catch {
            Output.error(error.message)
            throw ExitCode(3)
        }
        var loaded: Suite?
        if let path = store.config {
            loaded = try await Output.attempt { () throws(AssayError) in try Assay.load(CheckRequest(config: .file(path))) }
        }
        let suiteSpec = loaded
        let name = suite
        let made: Result<ComplianceReport, ComplianceError> = try await store.withStore { opened throws(StoreError) in
            do throws(ComplianceError) {
                return .success(try await Assay.compliance(store: opened, period: period, suite: suiteSpec, suiteName: name))
            } catch {
                return .failure(error)
            }
        }
        switch made {
        case .success(let report):
            try Output.write(format.render(report), to: output)
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        case .failure(let error):
            Output.error(error.message)
            throw ExitCode(3)
        }
    }
}

extension ComplianceFormat: ExpressibleByArgument {}

