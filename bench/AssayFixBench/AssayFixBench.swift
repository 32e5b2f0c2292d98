import Assay
import AssayDemo
import Foundation

/// Benchmark: the fix rules over the FinanceFlow demo's violating rows, scored against the generator's truth.
/// Prints precision (applied fixes that set the true values), coverage (fixable defects fixed at or above the bar),
/// proposals on unfixable defects, and the rate at which rows get their proposals and decision.
///
///     swift run -c release AssayFixBench [--scale 100] [--runs 5] [--dir /tmp/assay-fix-bench]
@main
struct AssayFixBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        func value(_ name: String, _ fallback: String) -> String {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
            return arguments[i + 1]
        }
        let scale = Int(value("--scale", "100")) ?? 100
        let runs = max(1, Int(value("--runs", "5")) ?? 5)
        let directory = value("--dir", NSTemporaryDirectory() + "assay-fix-bench")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 9 * 3600)

        let files = DemoFiles(directory: directory)
        var manifest: DemoManifest!
        let generation = try measure { manifest = try files.write(scale: scale, now: now) }
        let suite = try SuiteLoader(environment: [:]).load(path: files.suitePath)
        var cases: [FixMeasurement.Case] = []
        let reading = try measure { cases = try FixMeasurement.cases(databasePath: files.databasePath, suite: suite, manifest: manifest) }
        var score = FixMeasurement.score(cases)
        var times: [Double] = []
        for _ in 0..<runs { times.append(try measure { score = FixMeasurement.score(cases) }) }
        let seconds = times.sorted()[times.count / 2]
        let t = score.total

        print("""
            scale \(scale): \(manifest.rowCounts["customers"] ?? 0) customers, \(manifest.rowCounts["accounts"] ?? 0) accounts; \
            generated in \(format(generation)) s; rows read and judged in memory in \(format(reading)) s

            | check | violating | fixable | applied | correct | review (best suggestion right) | proposals on unfixable |
            |---|---:|---:|---:|---:|---:|---:|
            """)
        for (id, c) in score.checks.sorted(by: { $0.key < $1.key }) where c.violating > 0 {
            print("| \(id) | \(c.violating) | \(c.fixable) | \(c.applied) | \(c.correct) | \(c.review) (\(c.reviewRight)) | \(c.proposalsOnUnfixable) |")
        }
        print("""
            | **all** | \(t.violating) | \(t.fixable) | \(t.applied) | \(t.correct) | \(t.review) (\(t.reviewRight)) | \(t.proposalsOnUnfixable) |

            precision (applied fixes with the true value): \(percent(t.precision))
            coverage (fixable defects fixed at or above the bar): \(percent(t.coverage))
            false fixes on unfixable defects: \(t.falseFixesOnUnfixable); proposals on them: \(t.proposalsOnUnfixable)
            rules and decisions: \(t.violating) rows, \(t.proposals) proposals in \(format(seconds)) s (median of \(runs)): \
            \(Int(Double(t.violating) / seconds)) rows/s, \(Int(Double(t.proposals) / seconds)) proposals/s
            """)
    }

    static func percent(_ x: Double?) -> String { x.map { String(format: "%.2f %%", $0 * 100) } ?? "n/a" }

    static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    static func measure(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
