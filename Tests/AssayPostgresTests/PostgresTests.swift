import AssayDemo
import Assay
import AssayConformance
import Foundation
import GRDB
import Testing

/// Everything that talks to the real server, in one serialized suite: the restart test must not cut
/// another test's connection.
@Suite("PostgreSQL", .serialized)
struct PostgresTests {
    static let now = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 12 * 3600)

    @Test("the demo gives identical results on SQLite and PostgreSQL, check by check")
    func parityWithSQLite() async throws {
        let dir = NSTemporaryDirectory() + "assay-parity-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = DemoFiles(directory: dir)
        let manifest = try files.write(scale: 2, now: Self.now)
        _ = try await PostgresLoader(url: PostgresTestServer.url()).load(sqlitePath: files.databasePath, tables: DemoGenerator.tableNames)
        let suite = try SuiteLoader(environment: [:]).load(path: files.suitePath)
        let sqlite = await RunEngine(source: try SQLiteSource(path: files.databasePath), clock: FixedClock(Self.now)).run(suite)
        let postgres = await RunEngine(source: try PostgresSource(url: PostgresTestServer.url()), clock: FixedClock(Self.now)).run(suite)
        #expect(postgres.count(.error) == 0, "\(postgres.results.filter { $0.status == .error }.map(\.message))")
        #expect(sqlite.results.count == postgres.results.count)
        for (a, b) in zip(sqlite.results, postgres.results) {
            #expect(a.check == b.check)
            #expect(a.status == b.status, "\(a.table).\(a.check): SQLite \(a.status) \(a.message) / PostgreSQL \(b.status) \(b.message)")
            #expect(a.violations == b.violations, "\(a.table).\(a.check)")
            #expect(a.rowsChecked == b.rowsChecked, "\(a.table).\(a.check)")
        }
        #expect(DemoVerification.mismatches(postgres, manifest: manifest) == [])
        #expect(sqlite.scorecards == postgres.scorecards)
        // Duplicate samples come with the grouped count, masked, most repeated first.
        let dupes = try #require(postgres.result("customers", "c_email_unique")?.sample)
        #expect(dupes.columns == ["email", "occurrences"])
        #expect((1...5).contains(dupes.rows.count))
        #expect(dupes.rows.allSatisfy { ($0[0] ?? "").hasSuffix("***") && Int($0[1] ?? "0")! >= 2 })
    }

    @Test("constraints prove checks without a scan; an unvalidated foreign key proves nothing")
    func constraintsProveChecks() async throws {
        try await PostgresTestServer.execute([
            "DROP TABLE IF EXISTS proof_child, proof_parent CASCADE",
            "CREATE TABLE proof_parent(id integer PRIMARY KEY, code text UNIQUE, name text NOT NULL)",
            "CREATE TABLE proof_child(id integer PRIMARY KEY, parent_id integer REFERENCES proof_parent(id), other_id integer)",
            "ALTER TABLE proof_child ADD CONSTRAINT loose FOREIGN KEY (other_id) REFERENCES proof_parent(id) NOT VALID",
            "INSERT INTO proof_parent VALUES (1, 'a', 'x'), (2, 'b', 'y')",
            "INSERT INTO proof_child VALUES (1, 1, 1), (2, 2, 2), (3, NULL, NULL)",
        ])
        let result = try await runSuite("""
            tables:
              proof_parent:
                checks:
                  - unique: id
                  - unique: code
                  - unique: [code, name]
                  - not_null: name
                  - not_null: code
              proof_child:
                checks:
                  - references: {column: parent_id, table: proof_parent, key: id}
                  - references: {column: other_id, table: proof_parent, key: id}
            """, source: PostgresTestServer.url())
        for check in ["unique_id", "unique_code", "unique_code_name", "not_null_name"] {
            let r = try #require(result.result("proof_parent", check))
            #expect(r.status == .pass && r.message.contains("proven by"), "\(check): \(r.message)")
        }
        #expect(result.result("proof_parent", "not_null_code")?.message.contains("proven") == false)
        #expect(result.result("proof_child", "references_parent_id")?.message.contains("FOREIGN KEY") == true)
        let loose = try #require(result.result("proof_child", "references_other_id"))
        #expect(loose.status == .pass && !loose.message.contains("proven"))
    }

    struct Fault: Sendable, CustomStringConvertible {
        var name: String
        var url: @Sendable () -> String
        var table = "fault_small"
        var column = "n"
        var expected: String
        var description: String { name }
    }

    static let faults: [Fault] = [
        Fault(name: "unreachable host", url: { "postgres://assay:assay@127.0.0.1:1/assay_test?sslmode=disable&connect_timeout=2s" },
              expected: "cannot connect to PostgreSQL at 127.0.0.1:1"),
        Fault(name: "wrong password", url: { PostgresTestServer.url().replacingOccurrences(of: "assay:assay@", with: "assay:wrong@") },
              expected: "refused the login of 'assay'"),
        Fault(name: "missing database", url: { PostgresTestServer.url().replacingOccurrences(of: "/assay_test?", with: "/no_such_db?") },
              expected: "database 'no_such_db' does not exist"),
        Fault(name: "missing table", url: { PostgresTestServer.url() }, table: "no_such_table", expected: "table 'no_such_table' does not exist"),
        Fault(name: "missing column", url: { PostgresTestServer.url() }, column: "nn", expected: "unknown column 'nn'"),
        Fault(name: "permission denied", url: { PostgresTestServer.url("ASSAY_TEST_POSTGRES_NOACCESS_URL") },
              expected: "permission denied for table fault_small"),
        Fault(name: "TLS required but not offered", url: { PostgresTestServer.url().replacingOccurrences(of: "sslmode=disable", with: "sslmode=require") },
              expected: "does not support TLS"),
        Fault(name: "statement timeout", url: { PostgresTestServer.url() + "&statement_timeout=20ms" }, table: "fault_big",
              expected: "statement timeout"),
    ]

    @Test("faults give ERROR naming the cause, quickly", arguments: faults)
    func faultsAreErrors(_ fault: Fault) async throws {
        try await Self.faultTables()
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await runSuite("""
            tables:
              \(fault.table):
                checks:
                  - not_null: \(fault.column)
                  - rule: {violation: "CAST(\(fault.column) AS text) ~ '^(1|22|333)+$'"}
            """, source: fault.url())
        #expect(clock.now - started < .seconds(10))
        #expect(result.results.count == 2)
        // A fault of the whole source is reported once for the run; the others in each check's message.
        for r in result.results {
            #expect(r.status == .error)
            #expect((result.sourceFailure.map(\.message) ?? r.message).contains(fault.expected), "\(r.message)")
            #expect(r.failure != nil)
            #expect((r.failure?.id == "source") == (result.sourceFailure != nil))
        }
        #expect(result.exitCode == 3)
    }

    @Test func misspeltURLParametersAreRefused() {
        #expect(throws: SourceError.self) { try PostgresSource(url: "postgres://a@localhost/db?sslmod=require") }
        #expect(throws: SourceError.self) { try PostgresSource(url: "postgres://a@localhost/db?statement_timeout=soon") }
    }

    static func faultTables() async throws {
        try await PostgresTestServer.execute([
            "CREATE TABLE IF NOT EXISTS fault_small(n integer)",
            "CREATE TABLE IF NOT EXISTS fault_big(n integer)",
            "INSERT INTO fault_small SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM fault_small)",
            "INSERT INTO fault_big SELECT g FROM generate_series(1, 3000000) g WHERE NOT EXISTS (SELECT 1 FROM fault_big)",
        ])
    }
}

extension PostgresTests {
    @Test("statistics, sets, orders, formats and multi-column checks answer as on SQLite")
    func distributionParity() async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        let sql = try String(contentsOf: fixtures.appendingPathComponent("distribution.sql"), encoding: .utf8)
        let yaml = try String(contentsOf: fixtures.appendingPathComponent("distribution.yml"), encoding: .utf8)
        // One statement per message: the extended protocol runs a single statement at a time.
        let statements = sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            .split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try await PostgresTestServer.execute(["DROP TABLE IF EXISTS m"] + statements)
        let dir = NSTemporaryDirectory() + "assay-distribution-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = (dir as NSString).appendingPathComponent("m.db")
        let queue = try DatabaseQueue(path: database)
        try await queue.write { db in try db.execute(sql: sql) }
        let suite = try SuiteLoader(environment: [:]).parse(yaml, file: "distribution.yml")
        let sqlite = await RunEngine(source: try SQLiteSource(path: database), clock: FixedClock(Self.now)).run(suite)
        let postgres = try await runSuite(yaml, source: PostgresTestServer.url(), now: Self.now)
        try await PostgresTestServer.execute(["DROP TABLE m"])
        #expect(postgres.count(.error) == 0, "\(postgres.results.filter { $0.status == .error }.map(\.message))")
        #expect(sqlite.results.count == postgres.results.count)
        for (lite, pg) in zip(sqlite.results, postgres.results) {
            #expect(lite.check == pg.check)
            #expect(lite.status == pg.status, "\(pg.check): SQLite \(lite.message), PostgreSQL \(pg.message)")
            #expect(lite.violations == pg.violations, "\(pg.check)")
            #expect(abs((lite.observed ?? 0) - (pg.observed ?? 0)) < 1e-9, "\(pg.check): \(String(describing: lite.observed)) vs \(String(describing: pg.observed))")
            if lite.kind != .columnType { #expect(lite.observedValues == pg.observedValues, "\(pg.check)") }
        }
    }

    @Test("Great Expectations' own cases agree on PostgreSQL")
    func conformance() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cases = try ConformanceCase.load(path: ConformanceCase.casesPath(repository: root))
        let report = try await ConformanceRunner(backend: .postgresql, postgresURL: PostgresTestServer.url()).run(cases)
        print(report.table())
        let ran = report.summary(.gxRan)
        #expect(ran.cases >= 200)
        #expect(ran.agreement >= 0.98, "\(report.outcomes.filter { $0.outcome == .disagree }.map { "\($0.id): \($0.reason)" })")
        let apart = report.summary(.gxNeverRan)
        #expect(apart.cases >= 10 && apart.agree + apart.disagree == apart.cases)
    }

    @Test("GX's cases outside the shared file agree on PostgreSQL")
    func heldOutConformance() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cases = try ConformanceCase.load(path: ConformanceCase.heldOutPath(repository: root))
        let report = try await ConformanceRunner(backend: .postgresql, postgresURL: PostgresTestServer.url()).run(cases)
        print(report.table())
        let ran = report.summary(.gxRan)
        #expect(ran.cases >= 190)
        #expect(ran.agreement >= 0.98, "\(report.outcomes.filter { $0.outcome == .disagree }.map { "\($0.id): \($0.reason)" })")
        // An empty regex, a null or empty value set (`IN ()` is not PostgreSQL), columns, value pairs.
        for suffix in ["match_regex:19", "not_match_regex:11", "distinct_values_to_be_in_set:1", "to_match_set:10",
                       "to_match_ordered_list:5", "quantile_values_to_be_between:4", "min_to_be_between:7", "pair_values_to_be_in_set:2"] {
            let outcome = try #require(report.outcomes.first { $0.id.hasSuffix("_" + suffix) }, "\(suffix)")
            #expect(outcome.outcome == .agree, "\(outcome.id): \(outcome.reason)")
        }
    }

    @Test func oneSourceRunsManyTimes() async throws {
        try await Self.faultTables()
        let suite = try SuiteLoader(environment: [:]).parse("tables:\n  fault_small:\n    checks:\n      - not_null: n\n", file: "t.yml")
        let runner = RunEngine(source: try PostgresSource(url: PostgresTestServer.url()))
        let plans = await runner.prepare(suite).plans
        #expect(plans.first?.invalidChecks.isEmpty == true)
        for _ in 0..<3 {
            #expect(await runner.run(suite).results.first?.status == .pass)
        }
    }

    @Test("a service holds one pool open across runs; a schema change reaches the next run")
    func onePoolAcrossRunsAndSchemaVersions() async throws {
        try await PostgresTestServer.execute(["DROP TABLE IF EXISTS pool_runs", "CREATE TABLE pool_runs(id int PRIMARY KEY, v text)",
                                              "INSERT INTO pool_runs VALUES (1, 'a'), (2, NULL)"])
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              pool_runs:
                checks:
                  - not_null: v
                  - column_exists: w
            """, file: "p.yml")
        let source = try PostgresSource(url: PostgresTestServer.url())
        let engine = RunEngine(source: source)
        // The schema version is one short statement, and it changes with the columns.
        let versions = await source.open { () -> [String?] in
            let before = try? await source.schemaVersion(of: ["pool_runs"])
            try? await PostgresTestServer.execute(["ALTER TABLE pool_runs ADD COLUMN scratch int"])
            let after = try? await source.schemaVersion(of: ["pool_runs"])
            try? await PostgresTestServer.execute(["ALTER TABLE pool_runs DROP COLUMN scratch"])
            return [before ?? nil, after ?? nil]
        }
        #expect(versions[0] != nil && versions[1] != nil && versions[0] != versions[1], "\(versions)")
        let statuses = await source.open {
            var prepared = PreparedSuite(suite)
            var seen: [[CheckStatus]] = []
            for run in 0..<20 {
                if run == 10 { try? await PostgresTestServer.execute(["ALTER TABLE pool_runs ADD COLUMN w int"]) }
                seen.append(await engine.run(&prepared).results.map(\.status))
            }
            return seen
        }
        #expect(source.poolsOpened == 2, "one pool for the version probe above, one for the twenty runs")
        #expect(statuses.prefix(10).allSatisfy { $0 == [.fail, .fail] }, "\(statuses)")
        #expect(statuses.suffix(10).allSatisfy { $0 == [.fail, .pass] }, "\(statuses)")
        try await PostgresTestServer.execute(["DROP TABLE pool_runs"])
    }
}
