import ArgumentParser
import Assay

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a suite without scanning: syntax, keys, conditions, and (with a source) columns and types.")

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        let loaded = try suite.loadSuite()
        guard suite.source != nil || loaded.source != nil else {
            print("\(suite.config): valid (\(loaded.tables.count) tables, \(loaded.checkCount) checks); give --source to check columns too")
            return
        }
        let source = try suite.openSource(for: loaded)
        let plans = await SuiteRunner(source: source).plan(loaded)
        var problems = 0
        for plan in plans {
            for planned in plan.checks {
                guard case .invalid(let reason) = planned.measure else { continue }
                problems += 1
                let place = planned.check.location.map { "\($0): " } ?? ""
                Output.error("\(place)\(plan.table).\(planned.check.id): \(reason)")
            }
        }
        guard problems == 0 else { throw ExitCode(3) }
        print("\(suite.config): valid (\(loaded.tables.count) tables, \(loaded.checkCount) checks) against \(source.displayName)")
    }
}
