import AssayCore
import AssayMonitorCore
import Foundation

/// How `assay lineage` prints: a table for people, JSON for programs, Graphviz DOT for a picture.
public enum LineageFormat: String, Sendable, CaseIterable {
    case text, json, dot
}

/// The words of `assay lineage impact` and `assay lineage check`.
public enum LineageReport {
    /// An impact: downstream datasets with depth, kind, owners and path; the regulatory reports at risk; the graph's
    /// cycles and dangling edges. DOT draws the whole graph with the impacted part marked.
    public static func impact(_ impact: LineageImpact, load: LineageLoad, format: LineageFormat) -> String {
        switch format {
        case .dot: return LineageDOT.render(load.graph, impact: impact)
        case .json: return json(ImpactJSON(impact, read: load.read))
        case .text: break
        }
        let what = impact.column.map { "\(impact.root).\($0)" } ?? impact.root
        var out = "Impact of \(what): \(impact.downstream.count) downstream dataset\(impact.downstream.count == 1 ? "" : "s"), "
        out += "\(impact.reports.count) regulatory report\(impact.reports.count == 1 ? "" : "s") at risk\n"
        out += "Lineage read from: " + (load.read.isEmpty ? "nothing (no edges)" : load.read.joined(separator: "; ")) + "\n\n"
        if impact.downstream.isEmpty {
            out += "Nothing is downstream of \(what).\n"
        } else {
            var rows = [["DEPTH", "DATASET", "KIND", "OWNERS", "PATH"]]
            for asset in impact.downstream {
                var name = asset.name
                if !asset.columns.isEmpty { name += " (" + asset.columns.joined(separator: ", ") + ")" }
                if asset.tableLevel { name += " [table level]" }
                rows.append(["\(asset.depth)", name, asset.regulatoryReport ? "REPORT" : asset.kind.rawValue,
                             asset.owners.isEmpty ? "-" : asset.owners.joined(separator: ", "), asset.path.joined(separator: " -> ")])
            }
            out += table(rows)
        }
        if !impact.reports.isEmpty { out += "\nRegulatory reports at risk: " + impact.reports.map(\.name).joined(separator: ", ") + "\n" }
        if !impact.owners.isEmpty { out += "Owners to tell: " + impact.owners.joined(separator: ", ") + "\n" }
        for note in impact.notes { out += "Note: \(note)\n" }
        return out + "\n" + problems(cycles: impact.cycles, dangling: impact.dangling)
    }

    /// The graph's health: its size, cycles and dangling edges (DOT: the whole graph, dangling edges in red).
    public static func check(_ load: LineageLoad, format: LineageFormat) -> String {
        let graph = load.graph
        let cycles = graph.cycles()
        switch format {
        case .dot: return LineageDOT.render(graph)
        case .json: return json(CheckJSON(datasets: graph.sortedDatasets, edges: graph.edges.count, cycles: cycles, dangling: graph.dangling, read: load.read))
        case .text: break
        }
        var out = "Lineage: \(graph.datasets.count) datasets, \(graph.edges.count) edges"
        let reports = graph.sortedDatasets.filter(\.isRegulatoryReport)
        out += reports.isEmpty ? "\n" : ", \(reports.count) regulatory reports (\(reports.map(\.name).joined(separator: ", ")))\n"
        out += "Lineage read from: " + (load.read.isEmpty ? "nothing (no edges)" : load.read.joined(separator: "; ")) + "\n\n"
        return out + problems(cycles: cycles, dangling: graph.dangling)
    }

    static func problems(cycles: [[String]], dangling: [LineageEdge]) -> String {
        var out = cycles.isEmpty ? "Cycles: none\n" : "Cycles (\(cycles.count)):\n"
        for cycle in cycles { out += "  " + cycle.joined(separator: " -> ") + "\n" }
        out += dangling.isEmpty ? "Dangling edges: none\n" : "Dangling edges (\(dangling.count)):\n"
        for edge in dangling { out += "  " + describe(edge) + "\n" }
        return out
    }

    /// `transactions -> (no target)  "ad-hoc CSV export"  owner x  [table data_lineage#25]`.
    static func describe(_ edge: LineageEdge) -> String {
        var out = "\(edge.from ?? "(no source)") -> \(edge.to ?? "(no target)")"
        if let text = edge.transformation { out += "  \"\(text)\"" }
        if let owner = edge.owner { out += "  owner \(owner)" }
        return out + "  [\(edge.origin)]"
    }

    static func table(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// An impact and what the graph was read from.
    struct ImpactJSON: Encodable {
        var impact: LineageImpact
        var read: [String]

        init(_ impact: LineageImpact, read: [String]) {
            self.impact = impact
            self.read = read
        }

        enum CodingKeys: String, CodingKey { case read }

        func encode(to encoder: any Encoder) throws {
            try impact.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(read, forKey: .read)
        }
    }

    struct CheckJSON: Encodable {
        var datasets: [LineageDataset]
        var edges: Int
        var cycles: [[String]]
        var dangling: [LineageEdge]
        var read: [String]
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
