/// The monitor's tables (migration v4), the same on SQLite and PostgreSQL: an incident's state per row, keyed by its
/// id and found by its check; an alert's delivery per channel, keyed by the alert's event id and the channel.
enum IncidentTables {
    static func statements(text: String, integer: String) -> [String] {
        [
            """
            CREATE TABLE incidents (
              id \(text) PRIMARY KEY, suite \(text) NOT NULL, check_key \(text) NOT NULL, table_name \(text) NOT NULL,
              severity \(text) NOT NULL, status \(text) NOT NULL, opened_at \(text) NOT NULL, updated_at \(text) NOT NULL,
              state \(text) NOT NULL)
            """,
            "CREATE INDEX incidents_by_check ON incidents(suite, check_key, opened_at)",
            "CREATE INDEX incidents_by_opening ON incidents(opened_at)",
            """
            CREATE TABLE alerts (
              event_id \(text) NOT NULL, channel \(text) NOT NULL, incident \(text) NOT NULL REFERENCES incidents(id),
              kind \(text) NOT NULL, route \(text) NOT NULL, queued_at \(text) NOT NULL, status \(text) NOT NULL,
              not_before \(text), attempts \(integer) NOT NULL, delivery \(text) NOT NULL, event \(text) NOT NULL,
              PRIMARY KEY (event_id, channel))
            """,
            "CREATE INDEX alerts_due ON alerts(status, not_before)",
        ]
    }
}
