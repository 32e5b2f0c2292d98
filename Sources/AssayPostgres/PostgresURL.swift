import AssayCore
import Foundation

/// Connection settings parsed from `postgres://user:password@host:port/database?sslmode=...`.
///
/// Query parameters: `sslmode` (`disable`, `prefer` (default), `require`, `verify-full`), `application_name`,
/// `statement_timeout` and `connect_timeout` (`30s`, `5m`; a bare number is milliseconds for `statement_timeout` and
/// seconds for `connect_timeout`, as PostgreSQL and libpq read them), `pool_size`.
/// A password may also come from `PGPASSWORD`. A suite's ``RunLimits`` give the timeouts the URL does not set.
///
/// The password is never printed: `description`, `debugDescription`, `dump` and ``displayName`` leave it out.
public struct PostgresURL: Sendable, Hashable {
    public enum SSLMode: String, Sendable, Hashable { case disable, prefer, require, verifyFull = "verify-full" }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    public var applicationName: String
    public var statementTimeout: TimeSpan
    public var connectTimeout: TimeSpan
    public var poolSize: Int

    /// Whether a URL names a PostgreSQL source.
    public static func matches(_ url: String) -> Bool { url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") }

    public init(_ text: String, limits: RunLimits = RunLimits(),
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(SourceError) {
        guard Self.matches(text), let components = URLComponents(string: text) else {
            throw SourceError(.invalidURL, "not a PostgreSQL URL (expected postgres://user:password@host:port/database)")
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        user = components.user?.removingPercentEncoding ?? environment["PGUSER"] ?? "postgres"
        password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known = ["sslmode", "application_name", "statement_timeout", "connect_timeout", "pool_size"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw SourceError(.invalidURL, "unknown PostgreSQL URL parameter '\(unknown)'" + Suggestion.hint(for: unknown, in: known))
        }
        guard let mode = SSLMode(rawValue: query["sslmode"] ?? "prefer") else {
            throw SourceError(.invalidURL, "sslmode must be disable, prefer, require or verify-full")
        }
        sslMode = mode
        applicationName = query["application_name"] ?? "assay"
        statementTimeout = try Self.timeSpan(query["statement_timeout"], default: limits.statementTimeout ?? RunLimits.defaultStatementTimeout,
                                             name: "statement_timeout")
        connectTimeout = try Self.timeSpan(query["connect_timeout"], default: limits.connectTimeout ?? RunLimits.defaultConnectTimeout,
                                           name: "connect_timeout", bareUnit: 1)
        // PostgreSQL already spreads each scan over its parallel workers; on a small server a second concurrent
        // scan only competes for the same cores (measured in docs/benchmarks.md), so one connection is the default.
        guard let pool = Int(query["pool_size"] ?? "1"), (1...64).contains(pool) else {
            throw SourceError(.invalidURL, "pool_size must be a number between 1 and 64")
        }
        poolSize = pool
    }

    /// - Parameter bareUnit: seconds per unit of a bare number (PostgreSQL's `statement_timeout` counts milliseconds,
    ///   libpq's `connect_timeout` seconds).
    private static func timeSpan(_ text: String?, default span: TimeSpan, name: String, bareUnit: Double = 0.001) throws(SourceError) -> TimeSpan {
        guard let text else { return span }
        if let number = Double(text), number > 0 { return TimeSpan(seconds: number * bareUnit) }
        guard let span = TimeSpan(parsing: text), span.seconds > 0 else {
            throw SourceError(.invalidURL, "\(name) must be a duration such as 30s or 5m")
        }
        return span
    }

    /// The URL without the password, for reports and logs.
    public var displayName: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// Text from outside Assay (a driver's or the server's error) with this URL's password and any URL password
    /// in it replaced by `***`, so it can go into an error message or a log.
    package func scrubbed(_ text: String) -> String {
        let redacted = SourceURL.redacted(text)
        guard let password, !password.isEmpty else { return redacted }
        let encoded = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? password
        return redacted.replacingOccurrences(of: password, with: "***").replacingOccurrences(of: encoded, with: "***")
    }
}

extension PostgresURL: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// ``displayName``: the URL without the password.
    public var description: String { displayName }

    public var debugDescription: String {
        "PostgresURL(\(displayName), password: \(password == nil ? "none" : "***"), sslmode: \(sslMode.rawValue), "
            + "statement_timeout: \(statementTimeout), connect_timeout: \(connectTimeout), pool_size: \(poolSize))"
    }

    /// The fields with the password replaced by `***`, for `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(self, children: ["host": host, "port": port, "user": user, "password": password.map { _ in "***" } as Any,
                                "database": database, "sslMode": sslMode, "applicationName": applicationName,
                                "statementTimeout": statementTimeout, "connectTimeout": connectTimeout, "poolSize": poolSize],
               displayStyle: .struct)
    }
}
