import Assay
import AssayTestSupport
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

/// The two backends the store contract runs on: a SQLite file in a temporary folder, and a fresh schema of its own
/// in the test PostgreSQL database.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// One fresh, empty store location of a backend, and raw SQL access to it for what the protocol does not show.
struct FreshStore: Sendable {
    let backend: StoreBackend
    /// The store URL (`sqlite:PATH`, or the test database with `schema=NAME`).
    let url: String
    /// The SQLite file, or the PostgreSQL schema.
    let place: String
    private let directory: TemporaryDirectory?

    init(_ backend: StoreBackend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let directory = try TemporaryDirectory()
            self.directory = directory
            place = directory.file("assay.db")
            url = "sqlite:" + place
        case .postgres:
            directory = nil
            place = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            url = PostgresTestServer.url() + "&schema=" + place
        }
    }

    /// The name of the migrations table.
    var migrationsTable: String { backend == .sqlite ? "grdb_migrations" : "migrations" }

    /// Removes the file or drops the schema.
    func remove() async {
        directory?.cleanUp()
        if backend == .postgres { try? await PostgresTestServer.execute(["DROP SCHEMA IF EXISTS \(place) CASCADE"]) }
    }

    /// Runs statements inside the store (the SQLite file, or with the schema first in the search path).
    func execute(_ statements: [String]) async throws {
        switch backend {
        case .sqlite:
            try await DatabaseQueue(path: place).write { db in for sql in statements { try db.execute(sql: sql) } }
        case .postgres:
            try await PostgresTestServer.execute(["SET search_path TO \(place)"] + statements)
        }
    }

    /// The integer the query `sql` returns (one row, one column), read inside the store.
    func integer(_ sql: String) async throws -> Int {
        switch backend {
        case .sqlite:
            return try await DatabaseQueue(path: place).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
        case .postgres:
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let connection = try await PostgresConnection.connect(
                configuration: try PostgresURL(PostgresTestServer.url()).connectionConfiguration(), id: 8, logger: logger)
            var value = -1
            do {
                try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \(place)"), logger: logger)
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT (\(sql))::bigint"), logger: logger) {
                    value = try row.decode(Int.self)
                }
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
            return value
        }
    }
}

/// `StoreFactory.withStore` for tests, whose bodies throw more than store errors (`#require`).
func withStore<T: Sendable>(_ url: String, _ body: (any ResultStore) async throws -> T) async throws -> T {
    var failure: (any Error)?
    let value: T? = try await StoreFactory.withStore(url) { store throws(StoreError) -> T? in
        do {
            return try await body(store)
        } catch {
            failure = error
            return nil
        }
    }
    if let failure { throw failure }
    return try #require(value)
}

/// The error opening the store `url` meets, or `nil` when it opens.
func openingError(_ url: String) async -> StoreError? {
    do {
        try await StoreFactory.withStore(url) { _ throws(StoreError) in }
        return nil
    } catch {
        return error
    }
}
