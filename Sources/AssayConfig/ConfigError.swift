import AssayCore

/// A configuration problem, located as `file:line:column` so an editor can jump to it. One error may carry
/// every problem found in a file (``problems``), so a user fixes them all in one pass.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem. New codes may be added in any release, so a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unreadableFile, tooLarge, encoding, emptyFile, syntax, unknownKey, missingKey, duplicate, conflict
            case typeMismatch, invalidValue, condition, environment, unsupported, usage
        }

        private var base: Base

        private init(_ base: Base) { self.base = base }

        /// The code named `rawValue`, or `nil` when no code has that name.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }

        /// The code's name: `syntax`, `unknownKey`, ...
        public var rawValue: String { base.rawValue }
        public var description: String { base.rawValue }

        /// The file cannot be opened or read, or is not a regular file (a directory, a pipe, a device).
        public static let unreadableFile = Code(.unreadableFile)
        /// Past a size limit: the file is over 8 MiB, nests too deeply, or its aliases expand to too many values.
        public static let tooLarge = Code(.tooLarge)
        /// The file is not UTF-8 text.
        public static let encoding = Code(.encoding)
        /// The file holds no document.
        public static let emptyFile = Code(.emptyFile)
        /// Not well-formed YAML or JSON: a parse error, two documents, an alias without an anchor, a bad merge key,
        /// a key that is not a plain name, a lone UTF-16 surrogate.
        public static let syntax = Code(.syntax)
        /// A key that is not known where it is written: a misspelt setting, check kind, dimension or severity.
        public static let unknownKey = Code(.unknownKey)
        /// Something required is absent: a key, a check's kind, a rule's column or condition.
        public static let missingKey = Code(.missingKey)
        /// A name given twice: a mapping key, a check or rule id, a column of a list.
        public static let duplicate = Code(.duplicate)
        /// Settings that cannot go together: two kinds in one check, a column both pii and not_pii, limits where
        /// the kind takes its own.
        public static let conflict = Code(.conflict)
        /// A value of the wrong shape: a list where a single value belongs, text where a number belongs.
        public static let typeMismatch = Code(.typeMismatch)
        /// A value of the right shape that is not allowed: out of range, empty, an unknown option, limits in the
        /// wrong order, a duration or threshold that does not parse.
        public static let invalidValue = Code(.invalidValue)
        /// A condition or regular expression that does not parse or type-check, or that uses aggregates where rows
        /// are judged one by one.
        public static let condition = Code(.condition)
        /// A `${NAME}` reference: the variable is not set, its name is invalid, or the `}` is missing.
        public static let environment = Code(.environment)
        /// A Great Expectations `$PARAMETER` that cannot be evaluated: an expression outside the arithmetic on
        /// numbers, `now()`, `datetime(...)` and `timedelta(...)` Assay evaluates, or a name no `--param` gives.
        public static let unsupported = Code(.unsupported)
        /// The loader's arguments do not fit the file: `--table` for a suite that names its tables, no table for a
        /// Great Expectations suite.
        public static let usage = Code(.usage)
    }

    public var code: Code
    public var location: SourceLocation?
    /// What is wrong, for a person. A password of a URL quoted in it is replaced by `***`.
    public var message: String
    /// Further problems of the same file, after this one in file order.
    public var others: [ConfigError]

    public init(_ code: Code, _ message: String, at location: SourceLocation?) {
        self.code = code
        self.message = SourceURL.redacted(message)
        self.location = location
        self.others = []
    }

    /// How many problems are printed; the rest are counted ("and 12 more errors").
    package static let printedLimit = 50

    /// This problem and the others, in file order.
    public var problems: [ConfigError] {
        [ConfigError(code, message, at: location)] + others
    }

    /// One error holding `problems` sorted by place (stable for problems at the same place, those without a
    /// place last); `nil` when there are none.
    package init?(combining problems: [ConfigError]) {
        let flat = problems.flatMap(\.problems).enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where (l.file, l.line, l.column) != (r.file, r.line, r.column):
                return (l.file, l.line, l.column) < (r.file, r.line, r.column)
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        guard let first = flat.first else { return nil }
        self.init(first.code, first.message, at: first.location)
        others = Array(flat.dropFirst())
    }

    /// One line per problem, the first ``printedLimit`` of them, then how many more there are.
    public var description: String {
        let all = problems
        var lines = all.prefix(Self.printedLimit).map { problem in
            problem.location.map { "\($0): error: \(problem.message)" } ?? "error: \(problem.message)"
        }
        if all.count > Self.printedLimit {
            let more = all.count - Self.printedLimit
            lines.append("and \(more) more error\(more == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }
}

/// Collects the problems of a file so decoding goes on past the first and reports them all at once.
///
/// ```swift
/// var problems = ConfigProblems()
/// let severity = problems.attempt { () throws(ConfigError) in try CheckDecoder.severity(node) }
/// try problems.throwIfAny()
/// ```
struct ConfigProblems {
    private(set) var errors: [ConfigError] = []

    var isEmpty: Bool { errors.isEmpty }

    /// Runs `body`, keeping its error; `nil` when it failed.
    @discardableResult
    mutating func attempt<T>(_ body: () throws(ConfigError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    mutating func add(_ error: ConfigError) { errors.append(error) }

    /// Throws every problem collected, as one error in file order.
    func throwIfAny() throws(ConfigError) {
        if let combined = ConfigError(combining: errors) { throw combined }
    }
}
