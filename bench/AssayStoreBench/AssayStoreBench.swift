import Assay
import Foundation

/// Store benchmark: a year of 15-minute runs of a suite (35,040 runs) recorded one by one into a fresh store, then one
/// check's 90-day history. The runs are the suite's real result, re-stamped every 15 minutes. `--store` takes a SQLite
/// path or a PostgreSQL store URL (give a fresh `?schema=NAME`; `--reuse` reads a store recorded before).
///
///     swift run -c release AssayStoreBench --config assay-demo/financeflow.yml [--runs 35040] [--store /tmp/s.db]
///     swift run -c release AssayStoreBench --config assay-demo/financeflow.yml --runs 2000 \
///         --store 'postgres://assay:assay@127.0.0.1:55432/assay_test?schema=bench&sslmode=disable'
@main
struct AssayStoreBench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        guard let config = value("--config") else { print("usage: AssayStoreBench --config suite.yml [--runs N] [--store PATH|URL]"); exit(3) }
        let count = Int(value("--runs") ?? "") ?? 35_040
        let location = value("--store") ?? NSTemporaryDirectory() + "assay-store-bench-\(UUID().uuidString).db"
        let reuse = arguments.contains("--reuse")
        let isPostgres = PostgresURL.matches(location)
        if !reuse, !isPostgres { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) } }
        let base = try await Assay.check(CheckRequest(config: .file(config), store: .off)).result
        let key = try require(base.results.first?.key)
        let report = try await StoreFactory.withStore(isPostgres ? location : "sqlite:" + location) { store throws(StoreError) in
            try await measure(store, base: base, key: key, count: reuse ? 0 : count)
        }
        print("""
            | what (\(isPostgres ? "PostgreSQL" : "SQLite")) | value |
            |---|---:|
            | runs recorded (\(base.results.count) results each) | \(count) (\(count * base.results.count) results) |
            \(report)
            """)
    }

    static func measure(_ store: any ResultStore, base: SuiteResult, key: CheckKey, count: Int) async throws(StoreError) -> String {
        let start = Date().addingTimeInterval(-Double(count) * 900)
        var times: [Double] = []
        times.reserveCapacity(count)
        let clock = ContinuousClock()
        for i in 0..<count {
            var run = base
            run.startedAt = InstantText.rounded(start.addingTimeInterval(Double(i) * 900))
            run.finishedAt = run.startedAt.addingTimeInterval(base.durationSeconds)
            run.runID = RunID(startingAt: run.startedAt)
            let began = clock.now
            try await store.record(run)
            times.append((clock.now - began).milliseconds)
            if (i + 1) % 5000 == 0 { print("recorded \(i + 1) runs; median of the last 5000: \(format(median(Array(times.suffix(5000))))) ms") }
        }
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
        return """
            | record one run, median / p99 / max (ms) | \(format(median(times))) / \(format(percentile(times, 0.99))) / \(format(times.max() ?? 0)) |
            | one check's 90-day history (\(points) points), median of 20 (ms) | \(format(median(historyTimes))) |
            | the last 50 runs (ms) | \(format(runsTime)) |
            | store size (MB) | \(format(Double(try await store.sizeInBytes()) / 1_048_576)) |
            """ + "\n\n" + (await overview(store))
    }

    /// The dashboard's overview page timed on the same store (a failure is reported, not thrown: the store's
    /// numbers stand on their own).
    static func overview(_ store: any ResultStore) async -> String {
        do {
            return try await dashboardOverviewTiming(store)
        } catch {
            return "overview timing failed: \(error)"
        }
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
