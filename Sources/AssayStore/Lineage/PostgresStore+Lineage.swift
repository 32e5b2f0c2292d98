import AssayCore
import AssayMonitorCore
import Foundation

extension PostgresStore: LineageStore {
    public func saveLineage(_ edges: [LineageEdge]) async throws(StoreError) {
        let rows = try LineageTable.rows(edges, at: Date())
        try await write { connection in
            for row in rows { try await connection.execute(LineageTable.upsert, row) }
        }
    }

    public func lineageEdges() async throws(StoreError) -> [LineageEdge] {
        let texts = try await read { connection in try await connection.rows(LineageTable.select).map { try $0.text(required: "edge") } }
        return try LineageTable.decode(texts)
    }
}
