import ArgumentParser
import Assay
import AssayDemo
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate the FinanceFlow Bank demo (SQLite + suite), run it, and print the scorecard.",
        discussion: """
            With --source postgres://..., the six tables are also loaded into that database with COPY \
            (replacing tables of the same names) and the suite runs there.
            """)

    @Option(help: "Size: N thousand customers, 2N thousand accounts, 10N thousand transactions.")
    var scale = 10

    @Option(help: "Directory for financeflow.db, financeflow.yml and manifest.json.")
    var dir = "assay-demo"

    @Option(name: .shortAndLong, help: "Also load the demo into this PostgreSQL database and check it there.")
    var source: String?

    @Option(name: .shortAndLong, help: "Report format: text, json or junit.")
    var format: ReportFormat = .text

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1") }
        if let source, !PostgresURL.matches(source) {
            throw ValidationError("--source must be a postgres:// URL (the SQLite demo is always written to --dir)")
        }
    }

    func run() async throws {
        let now = CivilDateTime.now()
        let files = DemoFiles(directory: dir)
        let clock = ContinuousClock()
        var started = clock.now
        let manifest: DemoManifest
        do {
            manifest = try files.write(scale: scale, now: now)
        } catch {
            Output.error("cannot write the demo to \(dir): \(Output.reason(error))")
            throw ExitCode(3)
        }
        var timings = ["generated \(manifest.rowCounts.values.reduce(0, +)) rows in \(Self.seconds(clock.now - started)) into \(files.databasePath)"]
        if let source {
            started = clock.now
            do {
                _ = try await PostgresLoader(url: source).load(sqlitePath: files.databasePath, tables: DemoGenerator.tableNames)
            } catch {
                Output.error("cannot load the demo into PostgreSQL: \(error)")
                throw ExitCode(3)
            }
            timings.append("loaded them into \(try PostgresURL(source).displayName) in \(Self.seconds(clock.now - started))")
        }
        let storePath = StoreOptions.besideSuite(files.suitePath)
        let request = CheckRequest(config: .file(files.suitePath), source: source, clock: FixedClock(now), format: format,
                                   color: Output.isTerminal, store: .url("sqlite:" + storePath))
        let outcome = try await Output.attempt { () throws(AssayError) in try await Assay.check(request) }
        let result = outcome.result
        if let error = outcome.storeError { Output.error("the run was not recorded: \(error.message)") }
        try Output.write(outcome.report, to: nil)
        let mismatches = DemoVerification.mismatches(result, manifest: manifest)
        guard format == .text else { return }
        print("\n" + timings.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }.joined(separator: "\n"))
        if mismatches.isEmpty {
            let injected = manifest.expected.values.flatMap(\.values).reduce(0, +)
            print("Assay reported exactly the \(injected) injected violations for every one of \(manifest.expected.values.map(\.count).reduce(0, +)) row checks.")
            print("Run it again: \(Self.invocation) check --config \(files.suitePath)\(source.map { _ in " --source <the same URL>" } ?? "")   (exits 2: the demo data has failures by design)")
            if outcome.storeError == nil {
                print("Recorded in \(storePath); see the runs: \(Self.invocation) runs --config \(files.suitePath)   and one check's history: \(Self.invocation) history customers.c_email_unique --config \(files.suitePath)")
                let report = ((files.suitePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("report.html")
                print("The HTML report: \(Self.invocation) report --html \(report) --config \(files.suitePath)")
                print("The dashboard:   \(Self.invocation) serve --config \(files.suitePath)   then open http://127.0.0.1:8080/")
            }
            if Self.invocation.hasPrefix("swift run") {
                print("To call it as plain `assay`: swift build -c release && install .build/release/assay /usr/local/bin/")
            }
        } else {
            for m in mismatches { Output.error(m) }
            throw ExitCode(1)
        }
    }

    /// How the user ran this binary, so the hint works when pasted: `swift run assay` from a build folder,
    /// `assay` when it was found on the PATH, otherwise the path it was run by.
    static var invocation: String {
        let path = CommandLine.arguments.first ?? "assay"
        if path.contains("/.build/") || path.hasPrefix(".build/") { return "swift run assay" }
        return path
    }

    static func seconds(_ duration: Duration) -> String {
        duration.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2)))
    }
}
