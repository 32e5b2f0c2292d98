import AssayCore

/// The data and suite the trend tests share on SQLite and PostgreSQL (the same SQL runs on both), as of ``now``.
/// Counts per day and hour are worked out by hand in the tests that use it.
public enum TrendFixture {
    /// 2026-11-27 12:00:00 UTC.
    public static let now = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 12 * 3600)

    /// Tables `trend_events` (a timestamp window column), `trend_logs` (dates as text, some not dates),
    /// `trend_accounts` (no time column) and `trend_kinds` (the parent of a referential check).
    public static let statements = [
        "CREATE TABLE trend_events(id INTEGER PRIMARY KEY, email TEXT, amount INTEGER, kind TEXT, created_at TIMESTAMP)",
        """
        INSERT INTO trend_events VALUES
        (1, 'a@x', 5, 'web', '2026-11-27 09:15:00'),
        (2, NULL, -1, 'web', '2026-11-27 09:45:00'),
        (3, 'b@x', 50, 'app', '2026-11-27 11:00:00'),
        (4, NULL, -9, 'web', '2026-11-27 13:00:00'),
        (5, NULL, -7, 'web', '2026-11-26 00:00:00'),
        (6, 'c@x', -3, 'app', '2026-11-26 23:59:59'),
        (7, 'd@x', 1, 'web', '2026-11-25 10:00:00'),
        (8, NULL, -5, 'web', NULL),
        (9, NULL, -5, 'web', '2026-11-20 10:00:00'),
        (10, 'e@x', 2, 'app', '2026-11-24 23:59:59'),
        (11, 'f@x', 3, 'web', '2026-11-27 12:00:00')
        """,
        "CREATE TABLE trend_logs(id INTEGER PRIMARY KEY, level TEXT, created TEXT)",
        """
        INSERT INTO trend_logs VALUES (1, 'info', '2026-11-27T10:00:00'), (2, NULL, '2026-11-27 08:30:00'),
        (3, 'warn', 'not a date'), (4, NULL, '2026-02-30'), (5, 'info', '2026-11-26'), (6, NULL, NULL)
        """,
        "CREATE TABLE trend_accounts(id INTEGER PRIMARY KEY, balance INTEGER)",
        "INSERT INTO trend_accounts VALUES (1, 5), (2, -1)",
        "CREATE TABLE trend_kinds(kind TEXT PRIMARY KEY)",
        "INSERT INTO trend_kinds VALUES ('web')",
    ]

    /// The suite: per table the checks the trend counts and some it does not.
    public static let suite = """
        tables:
          trend_events:
            window: {column: created_at, last: 7d}
            checks:
              - not_null: email
              - rule: {violation: "amount < 0"}
                id: negative
              - not_null: email
                id: web_email
                where: "kind = 'web'"
              - row_count: {min: 1}
              - unique: id
              - references: {column: kind, table: trend_kinds, key: kind}
          trend_logs:
            checks:
              - not_null: level
                window: {column: created, last: 1d}
          trend_accounts:
            checks:
              - between: {column: balance, min: 0}
        """
}
