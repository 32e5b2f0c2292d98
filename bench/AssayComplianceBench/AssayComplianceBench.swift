import Assay
import Foundation

/// Compliance benchmark: a year of 15-minute runs of a suite (35,040 runs of the demo's ~60 checks, 2.1M results)
/// recorded into a fresh store, with statuses that change (a check fails for an hour now and then, and is in ERROR
/// now and then, from a fixed pseudo-random sequence; `--fail-every N`: once in N runs on average), then `Assay.compliance` over the whole year and over its
/// last 30 days, timed. `--store` takes a SQLite path or a PostgreSQL store URL (give a fresh `?schema=NAME`;
/// `--reuse` reads a store recorded before).
///
///     swift run -c release AssayComplianceBench --config assay-demo/financeflow.yml [--runs 35040] [--fail-every 3000] [--store /tmp/c.db]
///     swift run -c release AssayComplianceBench --config assay-demo/financeflow.yml \
///         --store 'postgres://assay:assay@127.0.0.1:55432/assay_test?schema=compliance_bench&sslmode=disable'
@main
struct AssayComplianceBench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        guard let config = value("--config") else { print("usage: AssayComplianceBench --config suite.yml [--runs N] [--store PATH|URL] [--reuse]"); exit(3) }
        let count = Int(value("--runs") ?? "") ?? 35_040
        let failEvery = UInt64(value("--fail-every") ?? "") ?? 3000
        let location = value("--store") ?? NSTemporaryDirectory() + "assay-compliance-bench-\(UUID().uuidString).db"
        let reuse = arguments.contains("--reuse")
        let isPostgres = PostgresURL.matches(location)
        if !reuse, !isPostgres { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) } }
        let suite = try Assay.load(CheckRequest(config: .file(config)))
        let base = try await Assay.check(CheckRequest(config: .file(config), store: .off)).result
        // The year ends at the last midnight (UTC) before now, so the periods are whole days.
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let start = end.addingTimeInterval(-Double(count) * 900)
        let table = try await StoreFactory.withStore(isPostgres ? location : "sqlite:" + location) { store throws(StoreError) in
            if !reuse { try await record(store, base: base, start: start, count: count, failEvery: failEvery) }
            do throws(BenchError) {
                return try await measure(store, suite: suite, start: start, end: end)
            } catch {
                return "compliance failed: \(error.reason)"
            }
        }
        print("""
            | what (\(isPostgres ? "PostgreSQL" : "SQLite")) | value |
            |---|---:|
            | runs in the store (\(base.results.count) results each) | \(count) (\(count * base.results.count) results) |
            \(table)
            """)
    }

    /// Records `count` runs 15 minutes apart from `start`: the base run's results, each check failing for four runs
    /// (an hour) with probability 1/`failEvery` per run (3000: about 12 times a year) and in ERROR for one run with
    /// probability 1/(5 × `failEvery`).
    static func record(_ store: any ResultStore, base: SuiteResult, start: Date, count: Int, failEvery: UInt64) async throws(StoreError) {
        var random = SplitMix(seed: 12)
        var failingUntil = Array(repeating: -1, count: base.results.count)
        let clock = ContinuousClock()
        let began = clock.now
        for i in 0..<count {
            var run = base
            run.startedAt = InstantText.rounded(start.addingTimeInterval(Double(i) * 900))
            run.finishedAt = run.startedAt.addingTimeInterval(base.durationSeconds)
            run.runID = RunID(startingAt: run.startedAt)
            for j in run.results.indices {
                if random.next() % failEvery == 0 { failingUntil[j] = i + 4 }
                if i < failingUntil[j] { run.results[j].status = .fail }
                if random.next() % (5 * failEvery) == 0 { run.results[j].status = .error }
            }
            try await store.record(run)
            if (i + 1) % 5000 == 0 { print("recorded \(i + 1) runs in \(format((clock.now - began).milliseconds / 1000)) s") }
        }
    }

    static func measure(_ store: any ResultStore, suite: Suite, start: Date, end: Date) async throws(BenchError) -> String {
        let year = try period(start, end), month = try period(end.addingTimeInterval(-30 * 86_400), end)
        var lines: [String] = []
        for (name, period) in [("the whole year", year), ("its last 30 days", month)] {
            var times: [Double] = []
            var report: ComplianceReport?
            let clock = ContinuousClock()
            for _ in 0..<5 {
                let began = clock.now
                do throws(ComplianceError) {
                    report = try await Assay.compliance(store: store, period: period, suite: suite, asOf: end)
                } catch {
                    throw BenchError(reason: error.message)
                }
                times.append((clock.now - began).milliseconds)
            }
            let s = report?.summary
            lines.append("| `Assay.compliance` over \(name): median / max of 5 (ms) | \(format(median(times))) / \(format(times.max() ?? 0)) |")
            lines.append("| … its rules (meeting / failing / no data), runs read | \(s?.rules ?? 0) (\(s?.meeting ?? 0) / \(s?.failing ?? 0) / \(s?.noData ?? 0)), \(s?.runs ?? 0) |")
        }
        return lines.joined(separator: "\n")
    }

    static func period(_ from: Date, _ to: Date) throws(BenchError) -> CompliancePeriod {
        do throws(CompliancePeriod.Invalid) { return try CompliancePeriod(from: from, to: to) } catch { throw BenchError(reason: error.message) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

struct BenchError: Error {
    var reason: String
}

/// A small fixed pseudo-random sequence (SplitMix64), so every store the benchmark makes is the same.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
