import ArgumentParser
import Assay

struct TrendsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Rows and violation rates per day or hour from the data itself: one grouped statement per table.")

    @Option(name: .shortAndLong, help: "The suite: Assay YAML, the seed's JSON rules, or a Great Expectations suite JSON.")
    var config: String

    @Option(name: .shortAndLong, help: "The data source, overriding the suite's (e.g. sqlite:bank.db).")
    var source: String?

    @Option(name: .shortAndLong, help: "Only this table of the suite (for a Great Expectations suite, the table it validates).")
    var table: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A value for a GX suite's named $PARAMETER (repeatable).", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    @Option(help: "Days the trend covers, today included (at least 1).")
    var days: Int = 30

    @Option(help: "The width of a point: day or hour (UTC).")
    var bucket: TrendBucket = .day

    @Option(help: "The time column of every table that has it (default: the column of the table's or a check's window).")
    var timeColumn: String?

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: TrendReport.Format = .text

    func run() async throws {
        guard days >= 1 else {
            Output.error("--days must be at least 1 (got \(days))")
            throw ExitCode(3)
        }
        let options = try SuiteOptions.parse(["--config", config] + (source.map { ["--source", $0] } ?? [])
            + parameters.flatMap { ["--param", $0] })
        var request = try options.request()
        let trends = try await Output.attempt { () throws(AssayError) in
            do throws(AssayError) {
                return try await Assay.trends(request, table: table, days: days, bucket: bucket, timeColumn: timeColumn)
            } catch where error.config?.code == .usage && table != nil {
                // A Great Expectations suite names no table itself: --table is the one it validates.
                request.table = table
                return try await Assay.trends(request, table: table, days: days, bucket: bucket, timeColumn: timeColumn)
            }
        }
        print(TrendReport(format: format).render(trends), terminator: "")
        if trends.contains(where: { $0.problem != nil }) { throw ExitCode(3) }
    }
}

extension TrendBucket: ExpressibleByArgument {}
extension TrendReport.Format: ExpressibleByArgument {}
