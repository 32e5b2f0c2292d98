import Assay
import Foundation

/// Store benchmark: a year of 15-minute runs of a suite (35,040 runs) recorded one by one into a fresh SQLite store,
/// then one check's 90-day history. The runs are the suite's real result, re-stamped every 15 minutes.
///
///     swift run -c release AssayStoreBench --config assay-demo/financeflow.yml [--runs 35040] [--store /tmp/s.db]
@main
struct AssayStoreBench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        guard let config = value("--config") else { print("usage: AssayStoreBench --config suite.yml [--runs N] [--store PATH]"); exit(3) }
        let count = Int(value("--runs") ?? "") ?? 35_040
        let path = value("--store") ?? NSTemporaryDirectory() + "assay-store-bench-\(UUID().uuidString).db"
        let reuse = arguments.contains("--reuse")
        if !reuse { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let base = try await Assay.check(CheckRequest(config: .file(config), store: .off)).result
        let store = try SQLiteStore(path: path)
        let start = Date().addingTimeInterval(-Double(count) * 900)
        var times: [Double] = []
        times.reserveCapacity(count)
        let clock = ContinuousClock()
        for i in 0..<(reuse ? 0 : count) {
            var run = base
            run.startedAt = InstantText.rounded(start.addingTimeInterval(Double(i) * 900))
            run.finishedAt = run.startedAt.addingTimeInterval(base.durationSeconds)
            run.runID = RunID(startingAt: run.startedAt)
            let began = clock.now
            try await store.record(run)
            times.append((clock.now - began).milliseconds)
            if (i + 1) % 5000 == 0 { print("recorded \(i + 1) runs; median of the last 5000: \(format(median(Array(times.suffix(5000))))) ms") }
        }
        let key = try require(base.results.first?.key)
        var historyTimes: [Double] = []
        var points = 0
        for _ in 0..<20 {
            let began = clock.now
            points = try await store.history(of: key, since: Date().addingTimeInterval(-90 * 86_400)).count
            historyTimes.append((clock.now - began).milliseconds)
        }
        let runsBegan = clock.now
        _ = try await store.runs(last: 50)
        let runsTime = (clock.now - runsBegan).milliseconds
        print("""
            | what | value |
            |---|---:|
            | runs recorded (\(base.results.count) results each) | \(count) (\(count * base.results.count) results) |
            | record one run, median / p99 / max (ms) | \(format(median(times))) / \(format(percentile(times, 0.99))) / \(format(times.max() ?? 0)) |
            | one check's 90-day history (\(points) points), median of 20 (ms) | \(format(median(historyTimes))) |
            | the last 50 runs (ms) | \(format(runsTime)) |
            | store size (MB) | \(format(Double(try await store.sizeInBytes()) / 1_048_576)) |
            """)
        print(try await dashboardOverviewTiming(store))
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

struct Missing: Error {}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Missing() }
    return value
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
