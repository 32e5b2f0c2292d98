import AssayTestSupport
import Assay
import Foundation

/// The fixed "now" the seed-condition tests use: 2026-11-27 12:00:00 UTC.
let fixedNow = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 12 * 3600)

/// Writes a SQLite database with the given statements.
func makeDatabase(at path: String, _ statements: String) throws { try TestDatabase.write(statements, at: path) }

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

/// Whether this process may mount a small tmpfs (root with CAP_SYS_ADMIN), for the full-disk and read-only-disk tests.
let canMountTmpfs: Bool = {
    let probe = NSTemporaryDirectory() + "assay-mount-probe-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
    guard system("mount -t tmpfs -o size=64k tmpfs \(probe) >/dev/null 2>&1") == 0 else { return false }
    _ = system("umount \(probe) >/dev/null 2>&1")
    return true
}()
