import Logging

/// What to check, against what, and how: the input of ``Assay/check(_:)``.
public struct CheckRequest: Sendable {
    /// Where the suite comes from.
    public enum Config: Sendable {
        /// A suite file: Assay YAML, the seed's JSON rules or a Great Expectations suite.
        case file(String)
        /// A suite built in memory.
        case suite(Suite)
    }

    public var config: Config
    /// The table a Great Expectations suite validates.
    public var table: String?
    /// Values for a GX suite's named `$PARAMETER`s.
    public var parameters: [String: String]
    /// A source URL that overrides the suite's `source:` (`sqlite:PATH`, `postgres://...`).
    public var source: String?
    public var options: RunOptions
    public var context: RunContext
    public var clock: any RunClock
    public var logger: Logger
    /// How the outcome's ``CheckOutcome/report`` is rendered.
    public var format: ReportFormat
    /// ANSI colours in a text report.
    public var color: Bool
    /// Where the run is recorded before it is reported.
    public var store: StoreChoice
    /// Receives every statement a SQLite source executes (for tests and tracing).
    public var trace: (@Sendable (String) -> Void)?
    /// Tells another system of the run (OpenLineage events): at its start, and once it is recorded.
    public var emitter: (any RunEmitter)?

    public init(config: Config, table: String? = nil, parameters: [String: String] = [:], source: String? = nil,
                options: RunOptions = RunOptions(), context: RunContext = RunContext(), clock: any RunClock = WallClock(),
                logger: Logger = Logger(label: "assay"), format: ReportFormat = .text, color: Bool = false,
                store: StoreChoice = .suite(fallback: nil), trace: (@Sendable (String) -> Void)? = nil) {
        self.config = config
        self.table = table
        self.parameters = parameters
        self.source = source
        self.options = options
        self.context = context
        self.clock = clock
        self.logger = logger
        self.format = format
        self.color = color
        self.store = store
        self.trace = trace
    }
}

/// Which store a run is recorded in.
public enum StoreChoice: Sendable {
    /// Not recorded.
    case off
    /// This store URL (`sqlite:PATH`), whatever the suite says.
    case url(String)
    /// The suite's `store:`, else `fallback` (the command line's `assay.db` beside the suite), else not recorded.
    case suite(fallback: String?)

    /// The store URL for `suite`, if any.
    public func url(for suite: Suite) -> String? {
        switch self {
        case .off: nil
        case .url(let url): url
        case .suite(let fallback): suite.store ?? fallback
        }
    }
}

/// The report formats.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For people; `color` adds ANSI colours.
    case text
    /// The result's `Codable` form (docs/results.md).
    case json
    /// JUnit XML, one test case per check.
    case junit
    /// Great Expectations' validation-result shape.
    case gx
}

/// What a check request produced.
public struct CheckOutcome: Sendable {
    public var suite: Suite
    public var result: SuiteResult
    /// The result rendered in the request's format.
    public var report: String
    /// Why the run could not be recorded, when a store was asked for and failed (the run itself is complete).
    public var storeError: StoreError?
    /// What the request's ``CheckRequest/emitter`` could not emit, one warning each (the run is complete and recorded).
    public var emitterWarnings: [String] = []

    /// The result in another format.
    public func render(_ format: ReportFormat, color: Bool = false) -> String {
        Self.render(result, format: format, color: color)
    }

    static func render(_ result: SuiteResult, format: ReportFormat, color: Bool) -> String {
        switch format {
        case .text: TextReport(useColor: color).render(result)
        case .json: JSONReport().render(result)
        case .junit: JUnitReport().render(result)
        case .gx: GXReport().render(result)
        }
    }
}

/// Why a request could not run at all: the suite is invalid, or no source can be opened. (Problems with single
/// checks do not throw; they are ERROR results.)
public struct AssayError: Error, Sendable, CustomStringConvertible {
    public var code: Code
    /// The configuration problems, each located, when the suite is invalid.
    public var config: ConfigError?
    /// The source failure, when the source cannot be opened.
    public var source: SourceError?
    /// Why a remediation, restore or undo did not happen (no row was changed).
    public var remediation: RemediationError?
    /// Every problem, one per line, never with a password.
    public var description: String

    init(_ error: ConfigError) {
        code = .invalidConfig
        config = error
        description = error.description
    }

    init(_ error: SourceError) {
        code = .sourceUnavailable
        source = error
        description = error.message
    }

    init(_ error: RemediationError) {
        code = .remediationFailed
        remediation = error
        description = error.message
    }

    init(_ error: StoreError) {
        code = .storeUnavailable
        description = error.message
    }

    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        /// The suite is malformed or names something that does not exist.
        public static let invalidConfig = Code("invalidConfig")
        /// The source URL is invalid or the source cannot be opened.
        public static let sourceUnavailable = Code("sourceUnavailable")
        /// A remediation, restore or undo could not be carried out; no row was changed.
        public static let remediationFailed = Code("remediationFailed")
        /// The history store (which remediation's audit log needs) cannot be opened or written.
        public static let storeUnavailable = Code("storeUnavailable")
        public var description: String { rawValue }
    }
}
