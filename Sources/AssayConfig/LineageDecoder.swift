import AssayCore

/// Decodes the suite's `lineage:` section (see ``AssayCore/LineageSpec``): datasets with a kind and an owner,
/// edges with their owner, transformation and column mappings, the source tables that hold more edges, and
/// OpenLineage event files. Every problem is reported at once, with its place and a "did you mean" hint.
enum LineageDecoder {
    static let keys = ["datasets", "edges", "tables", "events"]
    static let datasetKeys = ["kind", "owner", "description"]
    static let edgeKeys = ["from", "to", "owner", "transformation", "columns", "description"]

    static func lineage(_ node: ConfigNode) throws(ConfigError) -> LineageSpec {
        var problems = ConfigProblems()
        let map = try node.mapping("lineage", allowed: keys, problems: &problems)
        var spec = LineageSpec()
        if let datasets = map["datasets"], let entries = problems.attempt({ () throws(ConfigError) in try datasets.entries("lineage.datasets") }) {
            var seen: [String: SourceLocation] = [:]
            for entry in entries {
                if let first = seen[entry.key.lowercased()] {
                    problems.add(ConfigError(.duplicate, "dataset '\(entry.key)' is declared twice (first at \(first))", at: entry.keyLocation))
                    continue
                }
                seen[entry.key.lowercased()] = entry.keyLocation
                if let dataset = problems.attempt({ () throws(ConfigError) in try Self.dataset(entry.key, entry.value, at: entry.keyLocation) }) {
                    spec.datasets.append(dataset)
                }
            }
        }
        if let edges = map["edges"], let items = problems.attempt({ () throws(ConfigError) in try edges.list("lineage.edges") }) {
            for (index, item) in items.enumerated() {
                if let edge = problems.attempt({ () throws(ConfigError) in try Self.edge(item, index: index) }) { spec.edges.append(edge) }
            }
        }
        spec.tables = problems.attempt { () throws(ConfigError) in try map["tables"].map { n throws(ConfigError) in try Self.names(n, "lineage.tables") } } ?? nil
        spec.events = problems.attempt { () throws(ConfigError) -> [String] in
            guard let n = map["events"] else { return [] }
            return try Self.names(n, "lineage.events")
        } ?? []
        try problems.throwIfAny()
        return spec
    }

    /// `NAME: {kind: report, owner: team@bank.example}` (or `NAME: report`).
    static func dataset(_ name: String, _ node: ConfigNode, at location: SourceLocation) throws(ConfigError) -> LineageDatasetSpec {
        if case .scalar = node.value { return LineageDatasetSpec(name: name, kind: try kind(node), location: location) }
        var problems = ConfigProblems()
        let map = try node.mapping("dataset '\(name)'", allowed: datasetKeys, problems: &problems)
        let kind = problems.attempt { () throws(ConfigError) in try map["kind"].map { n throws(ConfigError) in try Self.kind(n) } } ?? nil
        let owner = problems.attempt { () throws(ConfigError) in try map["owner"].map { n throws(ConfigError) in try Self.text(n, "owner") } } ?? nil
        problems.attempt { () throws(ConfigError) in _ = try map["description"]?.string("description") }
        try problems.throwIfAny()
        return LineageDatasetSpec(name: name, kind: kind, owner: owner, location: location)
    }

    static func kind(_ node: ConfigNode) throws(ConfigError) -> DatasetKind {
        let text = try node.string("kind")
        guard let kind = DatasetKind(rawValue: text.lowercased()) else {
            let names = DatasetKind.allCases.map(\.rawValue)
            throw node.fail(.invalidValue, "kind is one of \(names.joined(separator: ", ")), not '\(text)'" + Suggestion.hint(for: text, in: names))
        }
        return kind
    }

    /// `{from: transactions, to: risk_mart, owner: ..., transformation: ..., columns: ["amount -> exposure", {from: id, to: account_id}]}`.
    static func edge(_ node: ConfigNode, index: Int) throws(ConfigError) -> LineageEdgeSpec {
        var problems = ConfigProblems()
        let what = "lineage edge \(index + 1)"
        let map = try node.mapping(what, allowed: edgeKeys, problems: &problems)
        let from = problems.attempt { () throws(ConfigError) in try map.required("from").name("from") }
        let to = problems.attempt { () throws(ConfigError) in try map.required("to").name("to") }
        let owner = problems.attempt { () throws(ConfigError) in try map["owner"].map { n throws(ConfigError) in try Self.text(n, "owner") } } ?? nil
        let transformation = problems.attempt { () throws(ConfigError) in try map["transformation"].map { n throws(ConfigError) in try Self.text(n, "transformation") } } ?? nil
        problems.attempt { () throws(ConfigError) in _ = try map["description"]?.string("description") }
        var columns: [ColumnMapping] = []
        if let list = map["columns"], let items = problems.attempt({ () throws(ConfigError) in try list.list("columns of \(what)") }) {
            for item in items {
                if let mapping = problems.attempt({ () throws(ConfigError) in try Self.column(item) }) {
                    if columns.contains(mapping) {
                        problems.add(item.fail(.duplicate, "\(mapping.from) -> \(mapping.to) is listed twice in \(what)"))
                    } else {
                        columns.append(mapping)
                    }
                }
            }
        }
        try problems.throwIfAny()
        return LineageEdgeSpec(from: from ?? "", to: to ?? "", columns: columns, transformation: transformation, owner: owner, location: node.location)
    }

    /// `"amount -> total_amount"`, or `{from: amount, to: total_amount}`.
    static func column(_ node: ConfigNode) throws(ConfigError) -> ColumnMapping {
        if case .scalar = node.value {
            let text = try node.string("a column mapping")
            let parts = text.components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw node.fail(.invalidValue, "a column mapping is 'FROM_COLUMN -> TO_COLUMN' (or {from: FROM_COLUMN, to: TO_COLUMN}), not '\(text)'")
            }
            return ColumnMapping(from: parts[0], to: parts[1])
        }
        let map = try node.mapping("a column mapping", allowed: ["from", "to"])
        return ColumnMapping(from: try map.required("from").name("from"), to: try map.required("to").name("to"))
    }

    /// A non-empty text.
    static func text(_ node: ConfigNode, _ what: String) throws(ConfigError) -> String {
        let text = try node.string(what)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw node.fail(.invalidValue, "\(what) is empty") }
        return text
    }

    /// A list of names (or one); `[]` is an empty list.
    static func names(_ node: ConfigNode, _ what: String) throws(ConfigError) -> [String] {
        if case .sequence(let items) = node.value, items.isEmpty { return [] }
        return try node.names(what)
    }
}
