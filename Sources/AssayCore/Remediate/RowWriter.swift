/// The one place Assay writes to a checked database: remediation. A writer is a connection configured apart from the
/// (read-only) source, and every change it makes happens inside ``transaction(_:)``: all of it, or none of it.
public protocol RowWriter: Sendable {
    var dialect: any SQLDialect { get }
    /// The writer's URL with any password removed.
    var displayName: String { get }
    /// Runs `body` in one transaction that also holds the write lock a move needs (SQLite `BEGIN IMMEDIATE`;
    /// PostgreSQL `READ COMMITTED`, where a row changed by another client is judged again at its new version).
    /// Commits when `body` returns; rolls back when it throws, so a failed verification changes no row.
    /// - Throws: ``RemediationError`` from `body`, or `.notWritable` / `.writer` when the connection cannot write.
    func transaction<T: Sendable>(_ body: @Sendable (any WriteTransaction) async throws(RemediationError) -> T) async throws(RemediationError) -> T
}

/// The statements of one open write transaction.
public protocol WriteTransaction: Sendable {
    /// Runs a statement and returns how many rows it changed.
    func execute(_ sql: SQLFragment) async throws(RemediationError) -> Int
    /// Runs a statement and returns its rows.
    func rows(_ sql: SQLFragment) async throws(RemediationError) -> [[SQLValue]]
    /// The table's columns as the transaction sees them, or `nil` when it does not exist.
    func schema(of table: String) async throws(RemediationError) -> TableSchema?
}
