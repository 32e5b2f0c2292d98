import ArgumentParser
import Assay
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate the FinanceFlow Bank demo (SQLite + suite), run it, and print the scorecard.")

    @Option(help: "Size: N thousand customers, 2N thousand accounts, 10N thousand transactions.")
    var scale = 10

    @Option(help: "Directory for financeflow.db, financeflow.yml and manifest.json.")
    var dir = "assay-demo"

    @Option(name: .shortAndLong, help: "Report format: text, json or junit.")
    var format: ReportFormat = .text

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1") }
    }

    func run() async throws {
        let now = CivilDateTime.now()
        let files = DemoFiles(directory: dir)
        let clock = ContinuousClock()
        let started = clock.now
        let manifest: DemoManifest
        do {
            manifest = try files.write(scale: scale, now: now)
        } catch {
            Output.error("cannot write the demo to \(dir): \(error)")
            throw ExitCode(3)
        }
        let generated = clock.now - started
        let suite = try SuiteOptions.parse(["--config", files.suitePath]).loadSuite()
        let source = try SuiteOptions.parse(["--config", files.suitePath]).openSource(for: suite)
        let result = await SuiteRunner(source: source, now: now).run(suite)
        try Output.write(Output.render(result, format: format, toTerminal: Output.isTerminal), to: nil)
        let mismatches = DemoVerification.mismatches(result, manifest: manifest)
        guard format == .text else { return }
        print("\nGenerated \(manifest.rowCounts.values.reduce(0, +)) rows in \(generated.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2)))) into \(files.databasePath).")
        if mismatches.isEmpty {
            let injected = manifest.expected.values.flatMap(\.values).reduce(0, +)
            print("Assay reported exactly the \(injected) injected violations for every one of \(manifest.expected.values.map(\.count).reduce(0, +)) row checks.")
            print("Run it again: assay check --config \(files.suitePath)   (exits 2: the demo data has failures by design)")
        } else {
            for m in mismatches { Output.error(m) }
            throw ExitCode(1)
        }
    }
}
