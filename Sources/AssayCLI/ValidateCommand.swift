import ArgumentParser
import Assay

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a suite without scanning: syntax, keys, conditions, and (with a source) columns and types.")

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        var request = try suite.request()
        let loaded = try await Output.attempt { () throws(AssayError) in try Assay.load(request) }
        let summary = "\(suite.config): valid (\(loaded.tables.count) tables, \(loaded.checkCount) checks)"
        let notices = loaded.notices.map { "\n  - \($0)" }.joined()
        let noticed = notices.isEmpty ? "" : "\nRead but not yet acted on:" + notices
        guard suite.source != nil || loaded.source != nil else {
            print(summary + "; give --source to check columns too" + noticed)
            return
        }
        request.config = .suite(loaded)
        let preparation = try await Output.attempt { () throws(AssayError) in try await Assay.prepare(request) }
        let problems = preparation.prepared.plans.flatMap { plan in plan.invalidChecks.map { (plan.table, $0.check, $0.reason) } }
        for (table, check, reason) in problems {
            Output.error((check.location.map { "\($0): " } ?? "") + "\(table).\(check.id): \(reason)")
        }
        guard problems.isEmpty else { throw ExitCode(3) }
        print(summary + " against \(preparation.source.displayName)" + noticed)
    }
}
