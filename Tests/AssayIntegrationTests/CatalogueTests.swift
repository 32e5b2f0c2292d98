import AssayTestSupport
import Assay
import Testing

/// Each check kind counts exactly the rows it documents, on a small table whose answers are known.
@Suite("Check catalogue on SQLite")
struct CatalogueTests {
    static let data = """
        CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, email TEXT, kind TEXT, score REAL, born DATE,
                            seen TIMESTAMP, opened DATE, closed DATE, team INTEGER);
        INSERT INTO people VALUES
        (1,'Ann','ann@x.io','a',10,'1990-01-01','2026-11-27 11:00:00','2020-01-01','2021-01-01',1),
        (2,'Bob','bob@x.io','b',20,'1985-06-15','2026-11-20T08:00:00Z','2020-01-01','2019-01-01',1),
        (3,'Cy',NULL,'c',30.5,'2031-01-01','2026-11-27 11:30:00','2020-01-01',NULL,2),
        (4,NULL,'ann@x.io','z',-1,NULL,NULL,NULL,'2020-01-01',9),
        (5,'Dee','not-an-email','a',1000,'1899-12-31','2025-01-01 00:00:00','2022-05-05','2022-05-05',NULL),
        (6,'Eve','eve@x.io',NULL,NULL,'2000-02-29','2026-11-26 12:00:00','2021-01-01','2021-02-01',2);
        CREATE TABLE teams(team_id INTEGER PRIMARY KEY, label TEXT);
        INSERT INTO teams VALUES (1,'one'),(2,'two');
        """

    static let suite = #"""
        tables:
          people:
            checks:
              - not_null: [name, email]
              - unique: email
              - unique: [kind, team]
                id: kind_team
              - regex: {column: email, pattern: '^[a-z]+@[a-z]+\.[a-z]{2,}$'}
              - not_regex: {column: name, pattern: '^[A-Z][a-z]$'}
              - in_set: {column: kind, values: [a, b, c]}
              - not_in_set: {column: kind, values: [z]}
              - between: {column: score, min: 0, max: 100}
              - between: {column: score, min: 10, max: 30.5, strict: true}
                id: score_strict
              - between: {column: born, min: '1900-01-01', max: '2026-11-27'}
              - length_between: {column: name, min: 3, max: 3}
              - row_count: {min: 10}
              - row_count: {min: 1, max: 100}
                id: rows_ok
              - column_exists: email
              - column_exists: phone
              - columns: {expected: [id, name, email, kind, score, born, seen, opened, closed, team], exact: true}
              - freshness: {column: seen, fail: 1h}
              - freshness: {column: seen, fail: 1d, warn: 10m}
                id: fresh_warn
              - references: {column: team, table: teams, key: team_id}
              - column_pair: "closed >= opened"
              - rule: {violation: "score > 25 AND kind IN ('a', 'c')"}
                id: rule_violation
              - rule: {expect: "email LIKE '%@%'"}
                id: rule_expect
              - not_null: email
                id: email_where
                where: "kind = 'c'"
              - not_null: email
                id: email_window
                window: {column: seen, last: 2d}
              - regex: {column: email, pattern: '@x\.io$'}
                id: warn_only
                warn: 0
                fail: 50%
        """#

    static let expected: [(check: String, status: CheckStatus, violations: Int?)] = [
        ("not_null_name", .fail, 1),
        ("not_null_email", .fail, 1),
        ("unique_email", .fail, 1),
        ("kind_team", .pass, 0),
        ("regex_email", .fail, 1),
        ("not_regex_name", .fail, 1),
        ("in_set_kind", .fail, 1),
        ("not_in_set_kind", .fail, 1),
        ("between_score", .fail, 2),
        ("score_strict", .fail, 4),
        ("between_born", .fail, 2),
        ("length_between_name", .fail, 1),
        ("row_count", .fail, nil),
        ("rows_ok", .pass, nil),
        ("column_exists_email", .pass, 0),
        ("column_exists_phone", .fail, 1),
        ("columns_id_name_email_kind_score_born_seen_opened_closed_team", .pass, 0),
        ("freshness_seen", .pass, nil),
        ("fresh_warn", .warn, nil),
        ("references_team", .fail, 1),
        ("column_pair_closed_opened", .fail, 1),
        ("rule_violation", .fail, 2),
        ("rule_expect", .fail, 1),
        ("email_where", .fail, 1),
        ("email_window", .fail, 1),
        ("warn_only", .warn, 1),
    ]

    @Test func everyKindCountsWhatItDocuments() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("p.db"), Self.data)
        let result = try await run(yaml: Self.suite, database: dir.file("p.db"))
        #expect(result.results.count == Self.expected.count)
        for e in Self.expected {
            let r = try #require(result.result("people", e.check), "missing \(e.check)")
            #expect(r.status == e.status, "\(e.check): \(r.message)")
            if let v = e.violations { #expect(r.violations == v, "\(e.check): \(r.message)") }
        }
        #expect(result.result("people", "row_count")?.observed == 6)
        #expect(result.result("people", "email_window")?.rowsChecked == 3)
        #expect(result.result("people", "email_where")?.rowsChecked == 1)
        #expect(result.exitCode == 2)
    }

    @Test func failingRowSamplesAreMaskedAndLimited() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("p.db"), Self.data)
        let result = try await run(yaml: Self.suite, database: dir.file("p.db"))
        let regex = try #require(result.result("people", "regex_email")?.sample)
        #expect(regex.columns == ["id", "email"])
        #expect(regex.rows == [["5", "n***"]])
        let dupes = try #require(result.result("people", "unique_email")?.sample)
        #expect(dupes.rows == [["a***", "2"]])
        #expect(result.result("people", "rows_ok")?.sample == nil)
        let unmasked = try await run(yaml: Self.suite, database: dir.file("p.db"), options: RunOptions(showPII: true))
        #expect(unmasked.result("people", "regex_email")?.sample?.rows == [["5", "not-an-email"]])
    }

    @Test func unknownColumnsAndBadConditionsAreErrorsNotPasses() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("p.db"), Self.data)
        let yaml = """
            tables:
              people:
                checks:
                  - not_null: emial
                  - rule: {violation: "scor > 1"}
                  - between: {column: email, min: 1, max: 2}
                  - references: {column: team, table: nowhere, key: id}
                  - not_null: name
              ghosts:
                checks:
                  - row_count: {min: 1}
            """
        let result = try await run(yaml: yaml, database: dir.file("p.db"))
        let errors = result.results.filter { $0.status == .error }
        #expect(errors.count == 5)
        #expect(result.result("people", "not_null_emial")?.message.contains("did you mean 'email'") == true)
        #expect(result.result("people", "rule_scor")?.message.contains("unknown column 'scor'") == true)
        #expect(result.result("people", "between_email")?.message.contains("cannot compare") == true)
        #expect(result.result("people", "references_team")?.message.contains("'nowhere' does not exist") == true)
        #expect(result.result("ghosts", "row_count")?.message.contains("does not exist") == true)
        #expect(result.result("people", "not_null_name")?.status == .fail)
        #expect(result.exitCode == 3)
    }
}

extension CatalogueTests {
    /// A statement the database rejects (here a view over a dropped table) makes the checks ERROR, naming
    /// the table, the check and SQLite's own message.
    @Test func sqlErrorsAreErrors() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("v.db"), """
            CREATE TABLE base(a INTEGER); CREATE VIEW broken AS SELECT a FROM base; DROP TABLE base;
            CREATE TABLE fine(a INTEGER); INSERT INTO fine VALUES (1);
            """)
        let result = try await run(yaml: """
            tables:
              broken:
                checks:
                  - not_null: a
              fine:
                checks:
                  - not_null: a
            """, database: dir.file("v.db"))
        let broken = try #require(result.result("broken", "not_null_a"))
        #expect(broken.status == .error)
        #expect(broken.message.contains("broken.not_null_a could not run"))
        #expect(broken.message.contains("no such table"), "\(broken.message)")
        #expect(result.result("fine", "not_null_a")?.status == .pass)
        #expect(result.exitCode == 3)
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try "not a database".write(toFile: dir.file("junk.db"), atomically: true, encoding: .utf8)
        #expect(throws: SourceError.self) { try SQLiteSource(path: dir.file("junk.db")) }
        try "tables:\n  t:\n    checks:\n      - row_count: {min: 1}\n".write(toFile: dir.file("s.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", dir.file("s.yml"), "--source", "sqlite:" + dir.file("junk.db")])
        #expect(output.status == 3)
        #expect(output.stderr.contains("junk.db"), "\(output.stderr)")
    }
}
