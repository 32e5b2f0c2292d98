/// Why the history store cannot be used, phrased for a person (never a password).
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The store cannot be opened or written: a missing folder, no permission, a read-only file system; a PostgreSQL
        /// server that cannot be reached, a refused login, a missing database, a role that may not write.
        public static let unavailable = Code(rawValue: "unavailable")
        /// The store was written by a newer Assay: its schema has migrations this version does not know.
        public static let newerVersion = Code(rawValue: "newerVersion")
        /// The file is not an Assay store (another SQLite database, or not a database at all), or the PostgreSQL schema
        /// holds other tables.
        public static let notAStore = Code(rawValue: "notAStore")
        /// The store URL is neither `sqlite:PATH` nor a usable `postgres://` URL.
        public static let invalidURL = Code(rawValue: "invalidURL")
        /// Nothing recorded under that id.
        public static let notFound = Code(rawValue: "notFound")
        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
