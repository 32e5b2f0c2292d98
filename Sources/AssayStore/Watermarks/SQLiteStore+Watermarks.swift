import AssayCore
import Foundation
import GRDB

extension SQLiteStore: WatermarkStore {
    public func watermark(suite: String, table: String) async throws(StoreError) -> Watermark? {
        let text: String?
        do {
            text = try await pool.read { db in try String.fetchOne(db, sql: WatermarkTable.select, arguments: [suite, table]) }
        } catch {
            throw Self.describe(error, path: path)
        }
        return try WatermarkTable.decode(text)
    }

    public func save(_ watermark: Watermark, suite: String, table: String) async throws(StoreError) {
        let state = try IncidentCoding.encode(watermark)
        let now = InstantText.string(Date())
        do {
            try await pool.write { db in try db.execute(sql: WatermarkTable.upsert, arguments: [suite, table, now, state]) }
        } catch {
            throw Self.describe(error, path: path)
        }
    }
}
