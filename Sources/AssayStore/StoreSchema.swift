import GRDB

/// The store's tables, as versioned migrations. A store with a migration this version does not know was written
/// by a newer Assay and is refused rather than guessed at.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, results, metrics, failures") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                  run_id TEXT PRIMARY KEY, suite TEXT NOT NULL, source TEXT NOT NULL,
                  started_at TEXT NOT NULL, finished_at TEXT NOT NULL, duration_seconds REAL NOT NULL,
                  status TEXT NOT NULL, exit_code INTEGER NOT NULL,
                  checks INTEGER NOT NULL, failed INTEGER NOT NULL, warned INTEGER NOT NULL, errors INTEGER NOT NULL,
                  assay_version TEXT NOT NULL,
                  document TEXT NOT NULL);
                CREATE INDEX runs_by_start ON runs(started_at);
                CREATE TABLE results (
                  run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  check_key TEXT NOT NULL, fingerprint TEXT NOT NULL, table_name TEXT NOT NULL, check_id TEXT NOT NULL,
                  kind TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, dimension TEXT NOT NULL,
                  rows_checked INTEGER, violations INTEGER, violation_rate REAL, observed REAL,
                  message TEXT NOT NULL, failure_id TEXT, started_at TEXT NOT NULL,
                  document TEXT NOT NULL,
                  PRIMARY KEY (run_id, position));
                CREATE INDEX results_by_check ON results(check_key, started_at);
                CREATE TABLE metrics (
                  run_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
                  value REAL, text TEXT,
                  PRIMARY KEY (run_id, position, name),
                  FOREIGN KEY (run_id, position) REFERENCES results(run_id, position) ON DELETE CASCADE);
                CREATE TABLE failures (
                  run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                  failure_id TEXT NOT NULL, code TEXT NOT NULL, scope TEXT NOT NULL, table_name TEXT,
                  message TEXT NOT NULL, checks INTEGER NOT NULL,
                  PRIMARY KEY (run_id, failure_id));
                """)
        }
        return migrator
    }
}
