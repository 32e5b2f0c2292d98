/// A failure talking to a data source, with the cause phrased for a person (never a password).
///
/// Some failures concern the whole source (``isSourceWide``): the server is gone, the login is refused, the file is
/// locked. A run reports such a failure once (``SuiteResult/sourceFailure``) and every check it stops says so briefly.
public struct SourceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of failure. New codes may be added in any release, so a `switch` over codes needs a `default`.
    ///
    /// Encoded as its ``rawValue``, the camelCase name of the static member (`"unreachable"`).
    public struct Code: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable, Hashable {
            case unreachable, authentication, missingDatabase, permissionDenied, timeout, sql, connectionLost
            case invalidURL, unresponsive, locked, notADatabase
        }

        fileprivate var base: Base

        private init(_ base: Base) { self.base = base }

        /// The code named `rawValue`, or `nil` when no code has that name.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }

        /// The code's name, as it is encoded: `unreachable`, `missingDatabase`, ...
        public var rawValue: String { base.rawValue }
        public var description: String { base.rawValue }

        /// The server or file cannot be reached: connection refused, unknown host, missing file.
        public static let unreachable = Code(.unreachable)
        /// The login was refused.
        public static let authentication = Code(.authentication)
        /// The server has no database of that name.
        public static let missingDatabase = Code(.missingDatabase)
        /// The login may not read a table.
        public static let permissionDenied = Code(.permissionDenied)
        /// A statement ran past the statement timeout and was cancelled.
        public static let timeout = Code(.timeout)
        /// A statement failed for another reason.
        public static let sql = Code(.sql)
        /// The connection broke during the run (the server shut down or restarted).
        public static let connectionLost = Code(.connectionLost)
        /// The source URL cannot be used: malformed, unknown parameter, TLS setup failed.
        public static let invalidURL = Code(.invalidURL)
        /// The server did not answer within the client's own deadline (statement timeout plus connect timeout).
        public static let unresponsive = Code(.unresponsive)
        /// Another process holds a lock on the database for longer than the busy timeout.
        public static let locked = Code(.locked)
        /// The file is not a database the source can read (a folder, an empty or foreign file).
        public static let notADatabase = Code(.notADatabase)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether the failure stops every statement of the source, not just one: it is then reported once per run.
    public var isSourceWide: Bool {
        switch code.base {
        case .unreachable, .authentication, .missingDatabase, .connectionLost, .invalidURL, .unresponsive, .locked,
             .notADatabase:
            true
        case .permissionDenied, .timeout, .sql:
            false
        }
    }

    /// A few words naming the kind of failure, for each check a source-wide failure stops.
    public var summary: String {
        switch code.base {
        case .unreachable: "cannot connect"
        case .authentication: "login refused"
        case .missingDatabase: "database does not exist"
        case .permissionDenied: "permission denied"
        case .timeout: "statement timeout"
        case .sql: "statement failed"
        case .connectionLost: "connection lost"
        case .invalidURL: "invalid source URL"
        case .unresponsive: "no answer from the server"
        case .locked: "database locked by another process"
        case .notADatabase: "not a database"
        }
    }
}

extension SourceError {
    /// The same error with any password in its message replaced by `***`: the engine applies it to every error a
    /// source throws, so an embedder's own source cannot leak a URL's password into results or logs.
    var redacted: SourceError { SourceError(code, SourceURL.redacted(message)) }
}
