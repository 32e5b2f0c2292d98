import AssayCore

/// What is downstream of a table or column: every dataset data flows to, at its shortest depth, with the path,
/// kind and owners; and the graph's cycles and dangling edges, so a report shows what the answer may be missing.
public struct LineageImpact: Sendable, Hashable, Encodable {
    /// One downstream dataset.
    public struct Asset: Sendable, Hashable, Codable {
        public var name: String
        public var kind: DatasetKind
        /// Edges from the root on the shortest path (1: fed directly).
        public var depth: Int
        /// Dataset names from the root to this one, both included.
        public var path: [String]
        public var owners: [String]
        public var regulatoryReport: Bool
        /// For a column question: the columns of this dataset the column flows into (empty where only table-level
        /// lineage reached it).
        public var columns: [String]
        /// For a column question: whether it is also reached through an edge without column lineage, so every one
        /// of its columns is at risk (table level), not only `columns`.
        public var tableLevel: Bool
    }

    /// The dataset asked about, as the graph spells it.
    public var root: String
    public var column: String?
    /// Downstream datasets by depth, then name.
    public var downstream: [Asset]
    /// Every cycle of the graph, each as the names around it (the first repeated at the end).
    public var cycles: [[String]]
    /// Every edge missing an end.
    public var dangling: [LineageEdge]
    /// What the answer rests on where lineage was incomplete (column questions that fell back to table edges).
    public var notes: [String]

    /// The regulatory reports at risk.
    public var reports: [Asset] { downstream.filter(\.regulatoryReport) }

    enum CodingKeys: String, CodingKey { case root, column, downstream, regulatoryReports, owners, cycles, dangling, notes }

    /// Its fields, and the names of the regulatory reports at risk and the owners to tell.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(root, forKey: .root)
        try container.encode(column, forKey: .column)
        try container.encode(downstream, forKey: .downstream)
        try container.encode(reports.map(\.name), forKey: .regulatoryReports)
        try container.encode(owners, forKey: .owners)
        try container.encode(cycles, forKey: .cycles)
        try container.encode(dangling, forKey: .dangling)
        try container.encode(notes, forKey: .notes)
    }
    /// Every owner of a downstream dataset, each once, in the order of the listing.
    public var owners: [String] {
        var seen: Set<String> = []
        return downstream.flatMap(\.owners).filter { seen.insert($0).inserted }
    }
}

extension LineageGraph {
    /// Everything downstream of `target`, breadth first so each dataset has its shortest depth; each dataset is
    /// visited once per column, so a cycle ends the walk rather than looping. A column question follows an edge's
    /// column mappings; an edge without any is followed at table level (every column of its target), and the
    /// answer's notes say which, unless another edge between the same two datasets has column mappings (the column
    /// lineage between them is then known, and the table-level edge adds nothing).
    /// - Throws: ``LineageError`` with code `unknownDataset` (with a did-you-mean hint) when the graph has no such
    ///   dataset.
    public func impact(of target: LineageTarget) throws(LineageError) -> LineageImpact {
        var target = target
        // `schema.table` is a dataset before it is a table and a column.
        if let column = target.column, dataset(named: target.table) == nil, let whole = dataset(named: "\(target.table).\(column)") {
            target = LineageTarget(table: whole.name)
        }
        guard let root = dataset(named: target.table) else {
            let hint = Suggestion.hint(for: target.table, in: sortedDatasets.map(\.name))
            throw LineageError(.unknownDataset, "no dataset '\(target.table)' in the lineage graph\(hint)")
        }
        struct State: Hashable { var key: String; var column: String? }
        let rootKey = Self.key(root.name)
        let start = State(key: rootKey, column: target.column)
        var previous: [State: State] = [start: start]
        var depth: [State: Int] = [start: 0]
        var queue = [start], head = 0
        var fallbacks: [String] = []
        while head < queue.count {
            let state = queue[head]
            head += 1
            let leaving = edges(from: state.key)
            // Targets whose column lineage is known from this dataset: their table-level edges add nothing.
            let mapped = Set(leaving.filter { !$0.columns.isEmpty }.compactMap { $0.to.map(Self.key) })
            for edge in leaving {
                guard let to = edge.to else { continue }
                if state.column != nil, edge.columns.isEmpty, mapped.contains(Self.key(to)) { continue }
                var next: [State] = []
                if let column = state.column {
                    if edge.columns.isEmpty {
                        next = [State(key: Self.key(to), column: nil)]
                        let note = "\(edge.from ?? "?") -> \(to) has no column lineage: followed at table level"
                        if !fallbacks.contains(note) { fallbacks.append(note) }
                    } else {
                        next = edge.columns.filter { $0.from.lowercased() == column.lowercased() }.map { State(key: Self.key(to), column: $0.to) }
                    }
                } else {
                    next = [State(key: Self.key(to), column: nil)]
                }
                for n in next where depth[n] == nil && n.key != rootKey {
                    depth[n] = (depth[state] ?? 0) + 1
                    previous[n] = state
                    queue.append(n)
                }
            }
        }
        var best: [String: State] = [:], columns: [String: [String]] = [:], wholeTable: Set<String> = []
        for state in queue.dropFirst() {
            if best[state.key] == nil { best[state.key] = state }
            if let column = state.column {
                if !(columns[state.key] ?? []).contains(column) { columns[state.key, default: []].append(column) }
            } else {
                wholeTable.insert(state.key)
            }
        }
        var assets: [LineageImpact.Asset] = []
        for (key, state) in best {
            guard let dataset = datasets[key] else { continue }
            var path: [String] = []
            var cursor = state
            while cursor != start, let back = previous[cursor] {
                path.append(datasets[cursor.key]?.name ?? cursor.key)
                cursor = back
            }
            path.append(root.name)
            assets.append(LineageImpact.Asset(name: dataset.name, kind: dataset.kind, depth: depth[state] ?? 0, path: path.reversed(),
                                              owners: dataset.owners, regulatoryReport: dataset.isRegulatoryReport,
                                              columns: (columns[key] ?? []).sorted(),
                                              tableLevel: target.column != nil && wholeTable.contains(key)))
        }
        assets.sort { ($0.depth, Self.key($0.name)) < ($1.depth, Self.key($1.name)) }
        return LineageImpact(root: root.name, column: target.column, downstream: assets, cycles: cycles(), dangling: dangling,
                             notes: fallbacks)
    }
}
