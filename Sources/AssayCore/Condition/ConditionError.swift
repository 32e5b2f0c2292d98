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

    public var description: String {
        let caret = String(repeating: " ", count: max(0, offset)) + "^"
        return "\(message) at position \(column) of condition\n    \(text)\n    \(caret)"
    }
}
