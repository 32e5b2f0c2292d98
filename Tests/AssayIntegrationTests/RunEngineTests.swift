import Assay
import AssayTestSupport
import Foundation
import Synchronization
import Testing

/// The run engine as a Swift service uses it: one source kept open, a prepared suite reused run after run, a clock
/// the test controls, and an observer that hears each table before the run returns.
@Suite("The run engine")
struct RunEngineTests {
    static let start = CivilDateTime(date: CivilDate(year: 2026, month: 12, day: 1), secondOfDay: 12 * 3600)

    static let schema = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT, created_at TEXT);
        INSERT INTO customers VALUES (1, 'a@x.example', '2026-12-01 11:50:00'), (2, NULL, '2026-12-01 11:55:00'),
                                     (3, 'c@x.example', '2026-11-30 09:00:00');
        CREATE TABLE accounts(account_id INTEGER PRIMARY KEY, customer_id INTEGER, balance REAL);
        INSERT INTO accounts VALUES (10, 1, 5.0), (11, 2, -3.0), (12, 9, 7.5);
        """

    static let suite = """
        name: service
        tables:
          customers:
            checks:
              - not_null: email
              - row_count: {min: 1}
              - not_null: email
                id: recent_email
                window: {column: created_at, last: 1h}
          accounts:
            checks:
              - between: {column: balance, min: 0}
              - references: {column: customer_id, table: customers, key: customer_id}
        """

    /// Collects what the engine reports, in order.
    actor Recorder: RunObserver {
        var events: [String] = []
        var tables: [TableResult] = []

        func runStarted(_ run: RunInfo) { events.append("started \(run.id)") }
        func tableFinished(_ table: TableResult, of run: RunInfo) {
            events.append("table \(table.table)")
            tables.append(table)
        }
        func runFinished(_ result: SuiteResult) { events.append("finished \(result.runID)") }
    }

    @Test("a service embeds the library: one open source, a prepared suite, a controlled clock, an observer")
    func aServiceRunsASuiteAgainAndAgain() async throws {
        let db = try TestDatabase(Self.schema)
        defer { db.remove() }
        let log = StatementLog()
        let clock = ManualClock(Self.start)
        let recorder = Recorder()
        let engine = RunEngine(source: try db.source(trace: log.trace), clock: clock)
        let suite = try SuiteLoader(environment: [:]).parse(Self.suite, file: "service.yml")
        let results = await engine.source.open {
            var prepared = PreparedSuite(suite)
            var results: [SuiteResult] = []
            for _ in 0..<3 {
                results.append(await engine.run(&prepared, context: RunContext(observer: recorder)))
                clock.advance(by: 30 * 60)
            }
            return results
        }
        // Each run has its own time-ordered id, starts at the clock's instant and is heard in full before it returns.
        #expect(Set(results.map(\.runID)).count == 3)
        #expect(results.map(\.runID) == results.map(\.runID).sorted())
        #expect(results.map(\.startedAt) == (0..<3).map { Date(timeIntervalSince1970: Self.start.epochSeconds + Double($0) * 1800) })
        let events = await recorder.events
        #expect(events.count == 3 * 4)
        for (i, run) in results.enumerated() {
            let mine = Array(events[(i * 4)..<(i * 4 + 4)])
            #expect(mine.first == "started \(run.runID)")
            #expect(mine.last == "finished \(run.runID)")
            #expect(Set(mine[1...2]) == ["table customers", "table accounts"])
        }
        let tables = await recorder.tables
        #expect(tables.first { $0.table == "accounts" }?.results.map(\.status) == [.fail, .fail])
        // The window moves with the clock: two rows in the hour before 12:00 and before 12:30, none before 13:00.
        #expect(results.map { $0.result("customers", "recent_email")?.rowsChecked } == [2, 2, 0])
        #expect(results.map { $0.result("customers", "not_null_email")?.violations } == [1, 1, 1])
        // The catalogue was read by the first run only.
        #expect(log.catalogueReads.count == 2, "\(log.catalogueReads.joined(separator: "\n"))")
    }

    @Test("a second run of a prepared suite sends no catalogue query; a schema change makes the next run read it")
    func aPreparedSuiteSkipsTheCatalogueUntilTheSchemaChanges() async throws {
        let db = try TestDatabase(Self.schema)
        defer { db.remove() }
        let log = StatementLog()
        let engine = RunEngine(source: try db.source(trace: log.trace), clock: FixedClock(Self.start))
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              customers:
                checks:
                  - not_null: email
                  - column_exists: phone
            """, file: "s.yml")
        var prepared = await engine.prepare(suite)
        #expect(prepared.isPrepared)
        #expect(!log.catalogueReads.isEmpty)
        log.clear()
        let first = await engine.run(&prepared)
        #expect(log.catalogueReads.isEmpty, "\(log.catalogueReads)")
        #expect(log.all.contains { $0.uppercased().contains("PRAGMA SCHEMA_VERSION") })
        #expect(first.result("customers", "column_exists_phone")?.status == .fail)
        try db.execute("ALTER TABLE customers ADD COLUMN phone TEXT")
        log.clear()
        let second = await engine.run(&prepared)
        #expect(!log.catalogueReads.isEmpty, "the new column was not read")
        #expect(second.result("customers", "column_exists_phone")?.status == .pass)
        log.clear()
        _ = await engine.run(&prepared)
        #expect(log.catalogueReads.isEmpty)
    }

    @Test("a check keeps its key when only its limits, severity or description change")
    func checkKeysSurviveEditsOfLimits() throws {
        func key(_ check: String, table: String = "customers") throws -> (CheckKey, CheckFingerprint) {
            let suite = try SuiteLoader(environment: [:]).parse("tables:\n  \(table):\n    checks:\n      - \(check)\n", file: "k.yml")
            let spec = suite.tables[0]
            return (spec.checks[0].key(in: spec), CheckFingerprint(spec.checks[0], in: spec))
        }
        let base = try key("{rule: {violation: \"balance < 0\"}, warn: 1%, fail: 5%}")
        let edited = try key("{rule: {violation: \"balance < 0\"}, warn: 2%, fail: 10%, severity: CRITICAL, description: owed}")
        let reformatted = try key("{rule: {violation: \"balance   <  0\"}}")
        let otherCondition = try key("{rule: {violation: \"balance < 1\"}}")
        let otherTable = try key("{rule: {violation: \"balance < 0\"}}", table: "accounts")
        let filtered = try key("{rule: {violation: \"balance < 0\"}, where: \"balance > 100\"}")
        #expect(base.0 == edited.0)
        #expect(base.1 != edited.1)
        #expect(base.0 == reformatted.0)
        #expect(base.0 != otherCondition.0)
        #expect(base.0 != otherTable.0)
        #expect(base.0 != filtered.0)
        // Any change of a limit changes the fingerprint, however small.
        #expect(try key("{not_null: email, fail: 0.00001%}").1 != key("{not_null: email, fail: 0.00002%}").1)
        #expect(try key("{mean: {column: balance, min: 1.000001}}").1 != key("{mean: {column: balance, min: 1.000002}}").1)
        #expect(base.0.rawValue.hasPrefix("customers.rule_balance."), "\(base.0)")
        let explicit = try key("{not_null: email, id: CUST_001}")
        #expect(explicit.0.rawValue == "customers.CUST_001")
        // The key is derived from text, not from memory addresses or Swift's hashing: the same in every process and
        // version (the value docs/results.md shows; a change of it would orphan every stored history).
        #expect(try key("{not_null: email}").0.rawValue == "customers.not_null_email.ff66423b")
    }

    @Test("the JSON report reads back into the same result")
    func theJSONReportRoundTrips() async throws {
        let db = try TestDatabase(Self.schema)
        defer { db.remove() }
        let suite = try SuiteLoader(environment: [:]).parse(Self.suite + """

                  - max: {column: balance, max: 5}
                  - not_null: no_such_column
              missing_table:
                checks:
                  - not_null: x
            """, file: "r.yml")
        let result = await RunEngine(source: try db.source(), clock: FixedClock(Self.start)).run(suite)
        #expect(result.results.contains { $0.sample != nil })
        #expect(result.failures.map(\.id).sorted() == ["check:\(try #require(result.result("accounts", "not_null_no_such_column")).key)", "table:missing_table"])
        let text = JSONReport().render(result)
        let read = try JSONReport.read(text)
        #expect(JSONReport().render(read) == text)
        #expect(read.runID == result.runID)
        #expect(read.startedAt == result.startedAt)
        #expect(read.failures == result.failures)
        #expect(read.results.map(\.key) == result.results.map(\.key))
        #expect(read.results.map(\.thresholds) == result.results.map(\.thresholds))
        #expect(read.results.map(\.failure) == result.results.map(\.failure))
        #expect(read.results.map(\.sample) == result.results.map(\.sample))
        #expect(read.scorecards == result.scorecards)
        #expect(read.results.map { $0.metrics.keys.sorted() } == result.results.map { $0.metrics.keys.sorted() })
    }

    @Test("one cause is one failure, whatever number of checks it stops")
    func aCauseIsRecordedOnce() async throws {
        let db = try TestDatabase(Self.schema)
        defer { db.remove() }
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              gone:
                checks:
                  - not_null: a
                  - not_null: b
                  - unique: c
            """, file: "f.yml")
        let result = await RunEngine(source: try db.source()).run(suite)
        #expect(result.failures.count == 1)
        let failure = try #require(result.failures.first)
        #expect(failure.id == "table:gone")
        #expect(failure.code == .missingTable)
        #expect(failure.checks == 3)
        #expect(result.results.allSatisfy { $0.failure == failure.reference && $0.status == .error })
        #expect(TextReport().render(result).components(separatedBy: failure.message).count - 1 == 4,
                "the cause once in the failures list and once per check line")
    }

    @Test("a run's deadline stops it: statements in flight are cancelled, later ones not sent")
    func theDeadlineEndsARun() async throws {
        let db = try TestDatabase("""
            CREATE TABLE big(n INTEGER);
            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 3000000) INSERT INTO big SELECT n FROM g;
            CREATE TABLE small(n INTEGER);
            """)
        defer { db.remove() }
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              big:
                checks:
                  - rule: {violation: "CAST(n * 7 AS text) LIKE '%12345%' OR UPPER(CAST(n AS text)) LIKE '%999999%'"}
              small:
                checks:
                  - not_null: n
            """, file: "d.yml")
        let log = StatementLog()
        let result = await RunEngine(source: try db.source(connections: 1, trace: log.trace))
            .run(suite, context: RunContext(deadline: .milliseconds(50), maxConcurrentTables: 1))
        let big = try #require(result.result("big", "rule_n"))
        #expect(big.status == .error)
        #expect(big.failure?.code == .deadlineExceeded, "\(big.message)")
        #expect(result.failures.first?.scope == .run)
        // The table after the deadline was never asked.
        #expect(!log.dataReads.contains { $0.contains("\"small\"") }, "\(log.dataReads)")
        #expect(result.result("small", "not_null_n")?.failure?.id == "deadline")
    }

    @Test("at most maxConcurrentTables tables are checked at once")
    func concurrencyIsBounded() async throws {
        let db = try TestDatabase((1...6).map { "CREATE TABLE t\($0)(n INTEGER); INSERT INTO t\($0) VALUES (1), (NULL);" }.joined())
        defer { db.remove() }
        let suite = try SuiteLoader(environment: [:]).parse(
            "tables:\n" + (1...6).map { "  t\($0):\n    checks:\n      - not_null: n\n" }.joined(), file: "c.yml")
        for limit in [1, 2] {
            let source = InFlight(try db.source(connections: 4))
            let result = await RunEngine(source: source).run(suite, context: RunContext(maxConcurrentTables: limit))
            #expect(result.count(.fail) == 6)
            #expect(source.peak <= limit, "limit \(limit): \(source.peak) tables at once")
        }
    }

    /// A real SQLite source that counts the statements in flight.
    final class InFlight: DataSource {
        let base: SQLiteSource
        private let state = Mutex((now: 0, peak: 0))
        init(_ base: SQLiteSource) { self.base = base }
        var peak: Int { state.withLock { $0.peak } }
        var dialect: any SQLDialect { base.dialect }
        var displayName: String { base.displayName }
        func schema(of table: String) async throws(SourceError) -> TableSchema? { try await base.schema(of: table) }
        func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue] {
            state.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            defer { state.withLock { $0.now -= 1 } }
            try? await Task.sleep(for: .milliseconds(20))
            return try await base.fetchOne(sql)
        }
        func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]] {
            try await base.fetchAll(sql, limit: limit)
        }
    }
}
