import AssayCore
import AssayPostgres
import Foundation

/// Where a PostgreSQL store lives: the server and database of a `postgres://` URL (see ``PostgresURL``), and the
/// schema (namespace) that holds the store's tables, `assay` unless the URL's `schema=` names another, so the store
/// can share a database with other tables.
struct PostgresStoreLocation: Sendable {
    static let defaultSchema = "assay"

    var url: PostgresURL
    var schema: String

    /// - Throws: ``StoreError/Code/invalidURL`` for a URL ``PostgresURL`` refuses or a schema name that is not a plain
    ///   identifier (lower-case letters, digits and `_`, at most 63 characters, not starting with a digit).
    init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        var schema = Self.defaultSchema
        var rest = text
        if var components = URLComponents(string: text), let items = components.queryItems,
           let given = items.first(where: { $0.name == "schema" }) {
            schema = given.value ?? ""
            let others = items.filter { $0.name != "schema" }
            components.queryItems = others.isEmpty ? nil : others
            rest = components.string ?? text
        }
        guard Self.isPlainIdentifier(schema) else {
            throw StoreError(.invalidURL, "the store's schema '\(schema)' must be a plain PostgreSQL name (a-z, 0-9 and _, at most 63 characters, not starting with a digit)")
        }
        do {
            url = try PostgresURL(rest, environment: environment)
        } catch {
            throw StoreError(.invalidURL, "the store URL \(SourceURL.redacted(text)) is not usable: \(error.message)")
        }
        self.schema = schema
    }

    /// The store as errors and logs name it: server, database and schema, never the password.
    var displayName: String { url.displayName + (schema == Self.defaultSchema ? "" : "?schema=\(schema)") }

    private static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !(48...57).contains(first.value), name.utf8.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
