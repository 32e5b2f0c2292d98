/// A database Assay can check. Implementations read only: checks never write.
public protocol DataSource: Sendable {
    /// How this source spells SQL.
    var dialect: any SQLDialect { get }
    /// The source's URL with any password removed, for reports.
    var displayName: String { get }
    /// The table's columns, or `nil` when the table does not exist. One catalogue query.
    func schema(of table: String) async throws(SourceError) -> TableSchema?
    /// Runs a statement that returns exactly one row (an aggregate scan) and returns it.
    func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue]
    /// Runs a statement and returns at most `limit` rows.
    func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]]
    /// The columns and constraints of several tables; missing tables are absent from the result.
    /// Sources that can should answer with one catalogue query.
    func schemas(of tables: [String]) async throws(SourceError) -> [String: TableSchema]
    /// A short text that changes whenever the schema of any of `tables` may have changed (columns, types,
    /// constraints, a table created or dropped), read far more cheaply than the catalogue; `nil` when the source
    /// cannot tell, and the catalogue is then read for every run.
    func schemaVersion(of tables: [String]) async throws(SourceError) -> String?
    /// Runs `body` while the source's connections are usable (a pool's background work runs meanwhile) and closes
    /// them afterwards. Scopes nest: inside an open scope (a long-lived service holding the source open), a run's
    /// own `open` reuses the connections.
    func open<T: Sendable>(_ body: @Sendable () async -> T) async -> T
}

extension DataSource {
    public func schemas(of tables: [String]) async throws(SourceError) -> [String: TableSchema] {
        var found: [String: TableSchema] = [:]
        for table in tables {
            if let schema = try await schema(of: table) { found[table] = schema }
        }
        return found
    }

    public func schemaVersion(of tables: [String]) async throws(SourceError) -> String? { nil }

    public func open<T: Sendable>(_ body: @Sendable () async -> T) async -> T { await body() }
}

extension RunLimits {
    /// The statement limit of every source when neither the suite nor the URL sets one: 5 minutes.
    public static let defaultStatementTimeout = TimeSpan(seconds: 300)
    /// The connection limit when neither the suite nor the URL sets one: 10 seconds.
    public static let defaultConnectTimeout = TimeSpan(seconds: 10)
}
