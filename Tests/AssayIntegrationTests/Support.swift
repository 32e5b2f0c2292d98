import Assay
import Foundation
import GRDB
import Synchronization

/// A fresh directory under the system temp folder, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "assay-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Every statement a real SQLite connection executed, as reported by SQLite's own trace hook.
final class StatementLog: Sendable {
    private let statements = Mutex<[String]>([])

    var trace: @Sendable (String) -> Void { { sql in self.statements.withLock { $0.append(sql) } } }

    var all: [String] { statements.withLock { $0 } }

    /// Statements that read table data (not the catalogue or connection set-up).
    var dataReads: [String] {
        all.filter { sql in
            let upper = sql.uppercased()
            return upper.hasPrefix("SELECT") && !upper.contains("PRAGMA_TABLE_INFO") && !upper.contains("SQLITE_MASTER")
                && !upper.contains("SQLITE_SCHEMA")
        }
    }
}

/// The fixed "now" the seed-condition tests use: 2026-11-27 12:00:00 UTC.
let fixedNow = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 12 * 3600)

/// Writes a SQLite database with the given statements.
func makeDatabase(at path: String, _ statements: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: statements) }
}

/// Runs suite YAML text against a database and returns the result.
func run(yaml: String, database: String, now: CivilDateTime = fixedNow, options: RunOptions = RunOptions(),
         trace: (@Sendable (String) -> Void)? = nil) async throws -> SuiteResult {
    let suite = try SuiteLoader(environment: [:]).parse(yaml, file: "test.yml")
    let source = try SQLiteSource(path: database, trace: trace)
    return await RunEngine(source: source, options: options, clock: FixedClock(now)).run(suite)
}

extension SuiteResult {
    func result(_ table: String, _ check: String) -> CheckResult? {
        results.first { $0.table == table && $0.check == check }
    }
}
