import AssayCore
import AssayMonitorCore
import Foundation
import GRDB

extension SQLiteStore: LineageStore {
    public func saveLineage(_ edges: [LineageEdge]) async throws(StoreError) {
        let rows = try LineageTable.rows(edges, at: Date())
        do {
            try await pool.write { db in
                for row in rows { try db.execute(sql: LineageTable.upsert, arguments: StatementArguments(row.map(\.databaseValue))) }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func lineageEdges() async throws(StoreError) -> [LineageEdge] {
        let texts: [String]
        do {
            texts = try await pool.read { db in try String.fetchAll(db, sql: LineageTable.select) }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try LineageTable.decode(texts)
    }
}
