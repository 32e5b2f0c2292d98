import GRDB

/// The store's tables, as versioned migrations. A store with a migration this version does not know was written
/// by a newer Assay and is refused rather than guessed at.
///
/// What is the same from run to run is stored once: a check's definition (per fingerprint) and a failing-row sample
/// (per content), so a year of 15-minute runs stays small. Runs are referred to by an integer, not their UUID text.
/// Results are stored in the order of a check's history (key, then start time in milliseconds since 1970), so one
/// check's history is one range of the table. Each table's score per run is kept apart (v2), in the order of a
/// suite's history, so score series for the dashboard are read without decoding runs.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, checks, results, samples, failures") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                  id INTEGER PRIMARY KEY,
                  run_id TEXT NOT NULL UNIQUE, suite TEXT NOT NULL, source TEXT NOT NULL,
                  started_at TEXT NOT NULL, finished_at TEXT NOT NULL, duration_seconds REAL NOT NULL,
                  status TEXT NOT NULL, exit_code INTEGER NOT NULL,
                  checks INTEGER NOT NULL, failed INTEGER NOT NULL, warned INTEGER NOT NULL, errors INTEGER NOT NULL,
                  assay_version TEXT NOT NULL, scorecards TEXT NOT NULL, notices TEXT NOT NULL);
                CREATE INDEX runs_by_start ON runs(started_at);
                CREATE TABLE checks (
                  id INTEGER PRIMARY KEY,
                  fingerprint TEXT NOT NULL UNIQUE, check_key TEXT NOT NULL, table_name TEXT NOT NULL, check_id TEXT NOT NULL,
                  kind TEXT NOT NULL, columns TEXT NOT NULL, severity TEXT NOT NULL, dimension TEXT NOT NULL,
                  thresholds TEXT NOT NULL, origin TEXT);
                CREATE TABLE samples (id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, rows TEXT NOT NULL);
                CREATE TABLE results (
                  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  check_ref INTEGER NOT NULL REFERENCES checks(id),
                  check_key TEXT NOT NULL, started_ms INTEGER NOT NULL,
                  status TEXT NOT NULL, rows_checked INTEGER, values_checked INTEGER, violations INTEGER,
                  violation_rate REAL, observed REAL, observed_value TEXT, observed_values TEXT, metrics TEXT NOT NULL,
                  message TEXT NOT NULL, failure_id TEXT, sample INTEGER REFERENCES samples(id),
                  PRIMARY KEY (check_key, started_ms, run, position)) WITHOUT ROWID;
                CREATE UNIQUE INDEX results_by_run ON results(run, position);
                CREATE INDEX results_by_sample ON results(sample) WHERE sample IS NOT NULL;
                CREATE TABLE failures (
                  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL, failure_id TEXT NOT NULL, code TEXT NOT NULL, scope TEXT NOT NULL, table_name TEXT,
                  message TEXT NOT NULL, checks INTEGER NOT NULL,
                  PRIMARY KEY (run, failure_id)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: table scores per run") { db in
            try db.execute(sql: TableScores.createSQL)
            try TableScores.backfill(db)
        }
        // The suites that have runs, and each suite's latest, read from the index alone (the dashboard asks at
        // every page).
        migrator.registerMigration("v3: runs by suite") { db in
            try db.execute(sql: "CREATE INDEX runs_by_suite ON runs(suite, started_at)")
        }
        migrator.registerMigration("v4: incidents and the alert outbox") { db in
            for statement in IncidentTables.statements(text: "TEXT", integer: "INTEGER") { try db.execute(sql: statement) }
        }
        migrator.registerMigration(WatermarkTable.migration) { db in
            for statement in WatermarkTable.statements(text: "TEXT") { try db.execute(sql: statement) }
        }
        migrator.registerMigration(RemediationTables.migration) { db in
            for statement in RemediationTables.statements(text: "TEXT", integer: "INTEGER", real: "REAL") { try db.execute(sql: statement) }
        }
        migrator.registerMigration(LineageTable.migration) { db in
            for statement in LineageTable.statements(text: "TEXT") { try db.execute(sql: statement) }
        }
        migrator.registerMigration(ComplianceIndex.migration) { db in try db.execute(sql: ComplianceIndex.sqlite) }
        return migrator
    }
}
