import AssayCore
import Foundation
import GRDB

/// Remediation's write connection to a SQLite database: each transaction opens its own connection and takes the
/// write lock first (`BEGIN IMMEDIATE`), so nothing else writes between a move's copy and its delete. The same
/// functions as the read-only source (`regexp()`, case-sensitive `LIKE`), so a check's condition means the same.
public struct SQLiteWriter: RowWriter {
    public let dialect: any SQLDialect = SQLiteDialect()
    public let path: String
    public let options: SQLiteOptions
    public var displayName: String { "sqlite:\(path)" }

    /// - Parameter location: `PATH` or `PATH?busy_timeout=2s`, as for the source; the file must exist.
    /// - Throws: ``RemediationError`` `.notWritable` when there is no database at the path.
    public init(location: String, limits: RunLimits = RunLimits()) throws(RemediationError) {
        let parsed: (String, SQLiteOptions)
        do throws(SourceError) { parsed = try SQLiteOptions.parse(location, limits: limits) } catch {
            throw RemediationError(.notWritable, "the writer URL is not usable: \(error.message)")
        }
        (path, options) = parsed
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw RemediationError(.notWritable, "the write connection names no SQLite database: \(path) does not exist")
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any WriteTransaction) async throws(RemediationError) -> T) async throws(RemediationError) -> T {
        let queue = try open()
        let tx = Transaction(queue: queue, path: path, options: options)
        try await tx.run("BEGIN IMMEDIATE")
        do {
            let value = try await body(tx)
            try await tx.run("COMMIT")
            return value
        } catch {
            try? await tx.run("ROLLBACK")
            throw error
        }
    }

    private func open() throws(RemediationError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "assay.sqlite.writer"
        configuration.busyMode = .timeout(options.busyTimeout.seconds)
        // The transaction spans several accesses (the body between them is async); nothing else uses this queue.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
            try RegexpFunction.register(on: db, clock: StatementClock())
        }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.describe(error, path: path, options: options)
        }
    }

    static func describe(_ error: any Error, path: String, options: SQLiteOptions) -> RemediationError {
        if let error = error as? RemediationError { return error }
        guard let db = error as? DatabaseError else { return RemediationError(.writer, "\(error)") }
        let message = db.message ?? "\(db.resultCode)"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return RemediationError(.notWritable, "cannot write to the SQLite database \(path): \(message); no row was changed")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return RemediationError(.writer, "the SQLite database \(path) is locked by another process (waited \(options.busyTimeout)); no row was changed")
        case .SQLITE_CONSTRAINT:
            return RemediationError(.writer, "the SQLite database \(path) refused the change: \(message); no row was changed")
        default:
            return RemediationError(.writer, "SQLite error \(db.resultCode.rawValue) on \(path): \(message); no row was changed")
        }
    }

    private struct Transaction: WriteTransaction {
        let queue: DatabaseQueue
        let path: String
        let options: SQLiteOptions
        private let dialect = SQLiteDialect()

        func run(_ text: String) async throws(RemediationError) {
            do { try await queue.writeWithoutTransaction { db in try db.execute(sql: text) } } catch {
                throw SQLiteWriter.describe(error, path: path, options: options)
            }
        }

        func execute(_ sql: SQLFragment) async throws(RemediationError) -> Int {
            let text = dialect.render(sql), arguments = StatementArguments(sql.bindings.map(\.databaseValue))
            do {
                return try await queue.writeWithoutTransaction { db in
                    try db.execute(sql: text, arguments: arguments)
                    return db.changesCount
                }
            } catch {
                throw SQLiteWriter.describe(error, path: path, options: options)
            }
        }

        func rows(_ sql: SQLFragment) async throws(RemediationError) -> [[SQLValue]] {
            let text = dialect.render(sql), arguments = StatementArguments(sql.bindings.map(\.databaseValue))
            do {
                return try await queue.writeWithoutTransaction { db in
                    try Row.fetchAll(db, sql: text, arguments: arguments).map { $0.databaseValues.map(SQLValue.init) }
                }
            } catch {
                throw SQLiteWriter.describe(error, path: path, options: options)
            }
        }

        func schema(of table: String) async throws(RemediationError) -> TableSchema? {
            do {
                let columns = try await queue.writeWithoutTransaction { db in
                    try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                        .map { row in
                            ColumnInfo(name: row[0], declaredType: row[1] ?? "", isNullable: (row[2] as Int?) != 1,
                                       isPrimaryKey: (row[3] as Int? ?? 0) > 0)
                        }
                }
                return columns.isEmpty ? nil : TableSchema(table: table, columns: columns)
            } catch {
                throw SQLiteWriter.describe(error, path: path, options: options)
            }
        }
    }
}
