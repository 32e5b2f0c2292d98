import HTTPTypes

/// Why a request or the server failed, phrased for a person; never a secret. On the API it is the JSON body
/// `{"error": {"code": ..., "message": ...}}` with the status of its code.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A query parameter or path segment is malformed (400).
        public static let invalidParameter = Code(rawValue: "invalidParameter")
        /// No such run, check, table, suite or route (404).
        public static let notFound = Code(rawValue: "notFound")
        /// The token is missing or wrong (401).
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// A browser's state-changing request came from another site's page (cross-site request forgery) (403).
        public static let forbidden = Code(rawValue: "forbidden")
        /// The server is read-only: only GET and HEAD (405).
        public static let methodNotAllowed = Code(rawValue: "methodNotAllowed")
        /// What was asked for needs something the server was not given, like trends without `--config` (409).
        public static let notConfigured = Code(rawValue: "notConfigured")
        /// The incident is not in a state the command applies to (acknowledging a resolved one) (409).
        public static let rejected = Code(rawValue: "rejected")
        /// The store or the source cannot be read now (503).
        public static let unavailable = Code(rawValue: "unavailable")
        /// `--listen` is not HOST:PORT.
        public static let invalidListenAddress = Code(rawValue: "invalidListenAddress")
        /// The address cannot be listened on: in use, not this machine's, or a privileged port.
        public static let cannotListen = Code(rawValue: "cannotListen")
        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The HTTP status the code answers with.
    var status: HTTPResponse.Status {
        switch code {
        case .invalidParameter, .invalidListenAddress: .badRequest
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .methodNotAllowed: .methodNotAllowed
        case .notConfigured, .rejected: .conflict
        default: .serviceUnavailable
        }
    }
}
