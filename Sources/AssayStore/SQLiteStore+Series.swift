import AssayCore
import Foundation
import GRDB

extension SQLiteStore {
    public func scoreSeries(suite: String?, since: Date, bucketSeconds: Int?) async throws(StoreError) -> [ScorePoint] {
        let sql = TableScores.seriesSQL(bucketSeconds: bucketSeconds)
        let from = Int64((since.timeIntervalSince1970 * 1000).rounded())
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: [suite, suite, from]).map { try TableScores.point($0) }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    public func suites() async throws(StoreError) -> [SuiteSummary] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT suite, count(*) AS runs, max(started_at) AS last FROM runs GROUP BY suite ORDER BY last DESC, suite
                    """).compactMap { row in
                    InstantText.date(row["last"]).map { SuiteSummary(suite: row["suite"], runs: row["runs"], lastStartedAt: $0) }
                }
            }
        } catch {
            throw Self.describe(error, path: path)
        }
    }

    /// The size of the store's files (database and write-ahead log), in bytes.
    public func sizeInBytes() async throws(StoreError) -> Int64 {
        ["", "-wal"].reduce(0) { total, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
