import AssayCore
import CYaml

/// Builds ``ConfigNode``s straight from libyaml's events, within limits no document can exceed:
/// ``ConfigNode/valueBudget`` values (each use of an alias counts its anchor's values again, so an alias
/// bomb stops at the budget without being expanded) and ``ConfigNode/depthLimit`` levels of nesting. An
/// aliased node's storage is shared, not copied. Yams' own composer is not used: it hashes every mapping key
/// to find duplicates, which takes exponential time on an alias of a nested anchor used as a key.
struct YAMLComposer {
    private var parser = yaml_parser_t()
    private let file: String
    private var anchors: [String: (node: ConfigNode, size: Int)] = [:]
    private var values = 0

    /// The single document of `text`, or `nil` when it has none.
    static func compose(_ text: String, file: String) throws(ConfigError) -> ConfigNode? {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<ConfigNode?, ConfigError> in
            var composer = YAMLComposer(file: file)
            yaml_parser_initialize(&composer.parser)
            defer { yaml_parser_delete(&composer.parser) }
            yaml_parser_set_encoding(&composer.parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&composer.parser, buffer.baseAddress, buffer.count)
            return Result { () throws(ConfigError) in try composer.document() }
        }
        return try result.get()
    }

    private init(file: String) { self.file = file }

    private mutating func document() throws(ConfigError) -> ConfigNode? {
        var event = try next()
        if event.type == YAML_STREAM_START_EVENT { event = try next() }
        guard event.type == YAML_DOCUMENT_START_EVENT else { return nil }
        let root = try node(from: try next(), depth: 1).node
        _ = try next()  // document end
        let after = try next()
        if after.type != YAML_STREAM_END_EVENT {
            throw ConfigError(.syntax, "a configuration file holds one YAML document, but this one has more", at: after.location)
        }
        return root
    }

    private mutating func node(from event: Event, depth: Int) throws(ConfigError) -> (node: ConfigNode, size: Int) {
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let anchor = event.anchor, let target = anchors[anchor] else {
                throw ConfigError(.syntax, "the alias *\(event.anchor ?? "") names no anchor written before it", at: event.location)
            }
            try count(target.size, at: event.location)
            return target
        case YAML_SCALAR_EVENT:
            try count(1, at: event.location)
            let found = (ConfigNode(value: .scalar(event.scalar, quoted: event.isQuoted), location: event.location), 1)
            if let anchor = event.anchor { anchors[anchor] = found }
            return found
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard depth <= ConfigNode.depthLimit else {
                throw ConfigError(.tooLarge, "lists and mappings are nested more than \(ConfigNode.depthLimit) levels deep", at: event.location)
            }
            try count(1, at: event.location)
            let found = event.type == YAML_SEQUENCE_START_EVENT
                ? try sequence(at: event.location, depth: depth) : try mapping(at: event.location, depth: depth)
            if let anchor = event.anchor { anchors[anchor] = found }
            return found
        default:
            throw ConfigError(.syntax, "invalid YAML: unexpected event", at: event.location)
        }
    }

    private mutating func sequence(at location: SourceLocation, depth: Int) throws(ConfigError) -> (node: ConfigNode, size: Int) {
        var items: [ConfigNode] = []
        var size = 1
        while true {
            let event = try next()
            if event.type == YAML_SEQUENCE_END_EVENT { break }
            let item = try node(from: event, depth: depth + 1)
            items.append(item.node)
            size += item.size
        }
        return (ConfigNode(value: .sequence(items), location: location), size)
    }

    private mutating func mapping(at location: SourceLocation, depth: Int) throws(ConfigError) -> (node: ConfigNode, size: Int) {
        typealias Pair = (key: String, keyLocation: SourceLocation, value: ConfigNode)
        var pairs: [Pair] = []
        var merged: [Pair] = []
        var seen: Set<String> = []
        var size = 1
        while true {
            let keyEvent = try next()
            if keyEvent.type == YAML_MAPPING_END_EVENT { break }
            let keyLocation = keyEvent.location
            let isMerge = keyEvent.type == YAML_SCALAR_EVENT && !keyEvent.isQuoted && keyEvent.scalar == "<<"
            let key = try node(from: keyEvent, depth: depth + 1)
            guard case .scalar(let name, _) = key.node.value else {
                throw ConfigError(.syntax, "mapping keys must be plain names, not \(key.node.kindName)", at: keyLocation)
            }
            guard seen.insert(name).inserted else { throw ConfigError(.duplicate, "duplicate key '\(name)'", at: keyLocation) }
            let valueEvent = try next()
            let valueLocation = valueEvent.location
            let value = try node(from: valueEvent, depth: depth + 1)
            size += key.size + value.size
            if isMerge {
                merged += try Self.mergeEntries(value.node, at: valueLocation)
            } else {
                pairs.append((name, keyLocation, value.node))
            }
        }
        // YAML merge keys (`<<: *defaults`): the mapping's own keys win, then earlier merged mappings.
        for entry in merged where seen.insert(entry.key).inserted { pairs.append(entry) }
        return (ConfigNode(value: .mapping(pairs), location: location), size)
    }

    /// The entries a merge key brings: those of a mapping, or of each mapping of a list in turn.
    private static func mergeEntries(_ value: ConfigNode, at location: SourceLocation) throws(ConfigError)
        -> [(key: String, keyLocation: SourceLocation, value: ConfigNode)] {
        let mappings: [ConfigNode]
        switch value.value {
        case .mapping: mappings = [value]
        case .sequence(let items): mappings = items
        case .scalar: mappings = []
        }
        var entries: [(key: String, keyLocation: SourceLocation, value: ConfigNode)] = []
        for item in mappings {
            guard case .mapping(let pairs) = item.value else {
                throw ConfigError(.syntax, "a merge key (<<) takes a mapping or a list of mappings", at: location)
            }
            entries += pairs
        }
        guard !mappings.isEmpty else { throw ConfigError(.syntax, "a merge key (<<) takes a mapping or a list of mappings", at: location) }
        return entries
    }

    private mutating func count(_ size: Int, at location: SourceLocation) throws(ConfigError) {
        values += size
        guard values <= ConfigNode.valueBudget else {
            let budget = String(ConfigNode.valueBudget).reversed().enumerated()
                .map { $0.offset > 0 && $0.offset % 3 == 0 ? "\($0.element)," : "\($0.element)" }.reversed().joined()
            throw ConfigError(.tooLarge, "the configuration expands to more than \(budget) values (each use of a YAML alias counts "
                + "its anchor's values again); use fewer or smaller aliases", at: location)
        }
    }

    /// The next event, or the parser's error at its place.
    private mutating func next() throws(ConfigError) -> Event {
        let event = Event(file: file)
        guard yaml_parser_parse(&parser, &event.event) == 1 else { throw error() }
        return event
    }

    private func error() -> ConfigError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable input"
        let location = SourceLocation(file: file, line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        if problem.contains("Maximum nesting level") {
            return ConfigError(.tooLarge, "lists and mappings are nested more than \(ConfigNode.depthLimit) levels deep", at: location)
        }
        let context = parser.context.map { " (\(String(cString: $0)))" } ?? ""
        return ConfigError(.syntax, "invalid YAML: \(problem)\(context)", at: location)
    }
}

/// One libyaml event, freed when released.
private final class Event {
    var event = yaml_event_t()
    let file: String

    init(file: String) { self.file = file }

    deinit { yaml_event_delete(&event) }

    var type: yaml_event_type_t { event.type }

    var location: SourceLocation {
        SourceLocation(file: file, line: event.start_mark.line + 1, column: event.start_mark.column + 1)
    }

    var anchor: String? {
        let pointer: UnsafeMutablePointer<yaml_char_t>? = switch event.type {
        case YAML_ALIAS_EVENT: event.data.alias.anchor
        case YAML_SCALAR_EVENT: event.data.scalar.anchor
        case YAML_SEQUENCE_START_EVENT: event.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT: event.data.mapping_start.anchor
        default: nil
        }
        return pointer.map { String(cString: $0) }
    }

    var scalar: String {
        String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length), as: UTF8.self)
    }

    var isQuoted: Bool {
        event.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || event.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
    }
}
