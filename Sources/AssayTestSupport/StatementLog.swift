import Synchronization

/// Every statement a real SQLite connection executed, as reported by SQLite's own trace hook.
public final class StatementLog: Sendable {
    private let statements = Mutex<[String]>([])

    public init() {}

    /// Pass to a SQLite source (``TestDatabase/source(connections:trace:)``, `SQLiteSource(path:trace:)`).
    public var trace: @Sendable (String) -> Void { { sql in self.statements.withLock { $0.append(sql) } } }

    public var all: [String] { statements.withLock { $0 } }

    /// Forgets what was logged so far.
    public func clear() { statements.withLock { $0.removeAll() } }

    /// Statements that read table data (not the catalogue, the schema version or connection set-up).
    public var dataReads: [String] {
        all.filter { sql in
            let upper = sql.uppercased()
            return upper.hasPrefix("SELECT") && !catalogue(upper)
        }
    }

    /// The catalogue statements Assay sends: a table's columns (not the schema version, nor the reads of
    /// `sqlite_master` SQLite's driver makes when a connection opens).
    public var catalogueReads: [String] { all.filter { $0.uppercased().contains("PRAGMA_TABLE_INFO") } }

    private func catalogue(_ upper: String) -> Bool {
        upper.contains("PRAGMA_TABLE_INFO") || upper.contains("SQLITE_MASTER") || upper.contains("SQLITE_SCHEMA")
    }
}
