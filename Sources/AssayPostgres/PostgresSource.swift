import AssayCore
import Logging
import PostgresNIO
import Synchronization

/// A PostgreSQL source: a small PostgresNIO pool whose sessions are read-only (`default_transaction_read_only`),
/// time-limited (`statement_timeout`) and in UTC — set at connection start-up, so no extra statements are sent.
/// One catalogue statement serves the whole run.
///
/// ```swift
/// let source = try PostgresSource(url: "postgres://assay:secret@db:5432/bank?sslmode=require")
/// let result = await SuiteRunner(source: source).run(suite)
/// ```
public final class PostgresSource: DataSource {
    public let dialect: any SQLDialect = PostgresDialect()
    public let url: PostgresURL
    public var displayName: String { url.displayName }

    /// The pool of the current `open` scope; each scope gets its own, so a source can run again and again.
    private let client = Mutex<PostgresClient?>(nil)
    private let configuration: PostgresClient.Configuration
    /// The outcome of the first connection attempt: every call fails fast with it when the server is unusable.
    private let reachability = Mutex<SourceError??>(nil)

    public init(url text: String) throws(SourceError) {
        url = try PostgresURL(text)
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: url.poolTLS)
        configuration.options.connectTimeout = .milliseconds(Int64(url.connectTimeout.seconds * 1000))
        configuration.options.maximumConnections = url.poolSize
        configuration.options.keepAliveBehavior = nil
        configuration.options.additionalStartupParameters = [
            ("default_transaction_read_only", "on"),
            ("statement_timeout", String(Int(url.statementTimeout.seconds * 1000))),
            ("TimeZone", "UTC"),
            ("application_name", url.applicationName),
        ]
        self.configuration = configuration
    }

    public func open<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        let pool = PostgresClient(configuration: configuration,
                                  backgroundLogger: Logger(label: "assay.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        let previous = client.withLock { current in
            defer { current = pool }
            return current
        }
        reachability.withLock { $0 = nil }
        defer { client.withLock { $0 = previous } }
        return await withTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await pool.run() }
            let result = await body()
            group.cancelAll()
            return result
        }
    }

    /// Connects once, directly, so that a wrong host, password or database is reported at once and clearly
    /// instead of as a pool that keeps retrying.
    private func checkReachable() async throws(SourceError) {
        if let known = reachability.withLock({ $0 }) {
            if let error = known { throw error }
            return
        }
        var outcome: SourceError?
        do {
            let single = try url.connectionConfiguration(startupParameters: configuration.options.additionalStartupParameters)
            let connection = try await PostgresConnection.connect(
                configuration: single, id: 0,
                logger: Logger(label: "assay.postgres.probe", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await connection.close()
        } catch {
            outcome = SourceError.postgres(error, url: url)
        }
        reachability.withLock { $0 = .some(outcome) }
        if let outcome { throw outcome }
    }

    public func schema(of table: String) async throws(SourceError) -> TableSchema? {
        try await schemas(of: [table])[table]
    }

    public func schemas(of tables: [String]) async throws(SourceError) -> [String: TableSchema] {
        let rows = try await run(PostgresQuery(unsafeSQL: PostgresCatalogue.query, binds: {
            var binds = PostgresBindings()
            binds.append(tables)
            return binds
        }()), limit: .max)
        return try PostgresCatalogue.schemas(from: rows)
    }

    public func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue] {
        guard let row = try await fetchAll(sql, limit: 1).first else { throw SourceError(.sql, "the statement returned no row") }
        return row
    }

    public func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]] {
        try await run(PostgresQuery(unsafeSQL: dialect.render(sql), binds: PostgresBindings(sql.bindings)), limit: limit)
    }

    /// Runs one statement, streaming at most `limit` rows into memory.
    private func run(_ query: PostgresQuery, limit: Int) async throws(SourceError) -> [[SQLValue]] {
        try await checkReachable()
        guard let pool = client.withLock({ $0 }) else {
            throw SourceError(.connectionLost, "the PostgreSQL source is not open: run queries inside open { } (SuiteRunner does)")
        }
        do {
            var rows: [[SQLValue]] = []
            for try await row in try await pool.query(query) {
                if rows.count < limit { rows.append(row.map(SQLValue.init)) }
            }
            return rows
        } catch {
            throw SourceError.postgres(error, url: url)
        }
    }
}
