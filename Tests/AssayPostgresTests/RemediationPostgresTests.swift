import Assay
import AssayTestSupport
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

/// Remediation against the real PostgreSQL server: a move while another client inserts and updates rows loses and
/// duplicates nothing (rows before + inserted = rows after + quarantined, exactly), a restore puts every value back
/// with its type, and a role that may not write, a re-used key and a table with other columns change no row.
/// A counter the test and the other client share.
final class Counter: Sendable {
    private let atomic: Atomic<Int>
    init(_ value: Int) { atomic = Atomic(value) }
    var value: Int { atomic.load(ordering: .relaxed) }
    /// Adds `n`; returns the value before.
    func add(_ n: Int) -> Int { atomic.add(n, ordering: .relaxed).oldValue }
}

@Suite("Remediation on PostgreSQL", .serialized)
struct RemediationPostgresTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration: try PostgresURL(PostgresTestServer.url()).connectionConfiguration(), id: 9, logger: logger)
    }

    static func count(_ sql: String, on connection: PostgresConnection) async throws -> Int {
        for try await (n) in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int.self) { return n }
        return -1
    }

    static func suite(_ table: String) throws -> Suite {
        try SuiteLoader(environment: [:]).parse("""
            name: pgrem_\(table)
            tables:
              \(table):
                checks:
                  - between: {column: amount, min: 0, strict_min: true}
                    id: amount_positive
                    remediation: quarantine
                  - not_null: memo
                    id: memo_present
                    remediation: flag_for_followup
            """, file: "pgrem.yml")
    }

    static func remediate(_ table: String, store: String, writer: String = PostgresTestServer.url(), only: Set<String>? = nil) async throws -> RemediationReport {
        let check = CheckRequest(config: .suite(try suite(table)), source: PostgresTestServer.url(), store: .url(store))
        return try await Assay.remediate(RemediationRequest(check: check, writer: writer, apply: true, checks: only))
    }

    @Test("a move while another client inserts 1,000 rows/s and updates rows: nothing lost or doubled, three times over")
    func concurrentMove() async throws {
        let table = "rem_tx_" + UUID().uuidString.prefix(8).lowercased()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await PostgresTestServer.execute([
            "CREATE TABLE \(table) (id bigint PRIMARY KEY, amount numeric(14,2), memo text, created_date timestamptz NOT NULL DEFAULT now())",
            "INSERT INTO \(table) SELECT g, CASE WHEN g % 100 = 0 THEN -g ELSE g END, 'm' || g, now() FROM generate_series(1, 50000) g",
        ])
        defer { Task { try? await PostgresTestServer.execute(["DROP TABLE IF EXISTS \(table)", "DROP TABLE IF EXISTS quarantined_\(table)"]) } }
        let store = "sqlite:" + dir.file("assay.db")
        let observer = try await Self.connect()
        let nextID = Counter(1_000_000)
        for round in 1...3 {
            let before = try await Self.count("SELECT COUNT(*) FROM \(table)", on: observer)
            let inserted = Counter(0)
            let stop = Counter(0)
            // The other client: 10 rows every 10 ms (1 % of them bad), and rows flipped between good and bad.
            let load = Task {
                let connection = try await Self.connect()
                defer { Task { try? await connection.close() } }
                var tick = 0
                while stop.value == 0 {
                    let first = nextID.add(10)
                    let values = (first..<first + 10).map { "(\($0), \($0 % 100 == 0 ? -1 : 1), 'new')" }.joined(separator: ", ")
                    try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (id, amount, memo) VALUES \(values)"), logger: Self.logger)
                    _ = inserted.add(10)
                    tick += 1
                    let flip = (tick * 37 + round) % 50_000 + 1
                    try await connection.query(PostgresQuery(unsafeSQL: "UPDATE \(table) SET amount = -amount WHERE id IN (\(flip), \(flip * 7 % 50_000 + 1))"), logger: Self.logger)
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            try await Task.sleep(for: .milliseconds(150))
            let report = try await Self.remediate(table, store: store, only: ["amount_positive"])
            try await Task.sleep(for: .milliseconds(150))
            _ = stop.add(1)
            try await load.value
            let outcome = try #require(report.outcomes.first)
            #expect(outcome.error == nil && outcome.applied, "\(outcome.message ?? "")")
            let after = try await Self.count("SELECT COUNT(*) FROM \(table)", on: observer)
            let moved = try await Self.count("SELECT COUNT(*) FROM quarantined_\(table) WHERE quarantine_id = '\(outcome.moveID ?? "")'", on: observer)
            #expect(moved == outcome.rows && moved > 0)
            #expect(before + inserted.value == after + moved,
                    "round \(round): \(before) before + \(inserted.value) inserted = \(after) after + \(moved) quarantined")
            #expect(try await Self.count("SELECT COUNT(*) FROM quarantined_\(table) q JOIN \(table) t USING (id)", on: observer) == 0, "no key in both")
            #expect(try await Self.count("SELECT COUNT(*) FROM quarantined_\(table) WHERE amount > 0", on: observer) == 0,
                    "every quarantined row violated at its latest version")
        }
        try await observer.close()
    }

    @Test("restore puts every value back with its type; a re-used key stops it with no row changed")
    func restoreExactly() async throws {
        let table = "rem_types_" + UUID().uuidString.prefix(8).lowercased()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await PostgresTestServer.execute([
            "CREATE TABLE \(table) (id bigint PRIMARY KEY, amount numeric(14,4), memo text, tags text[], paid_at timestamptz, day date, ok boolean, doc jsonb)",
            "INSERT INTO \(table) VALUES (1, 10.1234, NULL, '{a,b}', '2026-12-01 10:00:00.123456+00', '2026-12-01', true, '{\"k\": 1}'),"
                + " (2, -0.0001, 'z', '{}', NULL, NULL, NULL, NULL), (3, -99999.9999, 'x''y', '{\"q u\"}', '2026-01-01 00:00:00+00', '1999-12-31', false, '[1, 2]')",
        ])
        defer { Task { try? await PostgresTestServer.execute(["DROP TABLE IF EXISTS \(table)", "DROP TABLE IF EXISTS quarantined_\(table)", "DROP TABLE IF EXISTS \(table)_quality_flags"]) } }
        let dump = "SELECT string_agg(t::text, '|' ORDER BY id) FROM \(table) t"
        let connection = try await Self.connect()
        func text(_ sql: String) async throws -> String {
            for try await (value) in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger).decode(String?.self) { return value ?? "" }
            return ""
        }
        let before = try await text(dump)
        let report = try await Self.remediate(table, store: "sqlite:" + dir.file("assay.db"))
        #expect(report.outcomes.map(\.rows) == [2, 1], "\(report.outcomes.map { $0.message ?? "\($0.rows)" })")
        #expect(try await text("SELECT string_agg(id::text, ',' ORDER BY id) FROM \(table)_quality_flags") == "1", "the row without a memo is flagged")
        #expect(try await text(dump) != before)
        let selector = report.result.runID.rawValue

        try await PostgresTestServer.execute(["INSERT INTO \(table) (id, amount) VALUES (3, 1)"])
        let during = try await text(dump)
        await #expect(throws: AssayError.self) {
            _ = try await Assay.restore(selector, store: "sqlite:" + dir.file("assay.db"), writer: PostgresTestServer.url())
        }
        do {
            _ = try await Assay.restore(selector, store: "sqlite:" + dir.file("assay.db"), writer: PostgresTestServer.url())
        } catch {
            #expect(error.code == .remediationFailed && error.description.contains("use the keys of quarantined rows (id=3)"), "\(error)")
        }
        #expect(try await text(dump) == during, "nothing restored")
        try await PostgresTestServer.execute(["DELETE FROM \(table) WHERE id = 3"])
        let restored = try await Assay.restore(selector, store: "sqlite:" + dir.file("assay.db"), writer: PostgresTestServer.url())
        #expect(restored.map(\.rows) == [2])
        #expect(try await text(dump) == before, "numeric scale, arrays, microseconds, dates, booleans and JSON as they were")
        try await connection.close()
    }

    @Test("a role that may not write, and a quarantine table with other columns: clear errors, no row changed")
    func refusals() async throws {
        let table = "rem_deny_" + UUID().uuidString.prefix(8).lowercased()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await PostgresTestServer.execute([
            "CREATE TABLE \(table) (id bigint PRIMARY KEY, amount numeric, memo text)",
            "INSERT INTO \(table) VALUES (1, 5, 'a'), (2, -5, 'b'), (3, -6, NULL)",
            "GRANT SELECT ON \(table) TO assay_noaccess",
        ])
        defer { Task { try? await PostgresTestServer.execute(["DROP TABLE IF EXISTS \(table)", "DROP TABLE IF EXISTS quarantined_\(table)", "DROP TABLE IF EXISTS \(table)_quality_flags"]) } }
        let connection = try await Self.connect()
        let store = "sqlite:" + dir.file("assay.db")
        let denied = try await Self.remediate(table, store: store, writer: PostgresTestServer.url("ASSAY_TEST_POSTGRES_NOACCESS_URL"))
        #expect(denied.outcomes.count == 2)
        for outcome in denied.outcomes {
            #expect(outcome.error == .notWritable && outcome.message?.contains("may not change this") == true
                    && outcome.message?.contains("no row was changed") == true, "\(outcome.message ?? "")")
            #expect(outcome.message?.contains(":noaccess@") == false, "no password: \(outcome.message ?? "")")
        }
        #expect(try await Self.count("SELECT COUNT(*) FROM \(table)", on: connection) == 3)
        #expect(try await Self.count("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('quarantined_\(table)', '\(table)_quality_flags')", on: connection) == 0,
                "the quarantine table created in the refused transaction is gone with it")

        try await PostgresTestServer.execute(["CREATE TABLE quarantined_\(table) (id bigint, amount text, memo text, quarantine_id text, quarantine_run_id text, quarantine_check text, quarantine_reason text, quarantined_at timestamptz)"])
        let mismatch = try await Self.remediate(table, store: store, only: ["amount_positive"])
        #expect(mismatch.outcomes.first?.error == .tableMismatch)
        #expect(mismatch.outcomes.first?.message?.contains("amount is text there but numeric in \(table)") == true, "\(mismatch.outcomes.first?.message ?? "")")
        #expect(try await Self.count("SELECT COUNT(*) FROM \(table)", on: connection) == 3)
        try await connection.close()
    }
}
