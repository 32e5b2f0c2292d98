import ArgumentParser
import Assay
import Foundation

struct ScorecardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "The executive scorecard from the store: score, status, critical and warning counts per table, and the change since the run before and since 7 days ago.")

    @OptionGroup var store: ReadStoreOptions

    @Option(help: "The suite (default: the suite of the latest run).")
    var suite: String?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ListFormat = .text

    func run() async throws {
        let card = try await store.withStore { store throws(StoreError) in try await store.scorecard(suite: suite) }
        if format == .json { return try Output.write(Output.json(card), to: nil) }
        func change(_ value: Double?) -> String {
            guard let value else { return "-" }
            return (value > 0 ? "+" : "") + value.formatted(maxFractionDigits: 1)
        }
        var table = TextTable(headers: ["TABLE", "SCORE", "STATUS", "CRITICAL", "WARNINGS", "ERRORS", "VS PREVIOUS", "VS 7 DAYS", "LAST CHECKED (UTC)"])
        for t in card.tables {
            let checked = CivilDateTime(epochSeconds: t.lastChecked.timeIntervalSince1970.rounded(.down)).description
            table.add([t.table, t.score.formatted(maxFractionDigits: 1), t.status.rawValue, "\(t.critical)", "\(t.warnings)",
                       "\(t.errors)", change(t.changeFromPrevious), change(t.changeFrom7Days), checked])
        }
        print("Scorecard · \(card.suite) · run \(card.runID)")
        print(table.lines().joined(separator: "\n"))
        print("Overall \(card.overallScore.formatted(maxFractionDigits: 1)) (vs previous \(change(card.overallChangeFromPrevious)), vs 7 days \(change(card.overallChangeFrom7Days)))")
    }
}
