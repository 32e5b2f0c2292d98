import ArgumentParser
import Assay

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A self-contained HTML report from the store: quality panels, scorecard, failing checks with masked samples, the latest run.",
        discussion: """
            With --config the charts merge the suite's data trends (read from its source) into the recorded history; \
            without it they show the recorded history only.
            """)

    @Option(help: ArgumentHelp("Write the HTML report to this file.", valueName: "FILE"))
    var html: String

    @OptionGroup var store: ReadStoreOptions

    @Option(help: "The suite (default: the suite of the latest run).")
    var suite: String?

    @Option(help: "Days the charts cover, up to the latest run (at least 1).")
    var days: Int = 30

    func run() async throws {
        guard days >= 1 else {
            Output.error("--days must be at least 1 (got \(days))")
            throw ExitCode(3)
        }
        let trends = store.config.map { CheckRequest(config: .file($0)) }
        let (suite, days) = (suite, days)
        let page: Result<String, DashboardError> = try await store.withStore { opened throws(StoreError) in
            do throws(DashboardError) {
                return .success(try await Assay.htmlReport(store: opened, suite: suite, days: days, trends: trends))
            } catch {
                return .failure(error)
            }
        }
        switch page {
        case .success(let text): try Output.write(text, to: html)
        case .failure(let error):
            Output.error(error.message)
            throw ExitCode(3)
        }
    }
}
