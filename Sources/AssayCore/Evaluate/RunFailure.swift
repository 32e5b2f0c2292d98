/// Why checks of a run could not run, recorded once per cause: a source that went away stops thirty checks and is
/// ONE failure that each of them refers to (``CheckResult/failure``).
public struct RunFailure: Sendable, Hashable, Codable, Identifiable {
    /// Unique within the run and the same for the same cause in every run: `source`, `deadline`, `cancelled`,
    /// `table:TABLE`, `statement:TABLE:N` (the table's N-th statement, as `assay plan` numbers them), `check:KEY`.
    public var id: String
    public var code: Code
    public var scope: Scope
    /// The table it concerns, when not the whole source.
    public var table: String?
    /// The full cause, phrased for a person (never a password).
    public var message: String
    /// How many checks it stopped.
    public var checks: Int

    public init(id: String, code: Code, scope: Scope, table: String? = nil, message: String, checks: Int = 0) {
        self.id = id
        self.code = code
        self.scope = scope
        self.table = table
        self.message = message
        self.checks = checks
    }

    /// What a failing check points at: the failure's id and code.
    public struct Reference: Sendable, Hashable, Codable {
        public var id: String
        public var code: Code

        public init(id: String, code: Code) {
            self.id = id
            self.code = code
        }
    }

    public var reference: Reference { Reference(id: id, code: code) }

    /// How much of the run a failure concerns.
    public struct Scope: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The whole source: every later statement of the run is not sent.
        public static let source = Scope("source")
        /// One table: it is missing, or its columns could not be read.
        public static let table = Scope("table")
        /// One statement: the checks it served.
        public static let statement = Scope("statement")
        /// One check: it cannot be planned (an unknown column, an ill-typed condition, an unsupported expectation).
        public static let check = Scope("check")
        /// The run: its deadline passed.
        public static let run = Scope("run")

        public var description: String { rawValue }
    }

    /// The kind of failure. Extensible: new codes may be added, so a `switch` over codes needs a `default`.
    /// Source failures carry their ``SourceError/Code`` (`unreachable`, `authentication`, `sql`, `timeout`, ...).
    public struct Code: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        /// Any code by name, also one a later Assay version wrote.
        public init(rawValue: String) { self.rawValue = rawValue }
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code of a source error.
        public init(_ source: SourceError.Code) { rawValue = source.rawValue }

        /// The codes of the source's failures (``SourceError/Code``).
        public static let unreachable = Code(.unreachable), authentication = Code(.authentication)
        public static let missingDatabase = Code(.missingDatabase), permissionDenied = Code(.permissionDenied)
        public static let timeout = Code(.timeout), sql = Code(.sql), connectionLost = Code(.connectionLost)
        public static let invalidURL = Code(.invalidURL), unresponsive = Code(.unresponsive), locked = Code(.locked)
        public static let notADatabase = Code(.notADatabase)
        /// The table does not exist in the source.
        public static let missingTable = Code("missingTable")
        /// The check cannot be planned against the table's columns.
        public static let invalidCheck = Code("invalidCheck")
        /// The check's kind or arguments are not supported.
        public static let unsupported = Code("unsupported")
        /// The run's deadline passed before the statement was sent or answered.
        public static let deadlineExceeded = Code("deadlineExceeded")
        /// The run was cancelled (the monitor is shutting down).
        public static let cancelled = Code("cancelled")
        /// A statement's result could not be read as the plan expected.
        public static let unexpectedResult = Code("unexpectedResult")

        public var description: String { rawValue }
    }
}
