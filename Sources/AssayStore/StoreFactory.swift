import AssayCore
import AssayPostgres

/// Opens the store a URL names: `sqlite:PATH` (or a bare path ending in `.db`), or
/// `postgres://user:password@host:port/database[?schema=NAME&...]`.
public enum StoreFactory {
    /// Opens the store `url` names for `body`, and closes it when `body` returns. A PostgreSQL store's connection pool
    /// runs only for the scope, so every use of a store goes through here.
    /// - Throws: ``StoreError`` for a URL of another kind or a store that cannot be opened, or what `body` throws.
    public static func withStore<T: Sendable>(_ url: String, isolation: isolated (any Actor)? = #isolation,
                                              _ body: (any ResultStore) async throws(StoreError) -> T) async throws(StoreError) -> T {
        if PostgresURL.matches(url) {
            return try await PostgresStore.withStore(url, isolation: isolation) { store throws(StoreError) in try await body(store) }
        }
        return try await body(try open(url))
    }

    /// Opens a SQLite store; a PostgreSQL store needs a scope (``withStore(_:isolation:_:)``).
    /// - Throws: ``StoreError`` for a URL of another kind or a store that cannot be opened.
    public static func open(_ url: String) throws(StoreError) -> any ResultStore {
        if let path = SourceURL.sqlitePath(url) {
            guard !path.isEmpty else { throw StoreError(.invalidURL, "the store URL '\(url)' names no file") }
            return try SQLiteStore(path: path)
        }
        if PostgresURL.matches(url) {
            throw StoreError(.invalidURL, "a PostgreSQL store is opened for a scope: use StoreFactory.withStore")
        }
        let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? url
        throw StoreError(.invalidURL, "unsupported store '\(SourceURL.redacted(scheme))': use sqlite:PATH or postgres://...")
    }
}
