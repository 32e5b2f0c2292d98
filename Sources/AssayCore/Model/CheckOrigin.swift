/// What a check was written as in another tool's vocabulary, so reports can speak it: the Great
/// Expectations expectation `expect_column_values_to_not_be_null` with its arguments `{"column": "email"}`.
/// Its `Codable` form is `{"name": ..., "arguments": {...}}` with the arguments as nested JSON.
public struct CheckOrigin: Sendable, Hashable, Codable {
    public var name: String
    /// The arguments as written, as JSON.
    public var arguments: JSON?

    public init(name: String, arguments: JSON? = nil) {
        self.name = name
        self.arguments = arguments
    }
}
