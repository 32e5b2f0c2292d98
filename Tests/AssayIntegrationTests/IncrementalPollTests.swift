import Assay
import AssayTestSupport
import Foundation
import Testing

/// Incremental polls against a real SQLite file: only the rows past the watermark are checked, ties on the column
/// are never skipped, late rows within the lateness are read once, a batch bounds a poll, a restart resumes from the
/// stored watermark, and the statements grow with the new rows, not the table.
@Suite("Incremental polls")
struct IncrementalPollTests {
    static func suite(_ incremental: String) throws -> Suite {
        try SuiteLoader(environment: [:]).parse("""
            name: poll
            tables:
              tx:
                incremental: \(incremental)
                checks:
                  - rule: {violation: "amount <= 0"}
                    id: positive
                  - not_null: email
                  - unique: email
            """, file: "poll.yml")
    }

    /// The poll job's part of the suite: the row checks of `tx`.
    static func rowChecks(_ suite: Suite) -> PreparedSuite {
        var part = suite
        part.tables[0].checks = part.tables[0].checks.filter(\.kind.judgedRowByRow)
        return PreparedSuite(part)
    }

    static let schema = "CREATE TABLE tx(id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, amount REAL, email TEXT);"

    static func violations(_ poll: PollResult, _ id: String) -> Int? {
        poll.result?.results.first { $0.check == id }?.violations
    }

    @Test("start at the latest row; then only new rows, ties on the timestamp included, each counted once")
    func tiesAndNewRows() async throws {
        let db = try TestDatabase(Self.schema + """
            INSERT INTO tx VALUES (1, '2026-12-01 10:00:00', -5, NULL), (2, '2026-12-01 10:00:05', 3, 'a@x');
            """)
        defer { db.remove() }
        let log = StatementLog()
        let engine = RunEngine(source: try db.source(trace: log.trace))
        let suite = try Self.suite("{column: created_at}")
        var prepared = Self.rowChecks(suite)
        var mark = Watermark()
        var poll = await engine.poll(&prepared, table: "tx", watermark: mark)
        #expect(poll.result == nil && poll.watermark.started && poll.watermark.high == .text("2026-12-01 10:00:05"),
                "the first poll takes the newest row as its start and checks nothing: \(poll.watermark)")
        mark = poll.watermark
        // Rows tied with the watermark's value, written after it was taken, and a later bad one.
        try db.execute("""
            INSERT INTO tx VALUES (3, '2026-12-01 10:00:05', -1, 'b@x'), (4, '2026-12-01 10:00:05', 2, NULL),
                                  (5, '2026-12-01 10:00:09', 0, 'c@x');
            """)
        log.clear()
        poll = await engine.poll(&prepared, table: "tx", watermark: mark)
        #expect(poll.rows == 3, "rows 3, 4 (tied) and 5; not row 2 again")
        #expect(Self.violations(poll, "positive") == 2 && Self.violations(poll, "not_null_email") == 1)
        #expect(poll.result?.results.first?.rowsChecked == 3)
        #expect(poll.firstBadRow.values.min() == ISO8601DateFormatter().date(from: "2026-12-01T10:00:05Z"),
                "detection is timed from the oldest bad row: \(poll.firstBadRow)")
        #expect(poll.result?.results.contains { $0.check == "unique_email" } == false, "only the row checks are polled")
        let checked = log.dataReads.filter { $0.contains("IN (") && !$0.contains("NOT IN") }
        #expect(checked.count == 5 && checked.allSatisfy { $0.contains("\"id\" IN (?, ?, ?)") },
                "the scan, two samples and two oldest-bad-row reads, each over exactly the 3 new rows: \(checked)")
        mark = poll.watermark
        poll = await engine.poll(&prepared, table: "tx", watermark: mark)
        #expect(poll.result == nil && poll.rows == 0, "nothing new: nothing judged")
        try db.execute("INSERT INTO tx VALUES (6, '2026-12-01 10:00:09', 1, 'd@x')")
        poll = await engine.poll(&prepared, table: "tx", watermark: poll.watermark)
        #expect(poll.rows == 1 && Self.violations(poll, "positive") == 0, "a tie with the newest value, alone")
        #expect(poll.watermark.rowsChecked == 4)
    }

    @Test("a row arriving late within the lateness is checked once; one later than that is not read")
    func lateness() async throws {
        let db = try TestDatabase(Self.schema + "INSERT INTO tx VALUES (1, '2026-12-01 10:00:00', 1, 'a@x');")
        defer { db.remove() }
        let engine = RunEngine(source: try db.source())
        var prepared = Self.rowChecks(try Self.suite("{column: created_at, lateness: 30s, start: earliest}"))
        var poll = await engine.poll(&prepared, table: "tx", watermark: Watermark())
        #expect(poll.rows == 1, "start: earliest reads the table from its first row")
        try db.execute("INSERT INTO tx VALUES (2, '2026-12-01 10:01:00', 1, 'b@x')")
        poll = await engine.poll(&prepared, table: "tx", watermark: poll.watermark)
        #expect(poll.rows == 1)
        // Late: dated 20 s before the newest checked row (within 30 s), and 90 s before (beyond).
        try db.execute("INSERT INTO tx VALUES (3, '2026-12-01 10:00:40', -1, 'c@x'), (4, '2026-12-01 09:59:30', -1, 'd@x')")
        poll = await engine.poll(&prepared, table: "tx", watermark: poll.watermark)
        #expect(poll.rows == 1 && Self.violations(poll, "positive") == 1, "only the row within the lateness, and rows 1-2 not again")
        poll = await engine.poll(&prepared, table: "tx", watermark: poll.watermark)
        #expect(poll.rows == 0, "nothing is counted twice")
        #expect(poll.watermark.counted.map(\.key).sorted { "\($0)" < "\($1)" } == [.integer(2), .integer(3)],
                "the watermark remembers only the rows within the lateness of its newest value")
    }

    @Test("a batch bounds a poll; the rest follow in the next polls; the statements grow with the batch, not the table")
    func batches() async throws {
        let rows = (1...2_000).map { "(\($0), datetime('2026-12-01 10:00:00', '+\($0) seconds'), \($0 % 100 == 0 ? -1 : 1), 'e@x')" }
        let db = try TestDatabase(Self.schema)
        defer { db.remove() }
        try db.execute("INSERT INTO tx VALUES " + rows.joined(separator: ", "))
        let log = StatementLog()
        let engine = RunEngine(source: try db.source(trace: log.trace))
        var prepared = Self.rowChecks(try Self.suite("{column: created_at, batch: 500, start: earliest}"))
        var mark = Watermark()
        var seen: [Int] = []
        var bad = 0
        for _ in 0..<5 {
            log.clear()
            let poll = await engine.poll(&prepared, table: "tx", watermark: mark)
            seen.append(poll.rows)
            #expect(poll.full == (poll.rows == 500), "a full batch says more may wait")
            bad += Self.violations(poll, "positive") ?? 0
            mark = poll.watermark
            for sql in log.dataReads where sql.contains(" IN (") && !sql.contains("NOT IN") {
                #expect(sql.components(separatedBy: ",").count <= 500 + 10, "one poll binds at most its batch")
            }
        }
        #expect(seen == [500, 500, 500, 500, 0], "\(seen)")
        #expect(bad == 20 && mark.rowsChecked == 2_000, "every row once: 20 bad rows of 2000")
    }

    @Test("the watermark survives a restart in the store; a table without a key, or an unknown column, is a clear ERROR")
    func restartAndErrors() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = try TestDatabase(Self.schema + "INSERT INTO tx VALUES (1, '2026-12-01 10:00:00', 1, 'a@x');")
        defer { db.remove() }
        let engine = RunEngine(source: try db.source())
        var prepared = Self.rowChecks(try Self.suite("{column: created_at}"))
        let first = await engine.poll(&prepared, table: "tx", watermark: Watermark())
        let store = try SQLiteStore(path: dir.file("assay.db"))
        try await store.save(first.watermark, suite: "poll", table: "tx")
        try db.execute("INSERT INTO tx VALUES (2, '2026-12-01 10:00:00', -1, 'b@x')")
        // A new process: a fresh prepared suite and the watermark from the store.
        let restored = try #require(try await SQLiteStore(path: dir.file("assay.db")).watermark(suite: "poll", table: "tx"))
        #expect(restored == first.watermark)
        var fresh = Self.rowChecks(try Self.suite("{column: created_at}"))
        let resumed = await engine.poll(&fresh, table: "tx", watermark: restored)
        #expect(resumed.rows == 1 && Self.violations(resumed, "positive") == 1, "row 2 (a tie), and not row 1 again")

        let keyless = try TestDatabase("CREATE TABLE tx(created_at TIMESTAMP, amount REAL, email TEXT); INSERT INTO tx VALUES ('2026-12-01', 1, 'a');")
        defer { keyless.remove() }
        var noKey = Self.rowChecks(try Self.suite("{column: created_at}"))
        let refused = await RunEngine(source: try keyless.source()).poll(&noKey, table: "tx", watermark: Watermark())
        let results = try #require(refused.result?.results)
        #expect(results.allSatisfy { $0.status == .error } && refused.watermark == Watermark())
        #expect(results.first?.message.contains("no primary key") == true && results.first?.message.contains("key: COLUMN") == true,
                "\(results.first?.message ?? "")")
        var text = Self.rowChecks(try Self.suite("{column: email}"))
        let unordered = await engine.poll(&text, table: "tx", watermark: Watermark())
        #expect(unordered.result?.results.first?.message.contains("must be a number, date or timestamp column") == true,
                "\(unordered.result?.results.first?.message ?? "")")
        var unknown = Self.rowChecks(try Self.suite("{column: created_on}"))
        let missing = await engine.poll(&unknown, table: "tx", watermark: Watermark())
        #expect(missing.result?.results.first?.message.contains("'created_on' is not a column of 'tx'") == true,
                "\(missing.result?.results.first?.message ?? "")")
    }
}
