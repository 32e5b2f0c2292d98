import AssayCore

/// Replaces `${NAME}` and `${NAME:-default}` with environment variables; `$${` writes a literal `${`.
/// Errors never quote the value around the reference or a default, which may hold a secret.
struct Interpolation {
    var environment: [String: String]

    func apply(_ text: String, at location: SourceLocation) throws(ConfigError) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            if start.lowerBound > rest.startIndex, rest[rest.index(before: start.lowerBound)] == "$" {
                result += rest[..<rest.index(before: start.lowerBound)] + "${"
                rest = rest[start.upperBound...]
                continue
            }
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw ConfigError(.environment, "unterminated '${': the reference has no closing '}'", at: location)
            }
            let body = rest[start.upperBound..<end]
            let parts = body.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ConfigError(.environment, "invalid variable name '\(name)' in a ${...} reference", at: location)
            }
            if let value = environment[name] {
                result += value
            } else if parts.count == 2 {
                result += parts[1]
            } else {
                throw ConfigError(.environment, "environment variable \(name) is not set (write ${\(name):-default} to give a default)", at: location)
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
