import AssayTestSupport
import AssayDemo
import Assay
import Foundation
import Testing

/// The FinanceFlow demo end to end: Assay must report exactly the defects the generator injected.
@Suite("FinanceFlow demo, end to end")
struct DemoEndToEndTests {
    @Test(arguments: [1, 3])
    func reportsExactlyTheInjectedDefects(scale: Int) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        let manifest = try files.write(scale: scale, now: fixedNow)
        let suite = try SuiteLoader(environment: [:]).load(path: files.suitePath)
        #expect(Set(suite.tables.map(\.name)) == ["customers", "accounts", "transactions", "credit_scores", "regulatory_reports", "data_lineage"])
        let source = try Assay.openSource(for: suite, override: nil)
        let result = await RunEngine(source: source, clock: FixedClock(fixedNow)).run(suite)
        #expect(result.count(.error) == 0, "\(result.results.filter { $0.status == .error }.map(\.message))")
        #expect(DemoVerification.mismatches(result, manifest: manifest) == [])
        // Every row check in the suite is accounted for by the manifest, and defects were injected.
        let rowChecks = result.results.filter { $0.violations != nil && !["columns", "column_exists"].contains($0.kind) }
        #expect(rowChecks.count == manifest.expected.values.map(\.count).reduce(0, +))
        #expect(manifest.expected.values.flatMap(\.values).reduce(0, +) > 0)
        #expect(result.count(.fail) > 0 && result.count(.warn) > 0 && result.count(.pass) > 0)
        #expect(result.scorecards.count == 6)
    }

    @Test func demoCommandRunsAndConfirms() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let output = try AssayProcess.run(["demo", "--scale", "1", "--dir", dir.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Assay reported exactly the"))
        #expect(output.stdout.contains("Scorecard"))
        #expect(FileManager.default.fileExists(atPath: dir.file("manifest.json")))
        let check = try AssayProcess.run(["check", "--config", dir.file("financeflow.yml"), "--format", "json"])
        #expect(check.status == 2)
    }
}
