import Assay
import Foundation
import Testing

/// Incremental polls against the real PostgreSQL server: typed timestamps with microseconds (ties included), late
/// rows within the lateness counted once, a number column as the watermark, text keys, and the watermark kept in a
/// PostgreSQL store.
@Suite("Incremental polls on PostgreSQL")
struct IncrementalPostgresTests {
    static func prepared(_ table: String, _ incremental: String, key: String = "id") throws -> PreparedSuite {
        var suite = try SuiteLoader(environment: [:]).parse("""
            name: pgpoll
            tables:
              \(table):
                incremental: \(incremental)
                checks:
                  - rule: {violation: "amount <= 0"}
                    id: positive
                  - not_null: note
            """, file: "pgpoll.yml")
        suite.tables[0].checks = suite.tables[0].checks.filter(\.kind.judgedRowByRow)
        return PreparedSuite(suite)
    }

    static func bad(_ poll: PollResult) -> Int? { poll.result?.results.first { $0.check == "positive" }?.violations }

    @Test("timestamps with microseconds: ties across polls, late rows within the lateness, each row once")
    func timestamps() async throws {
        let table = "inc_tx_" + UUID().uuidString.prefix(8).lowercased()
        try await PostgresTestServer.execute([
            "CREATE TABLE \(table) (id bigint PRIMARY KEY, created_at timestamp NOT NULL, amount numeric, note text)",
            "CREATE INDEX ON \(table) (created_at)",
            "INSERT INTO \(table) VALUES (1, '2026-12-01 10:00:00.123456', 1, 'a'), (2, '2026-12-01 10:00:00.123456', -1, 'b')",
        ])
        defer { Task { try? await PostgresTestServer.execute(["DROP TABLE \(table)"]) } }
        let engine = RunEngine(source: try PostgresSource(url: PostgresTestServer.url()))
        var prepared = try Self.prepared(table, "{column: created_at, lateness: 10s, start: earliest}")
        var poll = await engine.poll(&prepared, table: table, watermark: Watermark())
        #expect(poll.rows == 2 && Self.bad(poll) == 1, "\(poll.result?.results.map(\.message) ?? [])")
        try await PostgresTestServer.execute([
            "INSERT INTO \(table) VALUES (3, '2026-12-01 10:00:00.123456', -2, NULL)",     // a tie with the newest
            "INSERT INTO \(table) VALUES (4, '2026-12-01 09:59:55', -3, 'late, within 10 s')",
            "INSERT INTO \(table) VALUES (5, '2026-12-01 09:59:00', -4, 'too late')",
        ])
        poll = await engine.poll(&prepared, table: table, watermark: poll.watermark)
        #expect(poll.rows == 2 && Self.bad(poll) == 2, "rows 3 and 4, not 1, 2 or 5: \(poll.rows)")
        #expect(poll.firstBadRow.values.min().map { abs($0.timeIntervalSince1970 - 1_796_119_195) < 0.001 } == true,
                "the oldest bad row of the poll (row 4): \(poll.firstBadRow)")
        poll = await engine.poll(&prepared, table: table, watermark: poll.watermark)
        #expect(poll.rows == 0 && poll.result == nil)
        #expect(poll.watermark.rowsChecked == 4)

        // The watermark kept in a PostgreSQL store, as the monitor keeps it.
        let schema = "inc_store_" + UUID().uuidString.prefix(8).lowercased()
        let location = PostgresTestServer.url() + "&schema=" + schema
        defer { Task { try? await PostgresTestServer.execute(["DROP SCHEMA \(schema) CASCADE"]) } }
        let kept = poll.watermark
        try await StoreFactory.withStore(location) { store throws(StoreError) in
            guard let watermarks = store as? any WatermarkStore else {
                Issue.record("a PostgreSQL store keeps watermarks")
                return
            }
            try await watermarks.save(kept, suite: "pgpoll", table: table)
            let read = try await watermarks.watermark(suite: "pgpoll", table: table)
            #expect(read == kept)
            #expect(try await watermarks.watermark(suite: "pgpoll", table: "other") == nil)
        }
    }

    @Test("a number column as the watermark, text keys, the newest row as the start")
    func numbersAndTextKeys() async throws {
        let table = "inc_seq_" + UUID().uuidString.prefix(8).lowercased()
        try await PostgresTestServer.execute([
            "CREATE TABLE \(table) (ref text PRIMARY KEY, seq bigint NOT NULL, amount numeric, note text)",
            "INSERT INTO \(table) VALUES ('r-1', 10, -1, 'old and bad')",
        ])
        defer { Task { try? await PostgresTestServer.execute(["DROP TABLE \(table)"]) } }
        let engine = RunEngine(source: try PostgresSource(url: PostgresTestServer.url()))
        var prepared = try Self.prepared(table, "{column: seq, lateness: 5}")
        var poll = await engine.poll(&prepared, table: table, watermark: Watermark())
        #expect(poll.result == nil && poll.watermark.high == .integer(10), "starts at the newest row: \(poll.watermark)")
        try await PostgresTestServer.execute(["INSERT INTO \(table) VALUES ('r-3', 12, 4, 'x'), ('r-2', 11, -2, NULL), ('r-0', 6, -9, 'late by 4')"])
        poll = await engine.poll(&prepared, table: table, watermark: poll.watermark)
        #expect(poll.rows == 3 && Self.bad(poll) == 2, "r-2, r-3 and the late r-0; not r-1: \(poll.rows)")
        #expect(poll.firstBadRow.isEmpty, "a number column dates no row")
        poll = await engine.poll(&prepared, table: table, watermark: poll.watermark)
        #expect(poll.rows == 0)
    }
}
