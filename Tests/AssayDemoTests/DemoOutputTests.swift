import AssayCore
import AssayDemo
import Foundation
import Testing

/// Opt-in runs: write a demo to a directory to look at, or time a large scale.
@Suite("Demo output (opt-in)")
struct DemoOutputTests {
    /// `ASSAY_DEMO_DUMP_DIR=/some/dir swift test --filter AssayDemoTests` writes the database, suite and manifest.
    @Test("writes financeflow.db, financeflow.yaml and manifest.json",
          .enabled(if: ProcessInfo.processInfo.environment["ASSAY_DEMO_DUMP_DIR"] != nil))
    func dump() throws {
        let dir = ProcessInfo.processInfo.environment["ASSAY_DEMO_DUMP_DIR"]!
        let scale = Int(ProcessInfo.processInfo.environment["ASSAY_DEMO_SCALE"] ?? "1") ?? 1
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let manifest = try DemoGenerator(scale: scale, now: demoNow).write(databasePath: dir + "/financeflow.db")
        try DemoSuite.yaml(databaseFile: "financeflow.db", manifest: manifest)
            .write(toFile: dir + "/financeflow.yaml", atomically: true, encoding: .utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: dir + "/manifest.json"))
    }

    /// `ASSAY_DEMO_BENCH_SCALE=100 swift test --filter AssayDemoTests` prints the generation time.
    @Test("times generation at a large scale",
          .enabled(if: ProcessInfo.processInfo.environment["ASSAY_DEMO_BENCH_SCALE"] != nil))
    func timing() throws {
        let scale = Int(ProcessInfo.processInfo.environment["ASSAY_DEMO_BENCH_SCALE"]!)!
        try withTemporaryDirectory { dir in
            let clock = ContinuousClock()
            var manifest: DemoManifest?
            let elapsed = try clock.measure {
                manifest = try DemoGenerator(scale: scale, now: demoNow).write(databasePath: dir.appendingPathComponent("bench.db").path)
            }
            let rows = manifest!.rowCounts.values.reduce(0, +)
            print("AssayDemo scale \(scale): \(rows) rows in \(elapsed)")
        }
    }
}
