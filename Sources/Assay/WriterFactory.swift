import AssayCore
import AssayPostgres
import AssaySQLite

/// Opens remediation's write connection from a URL: `sqlite:PATH` or `postgres://...` (the same forms as sources).
public enum WriterFactory {
    /// - Throws: ``RemediationError`` for an unsupported or unusable URL (never with its password).
    public static func open(_ url: String, limits: RunLimits = RunLimits()) throws(RemediationError) -> any RowWriter {
        if let path = SourceURL.sqlitePath(url) {
            guard !path.isEmpty else { throw RemediationError(.notWritable, "the writer's sqlite: URL names no file") }
            return try SQLiteWriter(location: path, limits: limits)
        }
        if PostgresURL.matches(url) { return try PostgresWriter(url: url, limits: limits) }
        let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? url
        throw RemediationError(.notWritable, "unsupported writer '\(SourceURL.redacted(scheme))': use sqlite:PATH or postgres://user@host/database")
    }
}
