/// A conformance file or backend problem, phrased for a person (never with a password).
public struct ConformanceError: Error, CustomStringConvertible, Sendable {
    /// The kind of problem. New codes may be added in any release, so a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable, Hashable {
            case unreadableFile, invalidCase, invalidURL, writeFailed, runFailed
        }

        fileprivate var base: Base

        private init(_ base: Base) { self.base = base }

        /// The code named `rawValue`, or `nil` when no code has that name.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }

        /// The code's name: `unreadableFile`, `invalidCase`, ...
        public var rawValue: String { base.rawValue }
        public var description: String { base.rawValue }

        /// The cases file cannot be read.
        public static let unreadableFile = Code(.unreadableFile)
        /// A line of the cases file is not a valid case.
        public static let invalidCase = Code(.invalidCase)
        /// The PostgreSQL URL is missing or cannot be used.
        public static let invalidURL = Code(.invalidURL)
        /// The cases' tables cannot be written into the backend.
        public static let writeFailed = Code(.writeFailed)
        /// The cases cannot be run on the backend.
        public static let runFailed = Code(.runFailed)
    }

    public var code: Code
    public var description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
