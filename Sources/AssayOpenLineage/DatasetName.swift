import AssayCore
import Foundation

/// A table's dataset identity under the OpenLineage naming spec (`spec/Naming.md`), from the run's source URL:
///
/// | source | namespace | name |
/// |---|---|---|
/// | `postgres://user@host:port/db` | `postgres://host:port` | `db.schema.table` (the schema the catalogue found the table in, else `public`) |
/// | `sqlite:PATH` | `sqlite:/absolute/path.db` | `table` |
///
/// The user and any password are never part of either.
public struct DatasetName: Sendable, Hashable {
    public var namespace: String
    public var name: String

    /// - Parameters:
    ///   - source: the run's source URL (``SuiteResult/source``: already without a password).
    ///   - schema: the schema the table was found in, on a source that has schemas.
    ///   - workingDirectory: what a relative SQLite path is relative to.
    public init(table: String, source: String, schema: String?, workingDirectory: String) {
        if let path = SourceURL.sqlitePath(source) {
            let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
            namespace = "sqlite:" + (absolute as NSString).standardizingPath
            name = table
            return
        }
        if source.hasPrefix("postgres://") || source.hasPrefix("postgresql://"), let url = URLComponents(string: source) {
            let host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
            namespace = "postgres://\(host):\(url.port ?? 5432)"
            let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
            let database = path.removingPercentEncoding ?? path
            name = [database.isEmpty ? (url.user ?? "postgres") : database, schema ?? "public", table].joined(separator: ".")
            return
        }
        // Another kind of source: its URL without user information, and the table.
        var url = URLComponents(string: source)
        url?.user = nil
        url?.password = nil
        namespace = url?.string ?? SourceURL.redacted(source)
        name = table
    }
}
