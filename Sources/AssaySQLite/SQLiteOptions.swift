import AssayCore
import Foundation

/// Where a `sqlite:` URL points and how long its statements may take: `sqlite:bank.db?statement_timeout=30s`.
///
/// Parameters: `statement_timeout` (default: the suite's, else 5 minutes) — every statement, including each
/// `regexp()` match, stops there with an ERROR; `busy_timeout` (default 5 s, never above the statement timeout) —
/// how long a statement waits for another process's write lock before it fails with "locked by another process".
public struct SQLiteOptions: Sendable, Hashable {
    public var statementTimeout: TimeSpan
    public var busyTimeout: TimeSpan

    /// The default wait for another process's lock.
    public static let defaultBusyTimeout = TimeSpan(seconds: 5)

    public init(statementTimeout: TimeSpan = RunLimits.defaultStatementTimeout, busyTimeout: TimeSpan = defaultBusyTimeout) {
        self.statementTimeout = statementTimeout
        self.busyTimeout = TimeSpan(seconds: min(busyTimeout.seconds, statementTimeout.seconds))
    }

    /// Splits `PATH?name=value&...` into the file path and the options; the suite's limits fill what is not given.
    /// A path that exists as written (a file name with a `?`) is taken whole.
    package static func parse(_ location: String, limits: RunLimits = RunLimits()) throws(SourceError) -> (path: String, options: SQLiteOptions) {
        var statement = limits.statementTimeout ?? RunLimits.defaultStatementTimeout
        var busy = defaultBusyTimeout
        guard let mark = location.firstIndex(of: "?"), !FileManager.default.fileExists(atPath: location) else {
            return (location, SQLiteOptions(statementTimeout: statement, busyTimeout: busy))
        }
        let known = ["statement_timeout", "busy_timeout"]
        for item in location[location.index(after: mark)...].split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0], value = parts.count > 1 ? parts[1] : ""
            guard known.contains(name) else {
                throw SourceError(.invalidURL, "unknown SQLite URL parameter '\(name)'" + Suggestion.hint(for: name, in: known))
            }
            let span: TimeSpan? = Double(value).map { TimeSpan(seconds: $0 / 1000) } ?? TimeSpan(parsing: value)
            guard let span, span.seconds > 0 else {
                throw SourceError(.invalidURL, "\(name) must be a duration such as 30s or 5m")
            }
            if name == "statement_timeout" { statement = span } else { busy = span }
        }
        return (String(location[..<mark]), SQLiteOptions(statementTimeout: statement, busyTimeout: busy))
    }
}
