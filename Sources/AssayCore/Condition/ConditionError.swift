/// A condition that cannot be parsed, validated or compiled, with the character offset it concerns.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case syntax
        case forbidden
        case unknownColumn
        case unknownFunction
        case typeMismatch
        case badRegex
        case unsupported
        /// Past one of the ``ConditionLimits``: too long, too deeply nested, or compiling to too much SQL.
        case limit
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
