import ArgumentParser
import AssayConformance
import Foundation

/// `assay-conformance cases.jsonl --backend sqlite|postgresql`: runs GX's own test cases through Assay and
/// prints, per expectation, how many agree with GX.
@main
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay-conformance",
        abstract: "Run Great Expectations' test cases through Assay and compare the answers.")

    @Argument(help: "A conformance file (JSON lines, the format of conformance/gx/README.md).")
    var path: String

    @Option(help: "The engine to materialise each case in: sqlite or postgresql.")
    var backend: Backend = .sqlite

    @Option(help: "PostgreSQL URL for --backend postgresql (default: $ASSAY_TEST_POSTGRES_URL); the role must create tables.")
    var url: String?

    @Option(help: "Write the JSON report (summary and one entry per case) to this file.")
    var report: String?

    @Option(help: "Exit 1 when agreement on the cases GX runs on the backend is below this percentage.")
    var target: Double?

    func run() async throws {
        do {
            let cases = try ConformanceCase.load(path: path)
            let runner = ConformanceRunner(backend: backend, postgresURL: url ?? ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES_URL"])
            let result = try await runner.run(cases)
            print(result.table())
            if let report { try result.json().write(toFile: report, atomically: true, encoding: .utf8) }
            if let target, result.summary(.gxRan).agreement * 100 < target { throw ExitCode(1) }
        } catch let error as ConformanceError {
            FileHandle.standardError.write(Data("assay-conformance: \(error)\n".utf8))
            throw ExitCode(3)
        }
    }
}

extension Backend: ExpressibleByArgument {}
