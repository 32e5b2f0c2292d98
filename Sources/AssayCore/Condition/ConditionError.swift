/// A condition that cannot be parsed, validated or compiled, with the character offset it concerns.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem. New codes may be added in any release, so a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case syntax, forbidden, unknownColumn, unknownFunction, typeMismatch, badRegex, unsupported, limit
        }

        private var base: Base

        private init(_ base: Base) { self.base = base }

        /// The code named `rawValue`, or `nil` when no code has that name.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }

        /// The code's name: `syntax`, `unknownColumn`, ...
        public var rawValue: String { base.rawValue }
        public var description: String { base.rawValue }

        /// The text is not a condition: an unexpected character or token, an unterminated string.
        public static let syntax = Code(.syntax)
        /// A construct the condition language refuses: a subquery, a statement separator, an SQL comment.
        public static let forbidden = Code(.forbidden)
        /// A column the table does not have.
        public static let unknownColumn = Code(.unknownColumn)
        /// A function the condition language does not have.
        public static let unknownFunction = Code(.unknownFunction)
        /// Operands of types that do not fit the operator or function.
        public static let typeMismatch = Code(.typeMismatch)
        /// A regular expression that does not compile.
        public static let badRegex = Code(.badRegex)
        /// A form the language does not support, such as a regular expression that is not a quoted string.
        public static let unsupported = Code(.unsupported)
        /// Past one of the ``ConditionLimits``: too long, too deeply nested, or compiling to too much SQL.
        public static let limit = Code(.limit)
    }

    public var code: Code
    public var message: String
    /// Zero-based character offset into `text`.
    public var offset: Int
    public var text: String

    public init(_ code: Code, _ message: String, offset: Int, text: String) {
        self.code = code
        self.message = message
        self.offset = offset
        self.text = text
    }

    /// One-based column of the offending character.
    public var column: Int { offset + 1 }

    /// The message, followed by the condition and a caret when the condition text is known.
    public var explanation: String { text.isEmpty ? message : description }

    /// Characters of the condition shown on each side of the offending position.
    private static let excerptRadius = 60

    public var description: String {
        // Long conditions are shown as an excerpt around the position, so an error never repeats kilobytes of text.
        let chars = Array(text)
        let at = min(max(0, offset), chars.count)
        let start = max(0, at - Self.excerptRadius), end = min(chars.count, at + Self.excerptRadius)
        let prefix = start > 0 ? "…" : "", suffix = end < chars.count ? "…" : ""
        let excerpt = prefix + String(chars[start..<end]) + suffix
        let caret = String(repeating: " ", count: prefix.count + at - start) + "^"
        return "\(message) at position \(column) of condition\n    \(excerpt)\n    \(caret)"
    }
}
