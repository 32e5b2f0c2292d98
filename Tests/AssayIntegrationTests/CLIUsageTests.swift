import AssayTestSupport
import Foundation
import Testing

/// The command line keeps to its documented exit codes (0-3) and plain messages for usage mistakes.
@Suite("Usage errors and report paths", .serialized)
struct CLIUsageTests {
    static let data = "CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT); INSERT INTO customers VALUES (1, 'a@b.co');"
    static let suite = "tables:\n  customers:\n    checks:\n      - not_null: email\n"

    static func workspace() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try makeDatabase(at: dir.file("bank.db"), data)
        try suite.write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("usage mistakes exit 3, not 64", arguments: [
        (["check", "--config", "suite.yml", "--source", "sqlite:bank.db", "--format", "xml"], "xml"),
        (["chek", "--config", "suite.yml"], "chek"),
        (["check", "--config", "suite.yml", "--colour"], "--colour"),
        (["check"], "--config"),
    ])
    func usageMistakes(_ arguments: [String], _ named: String) throws {
        let dir = try Self.workspace()
        defer { dir.cleanUp() }
        let output = try AssayProcess.run(arguments, in: dir.path)
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains(named), "\(output.stderr)")
    }

    @Test func helpAndVersionExitZero() throws {
        #expect(try AssayProcess.run(["--help"]).status == 0)
        #expect(try AssayProcess.run(["--version"]).status == 0)
    }

    @Test("a report path that cannot be written is a plain error", arguments: [
        ("out", "it is a directory"),
        ("missing/report.json", "the folder missing does not exist"),
    ])
    func unwritableOutput(_ path: String, _ message: String) throws {
        let dir = try Self.workspace()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        let output = try AssayProcess.run(["check", "--config", "suite.yml", "--source", "sqlite:bank.db", "--output", path],
                                          in: dir.path)
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!output.stderr.contains("NSCocoaErrorDomain") && !output.stderr.contains("The operation"), "\(output.stderr)")
    }

    @Test func aDemoFolderThatCannotBeMadeIsAPlainError() throws {
        let output = try AssayProcess.run(["demo", "--scale", "1", "--dir", "/dev/null/demo"])
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("cannot write the demo to /dev/null/demo: not a directory"), "\(output.stderr)")
    }
}
