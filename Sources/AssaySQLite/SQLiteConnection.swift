import AssayCore
import Foundation
import GRDB
import GRDBSQLite

/// One read-only SQLite connection with its statement clock: every read runs under the statement timeout, and its
/// failures are phrased for a person (a timeout names the limit, a lock names the other process).
struct SQLiteConnection: Sendable {
    private let queue: DatabaseQueue
    private let clock: StatementClock
    private let path: String
    private let options: SQLiteOptions

    /// SQLite calls the progress handler every this many virtual-machine steps (about a microsecond's work).
    private static let progressSteps: Int32 = 1000

    /// - Parameters:
    ///   - location: what SQLite opens (the path, or a `file:` URI for an immutable read).
    ///   - path: the database path, for messages.
    init(location: String, path: String, options: SQLiteOptions, trace: (@Sendable (String) -> Void)?) throws(SourceError) {
        let clock = StatementClock()
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "assay.sqlite"
        configuration.busyMode = .timeout(options.busyTimeout.seconds)
        configuration.prepareDatabase { db in
            if let trace { db.trace { event in trace(event.description) } }
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
            try RegexpFunction.register(on: db, clock: clock)
            sqlite3_progress_handler(db.sqliteConnection, Self.progressSteps, { context in
                guard let context else { return 0 }
                return Unmanaged<StatementClock>.fromOpaque(context).takeUnretainedValue().isExpired ? 1 : 0
            }, Unmanaged.passUnretained(clock).toOpaque())
        }
        self.clock = clock
        self.path = path
        self.options = options
        do {
            queue = try DatabaseQueue(path: location, configuration: configuration)
        } catch {
            throw Self.describe(error, path: path, options: options, timedOut: false)
        }
    }

    /// Runs `body` on the connection under the statement timeout.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(SourceError) -> T {
        let clock = clock
        let seconds = options.statementTimeout.seconds
        do {
            return try await queue.read { db in try Self.timed(db, clock: clock, seconds: seconds, body) }
        } catch {
            throw Self.describe(error, path: path, options: options, timedOut: error is StatementTimedOut)
        }
    }

    /// Reads the schema once, at once: the file opens and is a database nobody holds locked past the busy timeout.
    func verify() throws(SourceError) {
        let clock = clock
        let seconds = options.statementTimeout.seconds
        do {
            try queue.read { db in try Self.timed(db, clock: clock, seconds: seconds) { db in _ = try db.tableExists("sqlite_master") } }
        } catch {
            throw Self.describe(error, path: path, options: options, timedOut: error is StatementTimedOut)
        }
    }

    /// Runs `body` with the clock started; an error after the clock ran out is the statement timeout, whatever
    /// SQLite called it (interrupted by the progress handler, or failed by `regexp()`).
    private static func timed<T>(_ db: Database, clock: StatementClock, seconds: Double,
                                 _ body: (Database) throws -> T) throws -> T {
        clock.start(seconds: seconds)
        let value: T
        do {
            value = try body(db)
        } catch {
            throw clock.stop() ? StatementTimedOut() : error
        }
        clock.stop()
        return value
    }

    private struct StatementTimedOut: Error {}

    /// A SQLite or GRDB failure in plain words naming the database.
    static func describe(_ error: any Error, path: String, options: SQLiteOptions, timedOut: Bool) -> SourceError {
        if timedOut {
            return SourceError(.timeout, "the statement ran past the statement timeout of \(options.statementTimeout) and was cancelled")
        }
        if error is CancellationError { return SourceError(.timeout, "the statement was cancelled") }
        guard let db = error as? DatabaseError else { return SourceError(.sql, "\(error)") }
        let message = db.message ?? "\(db.resultCode)"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return SourceError(.locked, "the SQLite database \(path) is locked by another process (waited \(options.busyTimeout) for its lock)")
        case .SQLITE_NOTADB:
            return SourceError(.notADatabase, "\(path) is not a SQLite database")
        case .SQLITE_CORRUPT:
            return SourceError(.sql, "the SQLite database \(path) is damaged (\(message))")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return SourceError(.unreachable, "cannot open the SQLite database \(path): \(message)")
        case .SQLITE_IOERR:
            return SourceError(.unreachable, "cannot read the SQLite database \(path): \(message)")
        case .SQLITE_INTERRUPT:
            return SourceError(.timeout, "the statement was interrupted")
        default:
            return SourceError(.sql, "SQLite error \(db.resultCode.rawValue): \(message)")
        }
    }
}
