import AssayCore
import Foundation
import GRDB
import Synchronization

/// The embedded SQLite source: read-only connections, PostgreSQL-compatible `regexp()` and `LIKE`,
/// and at most one row in memory per aggregate, whatever the table size.
///
/// Every statement stops at the statement timeout (SQLite's progress handler, and a deadline inside `regexp()`),
/// waits at most the busy timeout for another process's write lock, and a WAL database in a folder it cannot write
/// to is still read (see ``SQLiteOptions``).
///
/// ```swift
/// let source = try SQLiteSource(path: "bank.db")
/// let result = await RunEngine(source: source).run(suite)
/// ```
public final class SQLiteSource: DataSource {
    public let dialect: any SQLDialect = SQLiteDialect()
    public let path: String
    public let options: SQLiteOptions
    public var displayName: String { "sqlite:\(path)" }

    /// One read-only connection per core, so tables are scanned in parallel.
    private let connections: [SQLiteConnection]
    private let nextConnection = Atomic<Int>(0)
    /// The private folder holding a copy of a WAL database whose own folder is read-only; removed with the source.
    private let snapshot: String?

    /// Opens a `sqlite:` URL's location, `PATH` or `PATH?statement_timeout=30s&busy_timeout=2s`.
    /// - Parameter limits: the suite's timeouts, used where the location sets none.
    public convenience init(location: String, limits: RunLimits = RunLimits(),
                            trace: (@Sendable (String) -> Void)? = nil) throws(SourceError) {
        let (path, options) = try SQLiteOptions.parse(location, limits: limits)
        try self.init(path: path, options: options, trace: trace)
    }

    /// Opens an existing database file read-only.
    /// - Parameters:
    ///   - path: the database file; it is never created or written.
    ///   - connections: how many tables may be scanned at once.
    ///   - options: statement and busy timeouts.
    ///   - trace: called with every statement SQLite executes on these connections (for tests and `--trace`).
    /// - Throws: ``SourceError`` naming the path when it is missing, a folder, empty, not a SQLite database,
    ///   or locked by another process.
    public init(path: String, connections: Int = ProcessInfo.processInfo.activeProcessorCount,
                options: SQLiteOptions = SQLiteOptions(), trace: (@Sendable (String) -> Void)? = nil) throws(SourceError) {
        self.path = path
        self.options = options
        let file = try SQLiteFile(path: path)
        let count = max(1, connections)
        func open(_ location: String) throws(SourceError) -> [SQLiteConnection] {
            let opened = try (0..<count).map { _ throws(SourceError) in
                try SQLiteConnection(location: location, path: path, options: options, trace: trace)
            }
            try opened[0].verify()
            return opened
        }
        do {
            self.connections = try open(path)
            snapshot = nil
        } catch let error where file.isWAL && error.code == .unreachable {
            // A WAL database needs a -shm file next to it, which SQLite cannot create in a folder it cannot write to.
            if !file.walHoldsChanges {
                // Nothing waits in the -wal file: the database file alone is the whole database.
                self.connections = try open(file.immutableURI)
                snapshot = nil
            } else {
                // The -wal file holds committed changes that must be seen: read a private copy of both files.
                let copy = try Self.copyWithWAL(path)
                snapshot = (copy as NSString).deletingLastPathComponent
                self.connections = try open(copy)
            }
        }
    }

    deinit {
        if let snapshot { try? FileManager.default.removeItem(atPath: snapshot) }
    }

    /// Copies the database and its `-wal` file into a new private folder; returns the copy's path.
    private static func copyWithWAL(_ path: String) throws(SourceError) -> String {
        let folder = NSTemporaryDirectory() + "assay-wal-" + UUID().uuidString
        let copy = (folder as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw SourceError(.unreachable, "cannot read the WAL database \(path): its folder is read-only and copying it "
                + "with its -wal file to \(folder) failed (\((error as NSError).localizedDescription))")
        }
        return copy
    }

    private func connection() -> SQLiteConnection {
        connections[nextConnection.add(1, ordering: .relaxed).oldValue % connections.count]
    }

    public func schema(of table: String) async throws(SourceError) -> TableSchema? {
        let columns = try await connection().read { db in
            try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [table])
                .map { row in
                    ColumnInfo(name: row[0], declaredType: row[1] ?? "", isNullable: (row[2] as Int?) != 1,
                               isPrimaryKey: (row[3] as Int? ?? 0) > 0)
                }
        }
        return columns.isEmpty ? nil : TableSchema(table: table, columns: columns)
    }

    /// SQLite's schema cookie, which every change of the schema increments (one `PRAGMA`, no catalogue read).
    public func schemaVersion(of tables: [String]) async throws(SourceError) -> String? {
        let version = try await connection().read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") }
        return version.map(String.init)
    }

    public func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue] {
        let rows = try await fetchAll(sql, limit: 1)
        guard let row = rows.first else { throw SourceError(.sql, "the statement returned no row") }
        return row
    }

    public func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]] {
        let text = dialect.render(sql)
        let arguments = StatementArguments(sql.bindings.map(\.databaseValue))
        return try await connection().read { db in
            let statement = try db.makeStatement(sql: text)
            statement.arguments = arguments
            let cursor = try Row.fetchCursor(statement)
            var rows: [[SQLValue]] = []
            while rows.count < limit, let row = try cursor.next() {
                rows.append(row.databaseValues.map(SQLValue.init))
            }
            return rows
        }
    }
}

extension SQLValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let v): self = .integer(v)
        case .double(let v): self = .double(v)
        case .string(let s): self = .text(s)
        case .blob(let data): self = .text(data.base64EncodedString())
        }
    }

    /// The value as GRDB binds it.
    public var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .boolean(let b): (b ? 1 : 0).databaseValue
        case .integer(let v): v.databaseValue
        case .double(let v): v.databaseValue
        case .text(let s), .date(let s), .timestamp(let s): s.databaseValue
        }
    }
}
