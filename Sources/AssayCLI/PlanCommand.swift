import ArgumentParser
import Assay

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the SQL a check run would send: one scan per table, one anti-join per referential check.")

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        let loaded = try suite.loadSuite()
        let source = try suite.openSource(for: loaded)
        let plans = await SuiteRunner(source: source).plan(loaded)
        print(PlanReport(dialect: source.dialect).render(plans), terminator: "")
        if plans.contains(where: { $0.checks.contains { if case .invalid = $0.measure { true } else { false } } }) {
            throw ExitCode(3)
        }
    }
}
