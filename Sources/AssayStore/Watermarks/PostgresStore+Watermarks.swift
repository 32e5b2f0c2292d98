import AssayCore
import Foundation

extension PostgresStore: WatermarkStore {
    public func watermark(suite: String, table: String) async throws(StoreError) -> Watermark? {
        let text = try await read { connection in
            try await connection.rows(WatermarkTable.select, [.text(suite), .text(table)]).first.map { try $0.text(required: "state") }
        }
        return try WatermarkTable.decode(text)
    }

    public func save(_ watermark: Watermark, suite: String, table: String) async throws(StoreError) {
        let values: [StoreValue] = [.text(suite), .text(table), .text(InstantText.string(Date())), .text(try IncidentCoding.encode(watermark))]
        try await write { connection in try await connection.execute(WatermarkTable.upsert, values) }
    }
}
