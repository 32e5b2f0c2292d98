import Assay
import AssayDemo
import Foundation

/// Benchmark: the full FinanceFlow customers suite through Assay against one hand-written SELECT computing the
/// same counts, both on the same read-only SQLite connection, alternating runs. Prints a Markdown table.
///
///     swift run -c release AssayBench [--customers 1000000] [--runs 5] [--dir /tmp/assay-bench]
@main
struct AssayBench {
    static func main() async throws {
        let arguments = Arguments(CommandLine.arguments.dropFirst())
        let customers = arguments.int("--customers", default: 1_000_000)
        let runs = arguments.int("--runs", default: 5)
        let directory = arguments.string("--dir", default: NSTemporaryDirectory() + "assay-bench")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = (directory as NSString).appendingPathComponent("customers-\(customers).db")
        let now = CivilDateTime.now()

        let generation = try measure {
            _ = try DemoGenerator(scale: max(1, customers / 1000), now: now, tables: ["customers"]).write(databasePath: database)
        }
        let manifest = DemoManifest.placeholderFree(now: now)
        var loaded = try SuiteLoader(environment: [:]).parse(DemoSuite.yaml(databaseFile: database, manifest: manifest), file: "demo.yml")
        loaded.tables = loaded.tables.filter { $0.name == "customers" }
        let suite = loaded
        let source = try SQLiteSource(path: database, connections: 1)
        let runner = RunEngine(source: source, options: RunOptions(samples: false), clock: FixedClock(now))
        let floor = HandWrittenQuery(now: now)

        // Warm the page cache and check both compute the same counts.
        let assayResult = await runner.run(suite)
        let floorCounts = try await floor.run(on: source)
        let mismatches = floor.compare(floorCounts, with: assayResult)

        var assayTimes: [Double] = [], floorTimes: [Double] = [], withSamples: [Double] = []
        let sampling = RunEngine(source: source, options: RunOptions(samples: true), clock: FixedClock(now))
        for _ in 0..<runs {
            assayTimes.append(try await measureAsync { _ = await runner.run(suite) })
            floorTimes.append(try await measureAsync { _ = try await floor.run(on: source) })
            withSamples.append(try await measureAsync { _ = await sampling.run(suite) })
        }
        let assay = median(assayTimes), hand = median(floorTimes)
        print("""
            | what | median of \(runs) (s) | runs (s) |
            |---|---:|---|
            | generate \(customers) customers (one table) | \(format(generation)) | 1 run |
            | Assay, customers suite (\(suite.checkCount) checks, samples off) | \(format(assay)) | \(assayTimes.map(format).joined(separator: ", ")) |
            | hand-written single SELECT, same connection | \(format(hand)) | \(floorTimes.map(format).joined(separator: ", ")) |
            | Assay with failing-row samples | \(format(median(withSamples))) | \(withSamples.map(format).joined(separator: ", ")) |

            ratio Assay / hand-written: \(format(assay / hand))×
            peak RSS: \(peakRSSMegabytes()) MB
            counts that differ between Assay and the hand-written query: \(mismatches.isEmpty ? "none" : mismatches.joined(separator: "; "))
            """)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    static func measure(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return seconds(ContinuousClock.now - start)
    }

    static func measureAsync(_ body: @Sendable () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return seconds(ContinuousClock.now - start)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func peakRSSMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

struct Arguments {
    var values: [String]
    init(_ values: ArraySlice<String>) { self.values = Array(values) }

    func string(_ name: String, default value: String) -> String {
        guard let i = values.firstIndex(of: name), i + 1 < values.count else { return value }
        return values[i + 1]
    }

    func int(_ name: String, default value: Int) -> Int { Int(string(name, default: "")) ?? value }
}

extension DemoManifest {
    /// A manifest carrying only what the suite text needs (the run's "now").
    static func placeholderFree(now: CivilDateTime) -> DemoManifest {
        DemoManifest(scale: 0, now: now.description, rowCounts: [:], expected: [:], injected: [:])
    }
}
