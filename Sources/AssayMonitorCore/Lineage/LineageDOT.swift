import AssayCore

/// The lineage graph as Graphviz DOT: one node per dataset (shaped by kind: a box for a table, a box3d for a mart,
/// a note for a regulatory report, an ellipse for a feed), one edge per pair of datasets, dangling edges to or from a
/// red `(missing)` node. With an impact, its root is red, what it reaches orange, the edges on the way bold.
public enum LineageDOT {
    public static func render(_ graph: LineageGraph, impact: LineageImpact? = nil, name: String = "lineage") -> String {
        let reached = Set((impact?.downstream ?? []).map { LineageGraph.key($0.name) })
        let root = impact.map { LineageGraph.key($0.root) }
        var out = "digraph \(quote(name)) {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [color=\"#666666\"];\n"
        for dataset in graph.sortedDatasets {
            let key = LineageGraph.key(dataset.name)
            var attributes = ["shape=\(shape(dataset.kind))", "label=\(quote(label(dataset)))"]
            if key == root {
                attributes += ["style=filled", "fillcolor=\"#d9534f\"", "fontcolor=white"]
            } else if reached.contains(key) {
                attributes += ["style=filled", "fillcolor=\"#f0ad4e\""]
            }
            out += "  \(quote(dataset.name)) [\(attributes.joined(separator: ", "))];\n"
        }
        var drawn: Set<[String]> = []
        var missing = 0
        for edge in graph.edges {
            guard let from = edge.from, let to = edge.to else {
                missing += 1
                let node = "(missing \(missing))"
                out += "  \(quote(node)) [shape=point, color=red, xlabel=\(quote("missing"))];\n"
                let tip = edge.transformation.map { "dangling: \($0)" } ?? "dangling edge"
                let pair = edge.from.map { [quote($0), quote(node)] } ?? [quote(node), quote(edge.to ?? "?")]
                out += "  \(pair[0]) -> \(pair[1]) [color=red, style=dashed, tooltip=\(quote(tip))];\n"
                continue
            }
            let pair = [LineageGraph.key(from), LineageGraph.key(to)]
            guard drawn.insert(pair).inserted else { continue }
            let hot = (pair[0] == root || reached.contains(pair[0])) && reached.contains(pair[1])
            var attributes: [String] = []
            if !edge.columns.isEmpty { attributes.append("label=\(quote(edge.columns.map { "\($0.from)→\($0.to)" }.joined(separator: "\n")))") }
            if let text = edge.transformation { attributes.append("tooltip=\(quote(text))") }
            if hot { attributes += ["color=\"#d9534f\"", "penwidth=2"] }
            let fromName = graph.datasets[pair[0]]?.name ?? from, toName = graph.datasets[pair[1]]?.name ?? to
            out += "  \(quote(fromName)) -> \(quote(toName))" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        return out + "}\n"
    }

    static func shape(_ kind: DatasetKind) -> String {
        switch kind {
        case .table: "box"
        case .mart: "box3d"
        case .report: "note"
        case .feed: "ellipse"
        }
    }

    static func label(_ dataset: LineageDataset) -> String {
        dataset.kind == .table ? dataset.name : "\(dataset.name)\n(\(dataset.kind.rawValue))"
    }

    /// A DOT double-quoted ID: backslashes and quotes escaped, line breaks as `\n`.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
