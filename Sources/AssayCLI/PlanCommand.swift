import ArgumentParser
import Assay

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the SQL a check run would send: one scan per table, one anti-join per referential check.")

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        let request = try suite.request()
        let preparation = try await Output.attempt { () throws(AssayError) in try await Assay.prepare(request) }
        let plans = preparation.prepared.plans
        let polls = RunEngine(source: preparation.source).pollPreviews(preparation.prepared)
        print(PlanReport(dialect: preparation.source.dialect).render(plans, polls: polls), terminator: "")
        if plans.contains(where: { !$0.invalidChecks.isEmpty }) { throw ExitCode(3) }
    }
}
