/// A condition written in configuration: its text, where it was written, and its parsed form.
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var expr: Expr
    public var location: SourceLocation?

    /// Parses `text`.
    /// - Throws: ``ConditionError`` with the position of the problem.
    public init(_ text: String, location: SourceLocation? = nil) throws(ConditionError) {
        self.text = text
        self.expr = try ConditionParser.parse(text)
        self.location = location
    }

    public init(expr: Expr, text: String) {
        self.text = text
        self.expr = expr
        self.location = nil
    }

    public var description: String { text }
}
