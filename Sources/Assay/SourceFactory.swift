import Foundation

/// Opens the data source a URL names.
///
/// Supported: `sqlite:PATH` (also `sqlite://PATH`, `sqlite:///ABSOLUTE/PATH`) and
/// `postgres://user:password@host:port/database?sslmode=...` (see ``PostgresURL``).
public enum SourceFactory {
    /// - Parameters:
    ///   - limits: the suite's timeouts, used where the URL sets none (`?statement_timeout=30s` wins).
    ///   - trace: receives every statement the source executes.
    /// - Throws: ``SourceError`` for an unsupported or unusable URL.
    public static func open(_ url: String, limits: RunLimits = RunLimits(),
                            trace: (@Sendable (String) -> Void)? = nil) throws(SourceError) -> any DataSource {
        if let path = SourceURL.sqlitePath(url) {
            guard !path.isEmpty else { throw SourceError(.invalidURL, "the sqlite: URL names no file") }
            return try SQLiteSource(location: path, limits: limits, trace: trace)
        }
        if PostgresURL.matches(url) { return try PostgresSource(url: url, limits: limits) }
        let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? url
        throw SourceError(.invalidURL, "unsupported source '\(scheme)': use sqlite:PATH or postgres://user@host/database")
    }
}
