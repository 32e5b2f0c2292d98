import AssayCore

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

    /// The most values a file may expand to, counting each use of a YAML alias anew (an "alias bomb" of a
    /// few lines would otherwise expand to billions).
    static let valueBudget = 250_000
    /// The deepest nesting of lists and mappings a file may have.
    static let depthLimit = 200

    /// Parses YAML (or JSON, which YAML reads too) into nodes, within ``ConfigFile/maxBytes``,
    /// ``valueBudget`` and ``depthLimit``.
    static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigNode {
        guard text.utf8.count <= ConfigFile.maxBytes else {
            throw ConfigError(.tooLarge, "\(file) is larger than \(ConfigFile.maxBytes / 1024 / 1024) MiB, the limit for a configuration file", at: nil)
        }
        let yaml = try JSONSurrogates.rewrite(text, file: file)
        guard let root = try YAMLComposer.compose(yaml, file: file) else {
            throw ConfigError(.emptyFile, "the file is empty", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return root
    }

    init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }

    // MARK: - Typed access

    var kindName: String {
        switch value {
        case .scalar: "a value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    func fail(_ code: ConfigError.Code, _ message: String) -> ConfigError { ConfigError(code, message, at: location) }

    /// The scalar text.
    func string(_ what: String) throws(ConfigError) -> String {
        guard case .scalar(let text, _) = value else { throw fail(.typeMismatch, "\(what) must be a single value, not \(kindName)") }
        return text
    }

    /// A name (a column, a table): a bare `null`, `~` or nothing is a missing name, not one spelt "null".
    func name(_ what: String) throws(ConfigError) -> String {
        let text = try string(what)
        if isNull || (!isQuoted && text.isEmpty) { throw fail(.invalidValue, "\(what) must be a name, not null") }
        return text
    }

    var isQuoted: Bool {
        if case .scalar(_, let quoted) = value { return quoted }
        return false
    }

    func int(_ what: String) throws(ConfigError) -> Int {
        let text = try string(what)
        guard let n = Int(text.replacingOccurrences(of: "_", with: "")) else { throw fail(.typeMismatch, "\(what) must be a whole number, not '\(text)'") }
        return n
    }

    func double(_ what: String) throws(ConfigError) -> Double {
        let text = try string(what)
        guard let n = Double(text.replacingOccurrences(of: "_", with: "")), n.isFinite else {
            throw fail(.typeMismatch, "\(what) must be a number, not '\(text)'")
        }
        return n
    }

    func bool(_ what: String) throws(ConfigError) -> Bool {
        switch try string(what).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(.typeMismatch, "\(what) must be true or false")
        }
    }

    /// A regular expression (PostgreSQL syntax), validated.
    func regex(_ what: String) throws(ConfigError) -> String {
        let pattern = try string(what)
        if let reason = RegexPattern.validate(pattern) { throw fail(.condition, "invalid regular expression '\(pattern)': \(reason)") }
        return pattern
    }

    /// A strftime-style date format, with every directive known.
    func strftimeFormat(_ what: String) throws(ConfigError) -> StrftimeFormat {
        let text = try string(what)
        do {
            return try StrftimeFormat(text)
        } catch {
            throw fail(.invalidValue, error.description)
        }
    }

    func list(_ what: String) throws(ConfigError) -> [ConfigNode] {
        guard case .sequence(let items) = value else { throw fail(.typeMismatch, "\(what) must be a list, not \(kindName)") }
        return items
    }

    /// A list of names, or a single name as a one-element list.
    func names(_ what: String) throws(ConfigError) -> [String] {
        if case .scalar = value { return [try name(what)] }
        var names: [String] = []
        for item in try list(what) { names.append(try item.name("each entry of \(what)")) }
        guard !names.isEmpty else { throw fail(.invalidValue, "\(what) must not be empty") }
        return names
    }

    /// The mapping, after checking that every key is one of `allowed` (with a "did you mean" hint).
    func mapping(_ what: String, allowed: [String]) throws(ConfigError) -> ConfigMapping {
        var problems = ConfigProblems()
        let map = try mapping(what, allowed: allowed, problems: &problems)
        try problems.throwIfAny()
        return map
    }

    /// The mapping with its known keys; each unknown key (with a "did you mean" hint) goes to `problems`, so
    /// decoding goes on. Throws only when the node is not a mapping.
    func mapping(_ what: String, allowed: [String], problems: inout ConfigProblems) throws(ConfigError) -> ConfigMapping {
        guard case .mapping(let pairs) = value else { throw fail(.typeMismatch, "\(what) must be a mapping, not \(kindName)") }
        for pair in pairs where !allowed.contains(pair.key) {
            let hint = Suggestion.nearest(to: pair.key, in: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            problems.add(ConfigError(.unknownKey, "unknown key '\(pair.key)' in \(what)\(hint)", at: pair.keyLocation))
        }
        return ConfigMapping(pairs: pairs.filter { allowed.contains($0.key) }, location: location, what: what)
    }

    /// Whether the node is JSON's `null` (or YAML's `~`), unquoted.
    var isNull: Bool {
        if case .scalar(let text, false) = value { return text == "null" || text == "~" }
        return false
    }

    /// Entries of a mapping whose keys are names chosen by the user (tables, weights).
    func entries(_ what: String) throws(ConfigError) -> [(key: String, keyLocation: SourceLocation, value: ConfigNode)] {
        guard case .mapping(let pairs) = value else { throw fail(.typeMismatch, "\(what) must be a mapping, not \(kindName)") }
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

    /// The node with every scalar passed through `transform` (used for `${ENV}` interpolation); every
    /// scalar that fails is reported, all at once.
    func mapScalars(_ transform: (String, SourceLocation) throws(ConfigError) -> String) throws(ConfigError) -> ConfigNode {
        var problems = ConfigProblems()
        let mapped = mapScalars(transform, problems: &problems)
        try problems.throwIfAny()
        return mapped
    }

    private func mapScalars(_ transform: (String, SourceLocation) throws(ConfigError) -> String, problems: inout ConfigProblems) -> ConfigNode {
        switch value {
        case .scalar(let text, let quoted):
            let mapped = problems.attempt { () throws(ConfigError) in try transform(text, location) } ?? text
            return ConfigNode(value: .scalar(mapped, quoted: quoted), location: location)
        case .mapping(let pairs):
            var mapped: [(key: String, keyLocation: SourceLocation, value: ConfigNode)] = []
            for pair in pairs { mapped.append((pair.key, pair.keyLocation, pair.value.mapScalars(transform, problems: &problems))) }
            return ConfigNode(value: .mapping(mapped), location: location)
        case .sequence(let items):
            var mapped: [ConfigNode] = []
            for item in items { mapped.append(item.mapScalars(transform, problems: &problems)) }
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
        guard let node = self[key] else { throw ConfigError(.missingKey, "\(what) is missing '\(key)'", at: location) }
        return node
    }
}
