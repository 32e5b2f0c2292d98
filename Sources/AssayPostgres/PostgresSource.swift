import AssayCore
import Logging
import PostgresNIO
import Synchronization

/// A PostgreSQL source: a small PostgresNIO pool whose sessions are read-only (`default_transaction_read_only`),
/// time-limited (`statement_timeout`) and in UTC — set at connection start-up, so no extra statements are sent.
/// One catalogue statement serves the whole run.
///
/// Every statement and every connection lease also has a deadline the client enforces (see ``PostgresURL``'s
/// timeouts), and the first failure that concerns the whole server (unreachable, login refused, connection lost,
/// no answer) ends every later statement of the run at once with the same cause: a server that dies mid-run
/// ends the run within its timeouts instead of hanging it.
///
/// ```swift
/// let source = try PostgresSource(url: "postgres://assay:secret@db:5432/bank?sslmode=require")
/// let result = await RunEngine(source: source).run(suite)
/// ```
public final class PostgresSource: DataSource {
    public let dialect: any SQLDialect = PostgresDialect()
    public let url: PostgresURL
    public var displayName: String { url.displayName }

    /// The pool of the open scopes, and how many are open.
    private let scopes = Mutex(ScopeState(pool: nil, depth: 0))
    private let pools = Atomic<Int>(0)
    private let configuration: PostgresClient.Configuration
    /// The first source-wide failure of the current scope: every later statement fails with it at once.
    private let failure = Mutex<SourceError?>(nil)
    /// As many statements in flight as the pool has connections, so a lease waits only for a connection to open.
    private let gate: StatementGate
    private let deadline: StatementDeadline

    /// - Parameters:
    ///   - text: `postgres://user:password@host:port/database?...` (see ``PostgresURL``).
    ///   - limits: the suite's timeouts, used where the URL sets none.
    public init(url text: String, limits: RunLimits = RunLimits()) throws(SourceError) {
        url = try PostgresURL(text, limits: limits)
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
        gate = StatementGate(permits: url.poolSize)
        deadline = StatementDeadline(connectTimeout: url.connectTimeout, statementTimeout: url.statementTimeout)
    }

    /// Opens the pool for `body`. While a scope is open (a service holding the source open across runs, or another
    /// run), a further `open` shares its pool, and the pool closes when the last scope ends; a failure an earlier
    /// run met is probed again rather than assumed.
    public func open<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        let shared = scopes.withLock { state -> Bool in
            guard state.pool != nil else { return false }
            state.depth += 1
            return true
        }
        if shared {
            defer { scopes.withLock { $0.depth -= 1 } }
            if failure.withLock({ $0 }) != nil {
                let probe = await probe()
                failure.withLock { $0 = probe }
            }
            return await body()
        }
        let pool = PostgresClient(configuration: configuration,
                                  backgroundLogger: Logger(label: "assay.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        scopes.withLock { $0 = ScopeState(pool: pool, depth: 1) }
        failure.withLock { $0 = nil }
        pools.add(1, ordering: .relaxed)
        return await withTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await pool.run() }
            let probe = await probe()
            failure.withLock { $0 = probe }
            let result = await body()
            // Scopes that joined this pool keep it until they end.
            while scopes.withLock({ state in
                if state.depth == 1 { state = ScopeState(pool: nil, depth: 0); return false }
                return true
            }) {
                try? await Task.sleep(for: .milliseconds(5))
            }
            failure.withLock { $0 = nil }
            group.cancelAll()
            return result
        }
    }

    /// How many connection pools this source has opened (one per outermost `open` scope).
    public var poolsOpened: Int { pools.load(ordering: .relaxed) }

    /// One signature of the columns, types, NOT NULL flags and constraints of `tables`: a single short row,
    /// far cheaper than the catalogue statement.
    public func schemaVersion(of tables: [String]) async throws(SourceError) -> String? {
        let rows = try await run(PostgresQuery(unsafeSQL: PostgresCatalogue.versionQuery, binds: {
            var binds = PostgresBindings()
            binds.append(tables)
            return binds
        }()), limit: 1)
        guard case .text(let version)? = rows.first?.first else { return nil }
        return version
    }

    /// Connects once, directly and within the connect timeout, so that a wrong host, password or database is
    /// reported at once and clearly instead of as a pool that keeps retrying.
    private func probe() async -> SourceError? {
        let single: PostgresConnection.Configuration
        do {
            single = try url.connectionConfiguration(startupParameters: configuration.options.additionalStartupParameters)
        } catch {
            return error
        }
        let url = url
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let connection = try await PostgresConnection.connect(
                        configuration: single, id: 0,
                        logger: Logger(label: "assay.postgres.probe", factory: { _ in SwiftLogNoOpLogHandler() }))
                    try await connection.close()
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int64(url.connectTimeout.seconds * 1000) + 500))
                    throw StatementDeadline.Expiry.lease
                }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
            return nil
        } catch {
            return mapped(error)
        }
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

    /// Runs one statement under the client's deadlines, streaming at most `limit` rows into memory.
    private func run(_ query: PostgresQuery, limit: Int) async throws(SourceError) -> [[SQLValue]] {
        guard let pool = scopes.withLock({ $0.pool }) else {
            throw SourceError(.connectionLost, "the PostgreSQL source is not open: run queries inside open { } (RunEngine does)")
        }
        return try await gate.withPermit { () async throws(SourceError) -> [[SQLValue]] in
            if let known = failure.withLock({ $0 }) { throw known }
            do {
                return try await deadline.run(on: pool) { connection in
                    var rows: [[SQLValue]] = []
                    for try await row in try await connection.query(query, logger: Self.quiet) {
                        if rows.count < limit { rows.append(row.map(SQLValue.init)) }
                    }
                    return rows
                }
            } catch {
                let error = mapped(error)
                // The first source-wide failure wins, so every later statement reports the same cause.
                throw failure.withLock { current in
                    if current == nil, error.isSourceWide { current = error }
                    return error.isSourceWide ? current ?? error : error
                }
            }
        }
    }

    private func mapped(_ error: any Error) -> SourceError {
        switch error as? StatementDeadline.Expiry {
        case .lease:
            return SourceError(.unreachable, "cannot connect to PostgreSQL at \(url.host):\(url.port) within the connect timeout of \(url.connectTimeout)")
        case .statement:
            return SourceError(.unresponsive, "PostgreSQL at \(url.host):\(url.port) did not answer within \(TimeSpan(seconds: url.statementTimeout.seconds + url.connectTimeout.seconds)) (the statement timeout of \(url.statementTimeout) plus the connect timeout of \(url.connectTimeout)); the connection was closed")
        case nil:
            return SourceError.postgres(error, url: url)
        }
    }

    private struct ScopeState: Sendable {
        var pool: PostgresClient?
        var depth: Int
    }

    private static let quiet = Logger(label: "assay.postgres.query", factory: { _ in SwiftLogNoOpLogHandler() })
}
