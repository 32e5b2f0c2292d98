import AssayCore
import Foundation
import GRDB

/// The history store in one SQLite file (WAL, so readers never wait for a writer). Several processes may record
/// into it at once: each run is one short transaction, and a writer waits up to the busy timeout for another's.
///
/// ```swift
/// let store = try SQLiteStore(path: "assay.db")
/// try await store.record(result)
/// let last = try await store.runs(last: 10)
/// ```
public final class SQLiteStore: ResultStore {
    public let path: String
    let pool: DatabasePool

    /// Opens the store at `path`, creating it (and bringing an older one up to date) when needed.
    /// - Parameter busyTimeout: how long a writer waits for another process's transaction.
    /// - Throws: ``StoreError`` when the file cannot be created or written, is not an Assay store, or was written by
    ///   a newer Assay.
    public init(path: String, busyTimeout: TimeInterval = 10) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "assay.store"
        configuration.foreignKeysEnabled = true
        // Two processes creating the same store at once: switching to WAL needs the lock for a moment (SQLite answers
        // "busy" at once there rather than waiting), and both may see no migrations and create the tables; the one
        // that loses tries again until the busy timeout.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                pool = try Self.open(path: path, configuration: configuration)
                return
            } catch let error as StoreError {
                throw error
            } catch let error as DatabaseError where Self.lostCreationRace(error) && Date() < deadline {
                // The other process holds the lock, or created the tables first: open again and see its migrations.
                Thread.sleep(forTimeInterval: 0.02)
            } catch {
                throw Self.describe(error, path: path)
            }
        }
    }

    private static func lostCreationRace(_ error: DatabaseError) -> Bool {
        error.resultCode.primaryResultCode == .SQLITE_BUSY
            || (error.resultCode.primaryResultCode == .SQLITE_ERROR && error.message?.contains("already exists") == true)
    }

    private static func open(path: String, configuration: Configuration) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: configuration)
        let migrator = StoreSchema.migrator
        if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
            throw StoreError(.newerVersion, "the store \(path) was written by a newer Assay (it has schema changes this version does not know); use that version or another --store")
        }
        try pool.read { db in try checkIsStore(db, path: path) }
        try migrator.migrate(pool)
        return pool
    }

    /// A file that holds tables but not ours is another program's database: never write into it.
    private static func checkIsStore(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if !tables.isEmpty, !tables.contains("grdb_migrations") {
            throw StoreError(.notAStore, "\(path) is a SQLite database but not an Assay store (it has tables \(tables.prefix(5).joined(separator: ", "))); give another --store")
        }
    }

    public func record(_ result: SuiteResult) async throws(StoreError) {
        let rows = try StoredRun.encoding(result)
        do {
            try await pool.write { db in try rows.insert(into: db) }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func runs(last count: Int) async throws(StoreError) -> [RunSummary] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT run_id, suite, source, started_at, duration_seconds, status, exit_code, checks, failed, warned, errors,
                           assay_version FROM runs ORDER BY started_at DESC, run_id DESC LIMIT ?
                    """, arguments: [max(0, count)]).compactMap(Self.summary)
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func run(_ id: RunID) async throws(StoreError) -> SuiteResult {
        let read: SuiteResult?
        do {
            read = try await pool.read { db in try StoredRun.read(id, from: db) }
        } catch {
            throw StoreError(.notAStore, "run \(id) in the store \(path) cannot be read: \(error)")
        }
        guard let read else { throw StoreError(.notFound, "no run \(id) in the store \(path)") }
        return read
    }

    public func history(of key: CheckKey, since: Date) async throws(StoreError) -> [HistoryPoint] {
        do {
            return try await pool.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT runs.run_id, results.started_ms, checks.fingerprint, results.status, results.rows_checked,
                           results.violations, results.violation_rate, results.observed, results.message
                    FROM results JOIN runs ON runs.id = results.run JOIN checks ON checks.id = results.check_ref
                    WHERE results.check_key = ? AND results.started_ms >= ? ORDER BY results.started_ms, results.run, results.position
                    """, arguments: [key.rawValue, Int64((since.timeIntervalSince1970 * 1000).rounded())])
                var points: [HistoryPoint] = []
                while let row = try rows.next() {
                    guard let status = CheckStatus(rawValue: row[3]) else { continue }
                    points.append(HistoryPoint(runID: RunID(stored: row[0]), startedAt: Date(timeIntervalSince1970: Double(row[1] as Int64) / 1000),
                                               fingerprint: CheckFingerprint(rawValue: row[2]), status: status, rowsChecked: row[4],
                                               violations: row[5], violationRate: row[6], observed: row[7], message: row[8]))
                }
                return points
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func prune(before cutoff: Date) async throws(StoreError) -> Int {
        do {
            return try await pool.write { db in
                try db.execute(sql: "DELETE FROM runs WHERE started_at < ?", arguments: [InstantText.string(cutoff)])
                let deleted = db.changesCount
                // Samples no result refers to any more (check definitions are few and kept).
                if deleted > 0 {
                    try db.execute(sql: "DELETE FROM samples WHERE NOT EXISTS (SELECT 1 FROM results WHERE results.sample = samples.id)")
                }
                return deleted
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func scorecardRuns(suite: String?, asOf: Date) async throws(StoreError) -> [ScorecardHistory.ScoredRun] {
        let limit = InstantText.string(min(asOf, Date(timeIntervalSince1970: 253_402_300_799)))
        do {
            return try await pool.read { db in
                let columns = "SELECT run_id, suite, started_at, scorecards FROM runs"
                guard let latest = try Row.fetchOne(db, sql: columns + """
                     WHERE (? IS NULL OR suite = ?) AND started_at <= ? ORDER BY started_at DESC, run_id DESC LIMIT 1
                    """, arguments: [suite, suite, limit]) else { return [] }
                let name: String = latest["suite"], started: String = latest["started_at"]
                let previous = try Row.fetchOne(db, sql: columns + """
                     WHERE suite = ? AND started_at <= ? AND run_id <> ? ORDER BY started_at DESC, run_id DESC LIMIT 1
                    """, arguments: [name, started, latest["run_id"] as String])
                let weekBefore = InstantText.string((InstantText.date(started) ?? Date()).addingTimeInterval(-7 * 86_400))
                let weekAgo = try Row.fetchOne(db, sql: columns + """
                     WHERE suite = ? AND started_at <= ? ORDER BY started_at DESC, run_id DESC LIMIT 1
                    """, arguments: [name, weekBefore])
                var seen = Set<String>()
                return try ([latest] + [previous, weekAgo].compactMap(\.self)).compactMap { row -> ScorecardHistory.ScoredRun? in
                    let id: String = row["run_id"]
                    guard seen.insert(id).inserted, let started = InstantText.date(row["started_at"]) else { return nil }
                    let cards = try JSONDecoder().decode([Scorecard].self, from: Data((row["scorecards"] as String).utf8))
                    return ScorecardHistory.ScoredRun(runID: RunID(stored: id), suite: row["suite"], startedAt: started, scorecards: cards)
                }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    private static func summary(_ row: Row) -> RunSummary? {
        guard let id = RunID(row["run_id"]), let started = InstantText.date(row["started_at"]),
              let status = CheckStatus(rawValue: row["status"]) else { return nil }
        return RunSummary(runID: id, suite: row["suite"], source: row["source"], startedAt: started,
                          durationSeconds: row["duration_seconds"], status: status, exitCode: Int32(row["exit_code"] as Int),
                          checks: row["checks"], failed: row["failed"], warned: row["warned"], errors: row["errors"],
                          assayVersion: row["assay_version"])
    }

    /// The I/O errors of a write that did not fit: a full disk, or a file that may not grow.
    private static let failedWrites: [ResultCode] = [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE, .SQLITE_IOERR_SHMSIZE]

    static func describe(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else { return StoreError(.unavailable, "the store \(path) cannot be used: \(error)") }
        let message = db.message ?? "\(db.resultCode)"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_NOTADB:
            return StoreError(.notAStore, "\(path) is not a SQLite database, so not an Assay store; give another --store")
        case .SQLITE_READONLY:
            return StoreError(.unavailable, "the store \(path) is read-only: runs cannot be recorded (\(message)); give a writable --store or --no-store")
        case .SQLITE_FULL:
            return StoreError(.unavailable, "the store \(path) is full: its disk has no room left (\(message)); nothing is recorded until there is")
        case .SQLITE_IOERR where Self.failedWrites.contains(db.extendedResultCode):
            // A file that may not grow (`ulimit -f`: EFBIG) is a failed write to SQLite, not SQLITE_FULL.
            return StoreError(.unavailable, "cannot write the store \(path): \(message) (is its disk full, or a file size limit reached?); nothing is recorded until it can be written")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR:
            return StoreError(.unavailable, "cannot open or write the store \(path): \(message)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.unavailable, "the store \(path) stayed locked by another process past the busy timeout")
        default:
            return StoreError(.unavailable, "the store \(path) failed: \(message)")
        }
    }
}
