/// Why a dashboard page or report cannot be made, phrased for a person (never a password).
public struct DashboardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// No such suite, table, check or run in the store (a server answers 404).
        public static let notFound = Code(rawValue: "notFound")
        /// The store has no run at all yet.
        public static let emptyStore = Code(rawValue: "emptyStore")
        /// The store could not be read (``DashboardError/store`` says why).
        public static let storeUnavailable = Code(rawValue: "storeUnavailable")
        /// A request the dashboard cannot answer, such as `days` below 1.
        public static let invalidRequest = Code(rawValue: "invalidRequest")
        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    /// The store's error, when it is the cause.
    public var store: StoreError?

    public init(_ code: Code, _ message: String, store: StoreError? = nil) {
        self.code = code
        self.message = message
        self.store = store
    }

    /// A store error as the dashboard reports it: its `notFound` stays `notFound`.
    init(_ error: StoreError) {
        self.init(error.code == .notFound ? .notFound : .storeUnavailable, error.message, store: error)
    }

    public var description: String { message }
}
