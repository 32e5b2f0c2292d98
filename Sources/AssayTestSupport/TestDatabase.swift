import AssayCore
import AssaySQLite
import Foundation
import GRDB

/// A SQLite database in a temporary file, made from SQL, for running suites against a real source.
///
/// ```swift
/// let db = try TestDatabase("CREATE TABLE t(id INTEGER PRIMARY KEY, email TEXT); INSERT INTO t VALUES (1, NULL);")
/// defer { db.remove() }
/// let result = await RunEngine(source: try db.source()).run(suite)
/// ```
public struct TestDatabase: Sendable {
    /// The database file.
    public let path: String

    /// Creates the file and runs `statements` (schema and rows) in it.
    public init(_ statements: String) throws {
        path = NSTemporaryDirectory() + "assay-db-" + UUID().uuidString + ".db"
        try Self.write(statements, at: path)
    }

    /// Runs more statements against it (a writer changing the data or the schema between runs).
    public func execute(_ statements: String) throws { try Self.write(statements, at: path) }

    /// A read-only source on the file, as `sqlite:PATH` opens it; `trace` receives every statement it executes.
    public func source(connections: Int = 2, trace: (@Sendable (String) -> Void)? = nil) throws(SourceError) -> SQLiteSource {
        try SQLiteSource(path: path, connections: connections, trace: trace)
    }

    /// The `sqlite:` URL of the file.
    public var url: String { "sqlite:" + path }

    /// Deletes the file (and any -wal/-shm beside it).
    public func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Writes a SQLite database at `path` with the given statements.
    public static func write(_ statements: String, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: statements) }
    }
}
