import AssayCore
import Foundation
import GRDB
import Synchronization

/// The embedded SQLite source: read-only connections, PostgreSQL-compatible `regexp()` and `LIKE`,
/// and at most one row in memory per aggregate, whatever the table size.
///
/// ```swift
/// let source = try SQLiteSource(path: "bank.db")
/// let result = await SuiteRunner(source: source).run(suite)
/// ```
public final class SQLiteSource: DataSource {
    public let dialect: any SQLDialect = SQLiteDialect()
    public let path: String
    public var displayName: String { "sqlite:\(path)" }

    /// One read-only connection per core, so tables are scanned in parallel.
    private let connections: [DatabaseQueue]
    private let nextConnection = Atomic<Int>(0)

    /// Opens an existing database file read-only.
    /// - Parameters:
    ///   - path: the database file; it is never created.
    ///   - connections: how many tables may be scanned at once.
    ///   - trace: called with every statement SQLite executes on these connections (for tests and `--trace`).
    /// - Throws: ``SourceError`` when the file is missing or is not a SQLite database.
    public init(path: String, connections: Int = ProcessInfo.processInfo.activeProcessorCount,
                trace: (@Sendable (String) -> Void)? = nil) throws(SourceError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SourceError(.unreachable, "SQLite database not found: \(path)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "assay.sqlite"
        configuration.prepareDatabase { db in
            if let trace { db.trace { event in trace(event.description) } }
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
            try RegexpFunction.register(on: db)
        }
        do {
            self.connections = try (0..<max(1, connections)).map { _ in try DatabaseQueue(path: path, configuration: configuration) }
            try self.connections[0].read { db in _ = try db.tableExists("sqlite_master") }
        } catch {
            throw SourceError(.unreachable, "cannot open SQLite database \(path): \(Self.describe(error))")
        }
    }

    private func connection() -> DatabaseQueue {
        connections[nextConnection.add(1, ordering: .relaxed).oldValue % connections.count]
    }

    public func schema(of table: String) async throws(SourceError) -> TableSchema? {
        do {
            let columns = try await connection().read { db in
                try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [table])
                    .map { row in
                        ColumnInfo(name: row[0], declaredType: row[1] ?? "", isNullable: (row[2] as Int?) != 1,
                                   isPrimaryKey: (row[3] as Int? ?? 0) > 0)
                    }
            }
            return columns.isEmpty ? nil : TableSchema(table: table, columns: columns)
        } catch {
            throw SourceError(.sql, "reading the columns of \(table): \(Self.describe(error))")
        }
    }

    public func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue] {
        let rows = try await fetchAll(sql, limit: 1)
        guard let row = rows.first else { throw SourceError(.sql, "the statement returned no row") }
        return row
    }

    public func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]] {
        let text = dialect.render(sql)
        let arguments = StatementArguments(sql.bindings.map(\.databaseValue))
        do {
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
        } catch {
            throw SourceError(.sql, Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError {
            return "SQLite error \(db.resultCode.rawValue): \(db.message ?? "\(db.resultCode)")"
        }
        return "\(error)"
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
