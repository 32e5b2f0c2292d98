/// A failure talking to a data source, with the cause phrased for a person (never a password).
///
/// Some failures concern the whole source (``isSourceWide``): the server is gone, the login is refused, the file is
/// locked. A run reports such a failure once (``SuiteResult/sourceFailure``) and every check it stops says so briefly.
public struct SourceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case unreachable
        case authentication
        case missingDatabase
        case permissionDenied
        case timeout
        case sql
        case connectionLost
        case invalidURL
        /// The server did not answer within the client's own deadline (statement timeout plus connect timeout).
        case unresponsive
        /// Another process holds a lock on the database for longer than the busy timeout.
        case locked
        /// The file is not a database the source can read (a folder, an empty or foreign file).
        case notADatabase
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
        switch code {
        case .unreachable, .authentication, .missingDatabase, .connectionLost, .invalidURL, .unresponsive, .locked,
             .notADatabase:
            true
        case .permissionDenied, .timeout, .sql:
            false
        }
    }

    /// A few words naming the kind of failure, for each check a source-wide failure stops.
    public var summary: String {
        switch code {
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
