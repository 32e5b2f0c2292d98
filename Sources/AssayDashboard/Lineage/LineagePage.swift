import AssayMonitorCore

/// `/lineage` and `/lineage?table=X[&column=C]`: the whole graph, and with a table, its impact marked.
public struct LineagePage: Sendable {
    public var graph: LineageGraph
    public var impact: LineageImpact?
    /// What the graph was read from (`data_lineage: 25 edges (1 dangling)`).
    public var read: [String]

    public init(graph: LineageGraph, impact: LineageImpact? = nil, read: [String] = []) {
        self.graph = graph
        self.impact = impact
        self.read = read
    }
}

/// Where each dataset of a graph is drawn: layers left to right by depth (the longest chain of edges from a dataset
/// nothing feeds, edges inside a cycle not counted, so a cycle cannot push a layer on forever), and within a layer
/// ordered by the mean position of what feeds each dataset (one pass, fewer crossings than alphabetical order).
struct LineageLayout {
    static let columnWidth = 200.0, rowHeight = 42.0, nodeWidth = 164.0, nodeHeight = 28.0, margin = 12.0

    /// Per dataset key: its layer and its row in the layer.
    var place: [String: (layer: Int, row: Int)] = [:]
    var layers: [[String]] = []

    init(_ graph: LineageGraph) {
        // Each dataset on a cycle, and the cycle it is on.
        var component: [String: Int] = [:]
        for (index, keys) in graph.cyclicComponents().enumerated() { for key in keys { component[key] = index } }
        let keys = graph.datasets.keys.sorted()
        var incoming: [String: [String]] = [:]
        for edge in graph.edges {
            guard let from = edge.from.map(LineageGraph.key), let to = edge.to.map(LineageGraph.key), from != to else { continue }
            // An edge inside a cycle does not set a layer.
            if let a = component[from], a == component[to] { continue }
            if !(incoming[to] ?? []).contains(from) { incoming[to, default: []].append(from) }
        }
        var layer: [String: Int] = [:]
        // Longest path by repeated relaxation over an acyclic edge set: at most one pass per dataset.
        for key in keys { layer[key] = 0 }
        var changed = true, passes = 0
        while changed, passes <= keys.count {
            changed = false
            passes += 1
            for key in keys {
                let depth = (incoming[key] ?? []).map { (layer[$0] ?? 0) + 1 }.max() ?? 0
                if depth > (layer[key] ?? 0) { layer[key] = depth; changed = true }
            }
        }
        let count = (layer.values.max() ?? -1) + 1
        var layers = [[String]](repeating: [], count: count)
        for key in keys { layers[layer[key] ?? 0].append(key) }
        var row: [String: Int] = [:]
        for index in layers.indices {
            if index > 0 {
                layers[index].sort { a, b in
                    func mean(_ k: String) -> Double {
                        let rows = (incoming[k] ?? []).compactMap { row[$0] }
                        return rows.isEmpty ? .infinity : Double(rows.reduce(0, +)) / Double(rows.count)
                    }
                    return (mean(a), a) < (mean(b), b)
                }
            }
            for (r, key) in layers[index].enumerated() { row[key] = r }
        }
        for (l, keysInLayer) in layers.enumerated() { for (r, key) in keysInLayer.enumerated() { place[key] = (l, r) } }
        self.layers = layers
    }

    var width: Double { Self.margin * 2 + Double(max(1, layers.count)) * Self.columnWidth - (Self.columnWidth - Self.nodeWidth) }
    var height: Double { Self.margin * 2 + Double(max(1, layers.map(\.count).max() ?? 1)) * Self.rowHeight }

    /// The top-left corner of a dataset's box.
    func origin(_ key: String) -> (x: Double, y: Double)? {
        guard let p = place[key] else { return nil }
        return (Self.margin + Double(p.layer) * Self.columnWidth, Self.margin + Double(p.row) * Self.rowHeight)
    }
}
