import AssayCore
import Foundation

/// The lineage graph: datasets and the edges between them, from the suite, the source's `data_lineage` table and
/// OpenLineage events. Pure: built from values, no I/O. Names match case-insensitively; an edge missing an end is
/// kept as dangling (reported, never followed), and cycles are found, never looped on.
///
/// ```swift
/// let graph = LineageGraph(edges: edges, datasets: suite.lineage?.datasets ?? [], owners: ["transactions": "payments@bank.example"])
/// let impact = try graph.impact(of: LineageTarget(parsing: "transactions.amount"))
/// print(impact.reports.map(\.name))   // the regulatory reports at risk
/// ```
public struct LineageGraph: Sendable, Hashable {
    /// Every dataset, by key (the lower-cased name).
    public private(set) var datasets: [String: LineageDataset]
    /// Every edge, dangling ones included, without exact repeats, in the order first given.
    public private(set) var edges: [LineageEdge]
    /// Per dataset key, the indices of its outgoing (followable) edges.
    private var outgoing: [String: [Int]]

    /// - Parameters:
    ///   - datasets: the suite's declarations (kind and owner); a declaration of a dataset no edge names is a node.
    ///   - owners: owners of the suite's tables (`owner:` of a table), for datasets not declared with one.
    public init(edges: [LineageEdge], datasets declared: [LineageDatasetSpec] = [], owners: [String: String] = [:]) {
        var unique: [LineageEdge] = []
        var seen: Set<LineageEdge> = []
        for edge in edges where seen.insert(edge).inserted { unique.append(edge) }
        self.edges = unique
        var names: [String: String] = [:], kinds: [String: DatasetKind] = [:], owned: [String: [String]] = [:]
        func add(owner: String?, to key: String) {
            guard let owner, !owner.isEmpty, !(owned[key] ?? []).contains(owner) else { return }
            owned[key, default: []].append(owner)
        }
        for spec in declared {
            let key = Self.key(spec.name)
            names[key] = names[key] ?? spec.name
            if let kind = spec.kind { kinds[key] = kind }
            add(owner: spec.owner, to: key)
        }
        for (table, owner) in owners.sorted(by: { $0.key < $1.key }) where names[Self.key(table)] != nil || unique.contains(where: { $0.names(table) }) {
            add(owner: owner, to: Self.key(table))
        }
        var outgoing: [String: [Int]] = [:]
        for (index, edge) in unique.enumerated() {
            for name in [edge.from, edge.to].compactMap({ $0 }) where names[Self.key(name)] == nil { names[Self.key(name)] = name }
            if let to = edge.to { add(owner: edge.owner, to: Self.key(to)) }
            if let from = edge.from, edge.to != nil { outgoing[Self.key(from), default: []].append(index) }
        }
        var datasets: [String: LineageDataset] = [:]
        for (key, name) in names {
            datasets[key] = LineageDataset(name: name, kind: kinds[key] ?? LineageDataset.inferredKind(of: name), declared: kinds[key] != nil,
                                           owners: owned[key] ?? [])
        }
        self.datasets = datasets
        self.outgoing = outgoing
    }

    /// The key names match by.
    public static func key(_ name: String) -> String { name.lowercased() }

    /// The dataset called `name`: exactly (ignoring case), else the one dataset whose name ends in `.name`
    /// (`transactions` finds an OpenLineage `public.transactions` when it is the only one).
    public func dataset(named name: String) -> LineageDataset? {
        if let exact = datasets[Self.key(name)] { return exact }
        let suffix = "." + Self.key(name)
        let candidates = datasets.filter { $0.key.hasSuffix(suffix) }
        return candidates.count == 1 ? candidates.first?.value : nil
    }

    /// The edges leaving `dataset` that have a target, in the order given.
    public func edges(from dataset: String) -> [LineageEdge] { (outgoing[Self.key(dataset)] ?? []).map { edges[$0] } }

    /// The edges that miss an end.
    public var dangling: [LineageEdge] { edges.filter(\.isDangling) }

    /// The datasets sorted by name, for listings.
    public var sortedDatasets: [LineageDataset] { datasets.values.sorted { Self.key($0.name) < Self.key($1.name) } }
}

extension LineageEdge {
    /// Whether either end is `name` (ignoring case).
    func names(_ name: String) -> Bool {
        let key = LineageGraph.key(name)
        return from.map(LineageGraph.key) == key || to.map(LineageGraph.key) == key
    }
}

/// What an impact question starts from: a table, or one column of it (`TABLE.COLUMN`).
public struct LineageTarget: Sendable, Hashable, CustomStringConvertible {
    public var table: String
    public var column: String?

    public init(table: String, column: String? = nil) {
        self.table = table
        self.column = column
    }

    /// `TABLE` or `TABLE.COLUMN`. A name with more dots is taken as a dataset first (`schema.table`) by
    /// ``LineageGraph/impact(of:)``, so `public.transactions` is a table, not a column.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let dot = trimmed.lastIndex(of: "."), dot != trimmed.startIndex, trimmed.index(after: dot) != trimmed.endIndex {
            self.init(table: String(trimmed[..<dot]), column: String(trimmed[trimmed.index(after: dot)...]))
        } else {
            self.init(table: trimmed)
        }
    }

    public var description: String { column.map { "\(table).\($0)" } ?? table }
}

/// A lineage problem: a dataset the graph does not hold, an OpenLineage event that cannot be read, a lineage table
/// or event file that cannot be read. The message names the place (file and line, table, field) and never a password.
public struct LineageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        /// The dataset asked about is not in the graph.
        public static let unknownDataset = Code("unknownDataset")
        /// An OpenLineage event that cannot be read (not JSON, not an event, a field of the wrong type).
        public static let invalidEvent = Code("invalidEvent")
        /// An event file that cannot be read.
        public static let unreadableFile = Code("unreadableFile")
        /// A lineage table of the source that is missing, lacks its columns, or cannot be read.
        public static let invalidTable = Code("invalidTable")
        /// The store holding received events cannot be read or written.
        public static let storeUnavailable = Code("storeUnavailable")
        /// The suite cannot be loaded, or its source opened.
        public static let invalidConfig = Code("invalidConfig")
        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
