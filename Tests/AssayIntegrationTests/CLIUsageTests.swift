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

/// `--output` into a device or a pipe writes into it; it never replaces it with a file (as root, an atomic write to
/// /dev/null would).
@Suite("Reports into devices and pipes")
struct OutputIntoSpecialFilesTests {
    @Test func aReportIntoAFifoLeavesTheFifo() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (NULL);", at: dir.file("t.db"))
        try "tables:\n  t:\n    checks:\n      - not_null: x\n".write(toFile: dir.file("t.yml"), atomically: true, encoding: .utf8)
        let fifo = dir.file("report.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () throws -> String in
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: fifo))
            defer { try? handle.close() }
            return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        }
        let run = try await AssayProcess.run(["check", "-c", "t.yml", "-s", "sqlite:t.db", "--no-store", "-f", "json", "-o", fifo], in: dir.path)
        #expect(run.status == 2, "\(run.stderr)")
        // Bounded: had the pipe been replaced by a file, the reader would wait on it forever.
        let received = await withTaskGroup(of: String?.self) { group in
            group.addTask { try? await reader.value }
            group.addTask { try? await Task.sleep(for: .seconds(20)); return nil }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        #expect(received?.contains("\"not_null_x\"") == true, "the report did not come through the pipe")
        let type = try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType
        #expect(type != nil && type != .typeRegular, "the pipe was replaced by a file: \(String(describing: type))")
    }
}
