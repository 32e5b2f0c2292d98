import AssayCore
import AssayMonitorCore
import Foundation

/// Where lineage edges received as OpenLineage events are kept (migration "v7: lineage edges"), so the graph
/// survives restarts. An edge is keyed by its origin (the OpenLineage job) and its two ends: the same job
/// reporting the same edge again (every run's START and COMPLETE do) replaces it, with its latest columns.
public protocol LineageStore: Sendable {
    /// Stores `edges` in one transaction: all of them or, when the store fails, none.
    func saveLineage(_ edges: [LineageEdge]) async throws(StoreError)
    /// Every stored edge, in the order of their origin and ends.
    func lineageEdges() async throws(StoreError) -> [LineageEdge]
}

/// Migration v7, the same on SQLite and PostgreSQL: the `lineage_edges` table.
enum LineageTable {
    static let migration = "v7: lineage edges"

    static func statements(text: String) -> [String] {
        ["""
         CREATE TABLE lineage_edges (
           origin \(text) NOT NULL, source_dataset \(text) NOT NULL, target_dataset \(text) NOT NULL,
           updated_at \(text) NOT NULL, edge \(text) NOT NULL,
           PRIMARY KEY (origin, source_dataset, target_dataset))
         """]
    }

    static let upsert = """
        INSERT INTO lineage_edges (origin, source_dataset, target_dataset, updated_at, edge) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (origin, source_dataset, target_dataset) DO UPDATE SET updated_at = excluded.updated_at, edge = excluded.edge
        """

    static let select = "SELECT edge FROM lineage_edges ORDER BY origin, source_dataset, target_dataset"

    /// The row of each edge: origin, ends (an empty text for a missing end), time, the edge as JSON.
    static func rows(_ edges: [LineageEdge], at now: Date) throws(StoreError) -> [[StoreValue]] {
        var rows: [[StoreValue]] = []
        let time = InstantText.string(now)
        for edge in edges {
            rows.append([.text("\(edge.origin.kind.rawValue):\(edge.origin.detail)"), .text(edge.from ?? ""), .text(edge.to ?? ""), .text(time),
                         .text(try IncidentCoding.encode(edge))])
        }
        return rows
    }

    static func decode(_ texts: [String]) throws(StoreError) -> [LineageEdge] {
        var edges: [LineageEdge] = []
        for text in texts { edges.append(try IncidentCoding.decode(LineageEdge.self, text, what: "a lineage edge")) }
        return edges
    }
}
