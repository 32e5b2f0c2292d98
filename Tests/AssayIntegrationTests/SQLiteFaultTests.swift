import AssayTestSupport
import Assay
import Foundation
import GRDB
import Testing

/// SQLite sources under time limits, locks, unusual files and read-only folders — real files, real locks held by
/// another process (python3's sqlite3), a real read-only folder (the immutable attribute, which root respects too).
@Suite("SQLite faults", .serialized)
struct SQLiteFaultTests {
    static let backtracking = """
        tables:
          t:
            checks:
              - rule: {violation: "s ~ '(a*)*$'"}
              - not_null: s
        """

    /// One value ICU's backtracking search needs minutes for: non-ASCII text, so the POSIX engine is not used.
    static func backtrackingDatabase(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.file("r.db")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(s TEXT)")
            try db.execute(sql: "INSERT INTO t VALUES (?), ('abc')", arguments: [String(repeating: "a", count: 40) + "é"])
        }
        return path
    }

    @Test("a catastrophically backtracking regexp() on non-ASCII text ends at the URL's statement timeout")
    func regexpStopsAtTheStatementTimeout() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Self.backtrackingDatabase(dir)
        let suite = try SuiteLoader(environment: [:]).parse(Self.backtracking, file: "t.yml")
        let source = try SourceFactory.open("sqlite:\(path)?statement_timeout=1s")
        let result = await RunEngine(source: source).run(suite)
        let rule = try #require(result.result("t", "rule_s"))
        #expect(rule.status == .error)
        #expect(rule.message.contains("statement timeout of 1s"), "\(rule.message)")
        // The not_null check shares the table's one scan, so it shares the scan's fate and says why.
        let shared = try #require(result.result("t", "not_null_s"))
        #expect(shared.status == .error && shared.message.contains("statement timeout of 1s"), "\(shared.message)")
        #expect(result.exitCode == 3)
    }

    @Test("the suite's statement timeout applies when the URL sets none, and the URL's own wins")
    func suiteLimitsApplyAndTheURLWins() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Self.backtrackingDatabase(dir)
        var suite = try SuiteLoader(environment: [:]).parse(Self.backtracking, file: "t.yml")
        suite.limits = RunLimits(statementTimeout: TimeSpan(seconds: 1))
        let fromSuite = try Assay.openSource(for: suite, override: "sqlite:" + path)
        #expect((fromSuite as? SQLiteSource)?.options.statementTimeout == TimeSpan(seconds: 1))
        let result = await RunEngine(source: fromSuite).run(suite)
        #expect(result.result("t", "rule_s")?.message.contains("statement timeout of 1s") == true)

        suite.limits = RunLimits(statementTimeout: TimeSpan(seconds: 600))
        let fromURL = try Assay.openSource(for: suite, override: "sqlite:\(path)?statement_timeout=1500ms")
        #expect((fromURL as? SQLiteSource)?.options.statementTimeout == TimeSpan(seconds: 1.5))
        #expect(throws: SourceError.self) { try SourceFactory.open("sqlite:\(path)?statment_timeout=1s") }
        #expect(throws: SourceError.self) { try SourceFactory.open("sqlite:\(path)?statement_timeout=soon") }
    }

    @Test("a long scan without regexp() is interrupted at the statement timeout too")
    func longScanStopsAtTheStatementTimeout() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("big.db")
        try makeDatabase(at: path, """
            CREATE TABLE big(n INTEGER);
            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1000000) INSERT INTO big SELECT n FROM g;
            """)
        // A million rows of text work without regexp(): only SQLite's progress handler can stop the scan early.
        let yaml = """
            tables:
              big:
                checks:
                  - rule: {violation: "CAST(n * 7 AS text) LIKE '%12345%' OR UPPER(CAST(n AS text)) LIKE '%999999%'"}
            """
        let suite = try SuiteLoader(environment: [:]).parse(yaml, file: "t.yml")
        let result = await RunEngine(source: try SQLiteSource(location: path + "?statement_timeout=20ms")).run(suite)
        let check = try #require(result.results.first)
        #expect(check.status == .error)
        #expect(check.message.contains("statement timeout of 20ms"), "\(check.message)")
    }

    struct BadFile: CustomStringConvertible, Sendable {
        var name: String
        var make: @Sendable (String) throws -> Void
        var expected: String
        var description: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "a folder", make: { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false) },
                expected: "is a folder, not a SQLite database file"),
        BadFile(name: "a zero-byte file", make: { _ = FileManager.default.createFile(atPath: $0, contents: Data()) },
                expected: "is empty (0 bytes), not a SQLite database"),
        BadFile(name: "a text file", make: { try "name,amount\nann,3\n".write(toFile: $0, atomically: true, encoding: .utf8) },
                expected: "is not a SQLite database"),
        BadFile(name: "a short binary file", make: { _ = FileManager.default.createFile(atPath: $0, contents: Data([0, 1, 2])) },
                expected: "is not a SQLite database"),
        BadFile(name: "a missing file", make: { _ in }, expected: "SQLite database not found"),
    ]

    @Test("a path that is not a SQLite database gets a plain message naming it", arguments: badFiles)
    func badFilesArePlain(_ bad: BadFile) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("bank.db")
        try bad.make(path)
        let error = try #require(throws: SourceError.self) { try SQLiteSource(path: path) }
        #expect(error.message.contains(bad.expected), "\(error.message)")
        #expect(error.message.contains(path), "\(error.message)")
        for raw in ["SQLite error", "NSCocoaErrorDomain", "SQLITE_", "error 26"] {
            #expect(!error.message.contains(raw), "\(error.message)")
        }
    }

    @Test("the real binary names a folder given as the database, exit 3")
    func binaryNamesAFolder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.file("data.db"), withIntermediateDirectories: false)
        try "tables:\n  t:\n    checks:\n      - row_count: {min: 1}\n".write(toFile: dir.file("s.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", dir.file("s.yml"), "--source", "sqlite:" + dir.file("data.db")])
        #expect(output.status == 3)
        #expect(output.stderr.contains(dir.file("data.db") + " is a folder"), "\(output.stderr)")
    }

    @Test("a database another process holds locked waits the busy timeout, then fails once as locked")
    func lockedByAnotherProcess() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("bank.db")
        try makeDatabase(at: path, "CREATE TABLE a(n INTEGER); INSERT INTO a VALUES (1); CREATE TABLE b(n INTEGER); INSERT INTO b VALUES (2);")
        // Opened before the lock is taken, so the lock meets the run's statements, not the opening.
        let source = try SQLiteSource(location: path + "?busy_timeout=1s")
        let writer = try LockHolder(database: path)
        defer { writer.release() }
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              a: {checks: [{not_null: n}, {row_count: {min: 1}}]}
              b: {checks: [{not_null: n}]}
            """, file: "t.yml")
        let result = await RunEngine(source: source).run(suite)
        let failure = try #require(result.sourceFailure)
        #expect(failure.code == .locked)
        #expect(failure.message.contains("locked by another process (waited 1s"), "\(failure.message)")
        #expect(result.results.allSatisfy { $0.status == .error && $0.failure?.code == .locked })
        #expect(Set(result.results.map(\.message)).count == 1)
        #expect(!TextReport().render(result).contains("SQLite error"))
        #expect(result.exitCode == 3)
        // Opening while the lock is held fails the same way, after the busy timeout.
        let error = try #require(throws: SourceError.self) { try SQLiteSource(location: path + "?busy_timeout=500ms") }
        #expect(error.code == .locked)
    }

    @Test("a WAL database in a read-only folder is read, including changes still in its -wal file", arguments: [false, true])
    func walInReadOnlyFolder(changesInWAL: Bool) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let folder = dir.file("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = (folder as NSString).appendingPathComponent("bank.db")
        try PythonSQLite.run("""
            import sqlite3, os, sys
            c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA wal_autocheckpoint=0")
            c.execute("CREATE TABLE t(n)"); c.execute("INSERT INTO t VALUES (1)"); c.commit()
            if sys.argv[2] == "1":
                c.execute("INSERT INTO t VALUES (2)"); c.commit()   # stays in the -wal file: the process exits unclean
                os.remove(sys.argv[1] + "-shm"); os._exit(0)
            c.execute("INSERT INTO t VALUES (2)"); c.commit(); c.close()
            """, arguments: [path, changesInWAL ? "1" : "0"])
        #expect(FileManager.default.fileExists(atPath: path + "-wal") == changesInWAL)
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        let readOnly = try ReadOnlyFolder(folder)
        defer { readOnly.restore() }
        #expect(!FileManager.default.createFile(atPath: (folder as NSString).appendingPathComponent("probe"), contents: nil))
        let suite = try SuiteLoader(environment: [:]).parse("tables:\n  t:\n    checks:\n      - row_count: {min: 2, max: 2}\n", file: "t.yml")
        let result = await RunEngine(source: try SQLiteSource(path: path)).run(suite)
        let check = try #require(result.results.first)
        #expect(check.status == .pass, "\(check.message)")
        #expect(check.observed == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            == (changesInWAL ? ["bank.db", "bank.db-wal"] : ["bank.db"]))
    }
}

/// Runs a python3 script with the sqlite3 module (another process, another SQLite library instance).
enum PythonSQLite {
    static func run(_ script: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed")
    }
}

/// Another process holding an exclusive lock on a database (python3: BEGIN EXCLUSIVE) until released.
final class LockHolder {
    private let process = Process()
    private let input = Pipe()

    init(database: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("BEGIN EXCLUSIVE"); c.execute("INSERT INTO a VALUES (9)")
            print("locked", flush=True); sys.stdin.read()
            """, database]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        try #require(String(decoding: line, as: UTF8.self).contains("locked"), "the lock holder did not start")
    }

    func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// A folder nobody can create files in, not even root: the immutable attribute (chattr +i).
struct ReadOnlyFolder {
    let path: String

    init(_ path: String) throws {
        self.path = path
        try #require(Self.chattr("+i", path) == 0, "chattr +i is not supported here")
    }

    func restore() { _ = Self.chattr("-i", path) }

    private static func chattr(_ flag: String, _ path: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chattr", flag, path]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
