import ArgumentParser
import Assay
import Foundation

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the recorded runs, newest first.")

    @OptionGroup var store: ReadStoreOptions

    @Option(help: "How many runs.")
    var last = 20

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ListFormat = .text

    func validate() throws {
        guard last >= 1 else { throw ValidationError("--last must be at least 1") }
    }

    func run() async throws {
        let runs = try await store.withStore { store throws(StoreError) in try await store.runs(last: last) }
        if format == .json { return try Output.write(Output.json(runs), to: nil) }
        var table = TextTable(headers: ["RUN", "STARTED (UTC)", "SUITE", "STATUS", "CHECKS", "FAIL", "WARN", "ERROR", "SECONDS"])
        for r in runs {
            table.add([r.runID.rawValue, CivilDateTime(epochSeconds: r.startedAt.timeIntervalSince1970.rounded(.down)).description,
                       r.suite, r.status.rawValue, "\(r.checks)", "\(r.failed)", "\(r.warned)", "\(r.errors)",
                       String(format: "%.2f", r.durationSeconds)])
        }
        print(runs.isEmpty ? "no runs recorded" : table.lines().joined(separator: "\n"))
    }
}

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "One check's results over time (its key: `assay check --format json` shows it).")

    @Argument(help: "The check key, e.g. customers.c_email_unique.")
    var check: String

    @OptionGroup var store: ReadStoreOptions

    @Option(help: "How many days back.")
    var days = 30

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ListFormat = .text

    func validate() throws {
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
    }

    func run() async throws {
        let since = Date().addingTimeInterval(-Double(days) * 86_400)
        let points = try await store.withStore { store throws(StoreError) in try await store.history(of: CheckKey(check), since: since) }
        if points.isEmpty {
            Output.error("no results for check '\(check)' in the last \(days) days (keys look like TABLE.ID; `assay runs` lists runs)")
            throw ExitCode(3)
        }
        if format == .json { return try Output.write(Output.json(points), to: nil) }
        var table = TextTable(headers: ["STARTED (UTC)", "STATUS", "ROWS", "VIOLATIONS", "RATE", "MESSAGE"])
        for p in points {
            let started = CivilDateTime(epochSeconds: p.startedAt.timeIntervalSince1970.rounded(.down)).description
            let rows = p.rowsChecked.map(String.init) ?? "-"
            let violations = p.violations.map(String.init) ?? "-"
            let rate = p.violationRate.map { ($0 * 100).formatted(maxFractionDigits: 2) + "%" } ?? "-"
            table.add([started, p.status.rawValue, rows, violations, rate, p.message])
        }
        print(table.lines().joined(separator: "\n"))
    }
}

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Output {
    /// Runs a store call, printing its error and exiting 3.
    static func stored<T>(_ body: () async throws(StoreError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            Output.error(error.message)
            throw ExitCode(3)
        }
    }

    /// Pretty JSON with ISO-8601 instants.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(InstantText.string(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
