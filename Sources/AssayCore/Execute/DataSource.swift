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
    /// Runs `body` while the source's connections are usable (a pool's background work runs meanwhile)
    /// and closes them afterwards.
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

    public func open<T: Sendable>(_ body: @Sendable () async -> T) async -> T { await body() }
}

/// A failure talking to a data source, with the cause phrased for a person (never a password).
///
/// Some failures concern the whole source (``isSourceWide``): the server is gone, the login is refused, the file is
/// locked. A run reports such a failure once (``SuiteResult/sourceFailure``) and every check it stops says so briefly.
public struct SourceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case unreachable
        case authentication
        case missingDatabase
        case permissionDenied
        case timeout
        case sql
        case connectionLost
        case invalidURL
        /// The server did not answer within the client's own deadline (statement timeout plus connect timeout).
        case unresponsive
        /// Another process holds a lock on the database for longer than the busy timeout.
        case locked
        /// The file is not a database the source can read (a folder, an empty or foreign file).
        case notADatabase
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether the failure stops every statement of the source, not just one: it is then reported once per run.
    public var isSourceWide: Bool {
        switch code {
        case .unreachable, .authentication, .missingDatabase, .connectionLost, .invalidURL, .unresponsive, .locked,
             .notADatabase:
            true
        case .permissionDenied, .timeout, .sql:
            false
        }
    }

    /// A few words naming the kind of failure, for each check a source-wide failure stops.
    public var summary: String {
        switch code {
        case .unreachable: "cannot connect"
        case .authentication: "login refused"
        case .missingDatabase: "database does not exist"
        case .permissionDenied: "permission denied"
        case .timeout: "statement timeout"
        case .sql: "statement failed"
        case .connectionLost: "connection lost"
        case .invalidURL: "invalid source URL"
        case .unresponsive: "no answer from the server"
        case .locked: "database locked by another process"
        case .notADatabase: "not a database"
        }
    }
}

extension RunLimits {
    /// The statement limit of every source when neither the suite nor the URL sets one: 5 minutes.
    public static let defaultStatementTimeout = TimeSpan(seconds: 300)
    /// The connection limit when neither the suite nor the URL sets one: 10 seconds.
    public static let defaultConnectTimeout = TimeSpan(seconds: 10)
}
