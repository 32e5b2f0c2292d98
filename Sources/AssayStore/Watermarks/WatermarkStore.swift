import AssayCore
import Foundation

/// Where the monitor keeps each incremental table's watermark (migration v5), so a restart resumes from the last
/// poll: no row is skipped and none counted twice.
public protocol WatermarkStore: Sendable {
    /// The stored watermark of `table` in `suite`; `nil` when the table was never polled.
    func watermark(suite: String, table: String) async throws(StoreError) -> Watermark?
    /// Stores the watermark after a poll (replacing the previous one).
    func save(_ watermark: Watermark, suite: String, table: String) async throws(StoreError)
}

/// Migration v5, the same on SQLite and PostgreSQL: the watermarks table, and the alerts of an incident found by
/// index (its dashboard page lists them).
enum WatermarkTable {
    static let migration = "v5: watermarks of incremental tables, alerts by incident"

    static func statements(text: String) -> [String] {
        ["""
         CREATE TABLE watermarks (
           suite \(text) NOT NULL, table_name \(text) NOT NULL, updated_at \(text) NOT NULL, state \(text) NOT NULL,
           PRIMARY KEY (suite, table_name))
         """,
         "CREATE INDEX alerts_by_incident ON alerts(incident)"]
    }

    static let upsert = """
        INSERT INTO watermarks (suite, table_name, updated_at, state) VALUES (?, ?, ?, ?)
        ON CONFLICT (suite, table_name) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state
        """

    static let select = "SELECT state FROM watermarks WHERE suite = ? AND table_name = ?"

    static func decode(_ text: String?) throws(StoreError) -> Watermark? {
        try text.map { t throws(StoreError) in try IncidentCoding.decode(Watermark.self, t, what: "watermark") }
    }
}
