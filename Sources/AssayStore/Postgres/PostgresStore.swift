import AssayCore
import AssayPostgres
import Foundation
import Logging
import PostgresNIO

/// The history store in a PostgreSQL database: the same tables, columns and keys as ``SQLiteStore``, in a schema of
/// their own (`assay` unless the URL's `schema=` names another), so the store can live in an existing database.
///
/// The store uses a PostgresNIO client that runs only inside ``withStore(_:isolation:_:)`` (or ``StoreFactory/withStore(_:isolation:_:)``):
/// use the store only within that scope. `body` runs on the caller's actor.
///
/// Several processes may create, migrate and record into one store at once: each of those transactions holds the
/// store's advisory lock (`pg_advisory_xact_lock`), so they follow one another. Reading takes no lock.
///
/// ```swift
/// try await PostgresStore.withStore("postgres://assay:secret@db:5432/quality?sslmode=require") { store in
///     try await store.record(result)
/// }
/// ```
public final class PostgresStore: ResultStore {
    let location: PostgresStoreLocation
    let client: PostgresClient
    let deadline: StatementDeadline

    /// The store's server, database and schema, without the password.
    public var displayName: String { location.displayName }

    private init(location: PostgresStoreLocation, client: PostgresClient) {
        self.location = location
        self.client = client
        deadline = StatementDeadline(connectTimeout: location.url.connectTimeout, statementTimeout: location.url.statementTimeout)
    }

    /// Opens the store `url` names for `body`: connects once directly (so that an unreachable server, a refused login
    /// or a missing database fail at once, within the connect timeout), creates or upgrades the store's schema, then
    /// runs a connection pool while `body` uses the store, and closes it when `body` returns.
    /// - Parameter url: `postgres://user:password@host:port/database?schema=NAME&sslmode=...` (see ``PostgresURL``).
    /// - Throws: ``StoreError`` when the URL is not usable, the server cannot be used, the schema holds other tables
    ///   (``StoreError/Code/notAStore``) or a newer Assay's store (``StoreError/Code/newerVersion``); or what `body` throws.
    public static func withStore<T: Sendable>(_ url: String, isolation: isolated (any Actor)? = #isolation,
                                              _ body: (PostgresStore) async throws(StoreError) -> T) async throws(StoreError) -> T {
        let location = try PostgresStoreLocation(url)
        try await prepare(location)
        let client = PostgresClient(configuration: configuration(location), backgroundLogger: quiet)
        let store = PostgresStore(location: location, client: client)
        let outcome = await withTaskGroup(of: Void.self, returning: Result<T, StoreError>.self, isolation: isolation) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            do throws(StoreError) {
                return .success(try await body(store))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Settings of every session: UTC, the URL's statement timeout and application name, and the store's schema first
    /// in the search path (so the statements are the same text as SQLite's).
    private static func startupParameters(_ location: PostgresStoreLocation) -> [(String, String)] {
        [("TimeZone", "UTC"), ("statement_timeout", String(Int(location.url.statementTimeout.seconds * 1000))),
         ("application_name", location.url.applicationName), ("search_path", location.schema)]
    }

    private static func configuration(_ location: PostgresStoreLocation) -> PostgresClient.Configuration {
        let url = location.url
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                         database: url.database, tls: url.poolTLS)
        configuration.options.connectTimeout = .milliseconds(Int64(url.connectTimeout.seconds * 1000))
        configuration.options.maximumConnections = url.poolSize
        configuration.options.keepAliveBehavior = nil
        configuration.options.additionalStartupParameters = startupParameters(location)
        return configuration
    }

    /// Connects directly, within the connect timeout, and brings the schema up to date.
    private static func prepare(_ location: PostgresStoreLocation) async throws(StoreError) {
        let single: PostgresConnection.Configuration
        do {
            single = try location.url.connectionConfiguration(startupParameters: startupParameters(location))
        } catch {
            throw StoreError(.invalidURL, "the store \(location.displayName): \(error.message)")
        }
        let limit = location.url.connectTimeout
        do {
            let connection = try await withThrowingTaskGroup(of: PostgresConnection?.self) { group in
                group.addTask { try await PostgresConnection.connect(configuration: single, id: 1, logger: quiet) }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int64(limit.seconds * 1000) + 500))
                    throw StatementDeadline.Expiry.lease
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let connection = first else { throw StatementDeadline.Expiry.lease }
                return connection
            }
            do {
                try await PostgresStoreSchema.prepare(location, on: connection)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw describe(error, location)
        }
    }

    /// Runs `body` on a pooled connection under the client's deadlines.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await deadline.run(on: client, body)
        } catch {
            throw Self.describe(error, location)
        }
    }

    /// Runs `body` in one transaction holding the store's advisory lock, on a pooled connection.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let location = location
        return try await read { connection in try await Self.transaction(on: connection, location) { try await body(connection) } }
    }

    /// `body` in a transaction that first takes the advisory lock of the store's schema; rolled back when it throws.
    static func transaction<T>(on connection: PostgresConnection, _ location: PostgresStoreLocation,
                               _ body: () async throws -> T) async throws -> T {
        try await connection.execute("BEGIN")
        do {
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext(?))", [.text("assay.store:" + location.schema)])
            let value = try await body()
            try await connection.execute("COMMIT")
            return value
        } catch {
            try? await connection.execute("ROLLBACK")
            throw error
        }
    }

    public func record(_ result: SuiteResult) async throws(StoreError) {
        let rows = try StoredRun.encoding(result)
        try await write { connection in try await rows.insert(into: connection) }
    }

    public func run(_ id: RunID) async throws(StoreError) -> SuiteResult {
        guard let read = try await read({ connection in try await StoredRun.read(id, from: connection) }) else {
            throw StoreError(.notFound, "no run \(id) in the store \(displayName)")
        }
        return read
    }

    static let quiet = Logger(label: "assay.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
}
