/// What a check was written as in another tool's vocabulary, so reports can speak it: the Great
/// Expectations expectation `expect_column_values_to_not_be_null` with its arguments `{"column": "email"}`.
public struct CheckOrigin: Sendable, Hashable, Codable {
    public var name: String
    /// The arguments as written, as JSON.
    public var arguments: JSON?

    public init(name: String, arguments: JSON? = nil) {
        self.name = name
        self.arguments = arguments
    }

    private enum Key: String, CodingKey { case name, arguments }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        name = try c.decode(String.self, forKey: .name)
        arguments = try c.decodeIfPresent(String.self, forKey: .arguments).flatMap { try? JSON.parse($0) }
    }

    /// Arguments are kept as their JSON text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(arguments?.text, forKey: .arguments)
    }
}
