import Assay
import Foundation
import Logging
import Synchronization

/// Soak benchmark: one suite run every `--interval` seconds for `--seconds` through ONE open source and one
/// prepared suite, as the monitor will. Prints, per minute, the runs, their median time, the resident memory, the
/// connection pools opened and (on PostgreSQL) the server's connections of the run.
///
///     swift run -c release AssaySoak --config suite.yml [--source URL] [--seconds 600] [--interval 1]
@main
struct AssaySoak {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        guard let config = value("--config") else {
            print("usage: AssaySoak --config suite.yml [--source URL] [--seconds 600] [--interval 1]")
            exit(3)
        }
        let seconds = Double(value("--seconds") ?? "") ?? 600
        let interval = Double(value("--interval") ?? "") ?? 1
        let request = CheckRequest(config: .file(config), source: value("--source"), options: RunOptions(samples: true))
        let suite = try Assay.load(request)
        let source = try Assay.openSource(for: suite, override: request.source)
        // The engine logs "reading the catalogue" at debug each time it sends the catalogue query: count those.
        let catalogueReads = Counter()
        let logger = Logger(label: "soak") { _ in CatalogueCounter(count: catalogueReads) }
        let engine = RunEngine(source: source, options: request.options, logger: logger)
        let postgres = source as? PostgresSource
        print("suite \(suite.name): \(suite.checkCount) checks, \(suite.tables.count) tables, source \(source.displayName)")
        print("| minute | runs | median run (ms) | catalogue queries | RSS (MB) | pools opened | server connections |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        let report = await source.open {
            var prepared = PreparedSuite(suite)
            let clock = ContinuousClock()
            let start = clock.now
            var minute: [Double] = [], total = 0, statuses: Set<CheckStatus> = []
            var next = start
            while clock.now - start < .seconds(seconds) {
                let began = clock.now
                let result = await engine.run(&prepared)
                minute.append((clock.now - began).milliseconds)
                statuses.insert(result.status)
                total += 1
                next = next + .milliseconds(Int64(interval * 1000))
                let ended = next - start >= .seconds(seconds)
                if Int((next - start).milliseconds / 60_000) > Int((began - start).milliseconds / 60_000) || ended {
                    let connections = await serverConnections(postgres)
                    print("| \(Int((began - start).milliseconds / 60_000) + 1) | \(minute.count) | \(String(format: "%.1f", median(minute))) | \(catalogueReads.value.exchange(0, ordering: .relaxed)) | \(residentMegabytes()) | \(postgres?.poolsOpened ?? 0) | \(connections) |")
                    minute = []
                }
                if ended { break }
                if next > clock.now { try? await Task.sleep(until: next, clock: .continuous) } else { next = clock.now }
            }
            return "\(total) runs; statuses seen: \(statuses.map(\.rawValue).sorted().joined(separator: ", "))"
        }
        print(report)
    }

    /// The server's connections with this run's application name (PostgreSQL only).
    static func serverConnections(_ source: PostgresSource?) async -> String {
        guard let source else { return "-" }
        let sql = SQLFragment("SELECT count(*) FROM pg_stat_activity WHERE application_name = ") + SQLFragment.bind(.text(source.url.applicationName))
        let rows = try? await source.fetchAll(sql, limit: 1)
        return rows?.first?.first.map(\.description) ?? "?"
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Current resident set size, from /proc/self/status.
    static func residentMegabytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return "?" }
        return String(format: "%.1f", Double(kb) / 1024)
    }
}

/// Counts the engine's "reading the catalogue" events; prints nothing.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

struct CatalogueCounter: LogHandler {
    let count: Counter
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        if event.message.description == "reading the catalogue" { count.value.add(1, ordering: .relaxed) }
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
