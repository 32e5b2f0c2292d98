import AssayCore
import Yams

/// A parsed YAML or JSON document node with its place in the file, and typed accessors whose errors
/// name that place.
struct ConfigNode: Sendable {
    enum Value: Sendable {
        /// A scalar; `quoted` when written in quotes (so `"1"` stays text).
        case scalar(String, quoted: Bool)
        case mapping([(key: String, keyLocation: SourceLocation, value: ConfigNode)])
        case sequence([ConfigNode])
    }

    var value: Value
    var location: SourceLocation

    /// Parses YAML (or JSON, which YAML reads too) into nodes.
    static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw ConfigError("cannot read \(file): \(error)", at: nil)
        }
        guard let root else { throw ConfigError("the file is empty", at: SourceLocation(file: file, line: 1, column: 1)) }
        return try ConfigNode(root, file: file)
    }

    private init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }

    private init(_ node: Node, file: String) throws(ConfigError) {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        self.location = location
        switch node {
        case .scalar(let scalar):
            value = .scalar(scalar.string, quoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted)
        case .mapping(let mapping):
            var pairs: [(key: String, keyLocation: SourceLocation, value: ConfigNode)] = []
            for (key, child) in mapping {
                let keyNode = try ConfigNode(key, file: file)
                guard case .scalar(let name, _) = keyNode.value else {
                    throw ConfigError("mapping keys must be plain names", at: keyNode.location)
                }
                if pairs.contains(where: { $0.key == name }) {
                    throw ConfigError("duplicate key '\(name)'", at: keyNode.location)
                }
                pairs.append((name, keyNode.location, try ConfigNode(child, file: file)))
            }
            value = .mapping(pairs)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for child in sequence { items.append(try ConfigNode(child, file: file)) }
            value = .sequence(items)
        case .alias:
            throw ConfigError("YAML aliases are not supported", at: location)
        }
    }

    private static func describe(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return ConfigError("invalid YAML: \(problem)\(detail)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError("duplicate key(s) \(duplicates.joined(separator: ", "))",
                               at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return ConfigError("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    // MARK: - Typed access

    var kindName: String {
        switch value {
        case .scalar: "a value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    func fail(_ message: String) -> ConfigError { ConfigError(message, at: location) }

    /// The scalar text.
    func string(_ what: String) throws(ConfigError) -> String {
        guard case .scalar(let text, _) = value else { throw fail("\(what) must be a single value, not \(kindName)") }
        return text
    }

    var isQuoted: Bool {
        if case .scalar(_, let quoted) = value { return quoted }
        return false
    }

    func int(_ what: String) throws(ConfigError) -> Int {
        let text = try string(what)
        guard let n = Int(text.replacingOccurrences(of: "_", with: "")) else { throw fail("\(what) must be a whole number, not '\(text)'") }
        return n
    }

    func double(_ what: String) throws(ConfigError) -> Double {
        let text = try string(what)
        guard let n = Double(text.replacingOccurrences(of: "_", with: "")), n.isFinite else {
            throw fail("\(what) must be a number, not '\(text)'")
        }
        return n
    }

    func bool(_ what: String) throws(ConfigError) -> Bool {
        switch try string(what).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail("\(what) must be true or false")
        }
    }

    /// A regular expression (PostgreSQL syntax), validated.
    func regex(_ what: String) throws(ConfigError) -> String {
        let pattern = try string(what)
        if let reason = RegexPattern.validate(pattern) { throw fail("invalid regular expression '\(pattern)': \(reason)") }
        return pattern
    }

    /// A strftime-style date format, with every directive known.
    func strftimeFormat(_ what: String) throws(ConfigError) -> StrftimeFormat {
        let text = try string(what)
        do {
            return try StrftimeFormat(text)
        } catch {
            throw fail(error.description)
        }
    }

    func list(_ what: String) throws(ConfigError) -> [ConfigNode] {
        guard case .sequence(let items) = value else { throw fail("\(what) must be a list, not \(kindName)") }
        return items
    }

    /// A list of names, or a single name as a one-element list.
    func names(_ what: String) throws(ConfigError) -> [String] {
        if case .scalar = value { return [try string(what)] }
        var names: [String] = []
        for item in try list(what) { names.append(try item.string("each entry of \(what)")) }
        guard !names.isEmpty else { throw fail("\(what) must not be empty") }
        return names
    }

    /// The mapping, after checking that every key is one of `allowed` (with a "did you mean" hint).
    func mapping(_ what: String, allowed: [String]) throws(ConfigError) -> ConfigMapping {
        guard case .mapping(let pairs) = value else { throw fail("\(what) must be a mapping, not \(kindName)") }
        for pair in pairs where !allowed.contains(pair.key) {
            let hint = Suggestion.nearest(to: pair.key, in: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            throw ConfigError("unknown key '\(pair.key)' in \(what)\(hint)", at: pair.keyLocation)
        }
        return ConfigMapping(pairs: pairs, location: location, what: what)
    }

    /// Entries of a mapping whose keys are names chosen by the user (tables, weights).
    func entries(_ what: String) throws(ConfigError) -> [(key: String, keyLocation: SourceLocation, value: ConfigNode)] {
        guard case .mapping(let pairs) = value else { throw fail("\(what) must be a mapping, not \(kindName)") }
        return pairs
    }

    /// The node as JSON: quoted scalars are strings; unquoted ones are numbers, booleans or null when they read
    /// as such (as a JSON document's do), text otherwise.
    var json: JSON {
        switch value {
        case .scalar(let text, let quoted):
            if quoted { return .string(text) }
            if text == "null" || text == "~" { return .null }
            if text == "true" || text == "false" { return .bool(text == "true") }
            if Double(text) != nil, text.first.map({ $0.isNumber || $0 == "-" }) == true { return .number(text) }
            return .string(text)
        case .mapping(let pairs):
            return .object(pairs.map { ($0.key, $0.value.json) })
        case .sequence(let items):
            return .array(items.map(\.json))
        }
    }

    /// The node with every scalar passed through `transform` (used for `${ENV}` interpolation).
    func mapScalars(_ transform: (String, SourceLocation) throws(ConfigError) -> String) throws(ConfigError) -> ConfigNode {
        switch value {
        case .scalar(let text, let quoted):
            return ConfigNode(value: .scalar(try transform(text, location), quoted: quoted), location: location)
        case .mapping(let pairs):
            var mapped: [(key: String, keyLocation: SourceLocation, value: ConfigNode)] = []
            for pair in pairs { mapped.append((pair.key, pair.keyLocation, try pair.value.mapScalars(transform))) }
            return ConfigNode(value: .mapping(mapped), location: location)
        case .sequence(let items):
            var mapped: [ConfigNode] = []
            for item in items { mapped.append(try item.mapScalars(transform)) }
            return ConfigNode(value: .sequence(mapped), location: location)
        }
    }
}

/// A mapping whose keys were checked; lookups are by key.
struct ConfigMapping {
    var pairs: [(key: String, keyLocation: SourceLocation, value: ConfigNode)]
    var location: SourceLocation
    var what: String

    subscript(key: String) -> ConfigNode? { pairs.first { $0.key == key }?.value }

    var keys: [String] { pairs.map(\.key) }

    func required(_ key: String) throws(ConfigError) -> ConfigNode {
        guard let node = self[key] else { throw ConfigError("\(what) is missing '\(key)'", at: location) }
        return node
    }
}
