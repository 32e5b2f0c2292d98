/// Why a compliance report cannot be made, phrased for a person (never a password).
public struct ComplianceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A date that cannot be read, a period that ends before it starts or has not started yet.
        public static let invalidPeriod = Code(rawValue: "invalidPeriod")
        /// The store has no run at all.
        public static let emptyStore = Code(rawValue: "emptyStore")
        /// The store has no run of the suite asked for.
        public static let notFound = Code(rawValue: "notFound")
        /// The store cannot be read (``ComplianceError/store`` says why), or is of a kind that keeps no history.
        public static let storeUnavailable = Code(rawValue: "storeUnavailable")
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

    init(_ error: StoreError) {
        self.init(.storeUnavailable, error.message, store: error)
    }

    init(_ error: CompliancePeriod.Invalid) {
        self.init(.invalidPeriod, error.message)
    }

    public var description: String { message }
}
