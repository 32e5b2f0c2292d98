import AssayTestSupport
import Assay
import Testing

/// Proves the planner's promise with SQLite's own trace of the real connection: one SELECT per table,
/// one per referential check, and failing-row statements only for checks that fail.
@Suite("Statement count, from SQLite's trace")
struct StatementTraceTests {
    static let suite = """
        tables:
          people:
            checks:
              - not_null: [name, email, kind]
              - unique: email
              - unique: [kind, team]
              - regex: {column: email, pattern: '@'}
              - in_set: {column: kind, values: [a, b, c, z]}
              - between: {column: score, min: -10, max: 2000}
              - rule: {violation: "EXTRACT(YEAR FROM AGE(born)) < 18"}
              - freshness: {column: seen, fail: 5000d}
              - row_count: {min: 1}
              - references: {column: team, table: teams, key: team_id}
              - not_null: name
                id: recent_names
                window: {column: seen, last: 30d}
              - columns: [id, name]
          teams:
            checks:
              - not_null: label
              - unique: team_id
        """

    @Test func oneSelectPerTablePlusOnePerReference() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("p.db"), CatalogueTests.data)
        let log = StatementLog()
        let result = try await run(yaml: Self.suite, database: dir.file("p.db"), options: RunOptions(samples: false), trace: log.trace)
        #expect(!result.results.contains { $0.status == .error }, "\(result.results.filter { $0.status == .error }.map(\.message))")
        let reads = log.dataReads
        #expect(reads.count == 3, "\(reads.joined(separator: "\n"))")
        #expect(reads.filter { $0.contains("FROM \"people\"") && !$0.contains("NOT EXISTS") }.count == 1)
        #expect(reads.filter { $0.contains("NOT EXISTS") }.count == 1)
        #expect(reads.filter { $0.contains("FROM \"teams\"") && !$0.contains("NOT EXISTS") }.count == 1)
    }

    @Test func samplesOnlyForFailedChecks() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("p.db"), CatalogueTests.data)
        let log = StatementLog()
        let result = try await run(yaml: Self.suite, database: dir.file("p.db"), trace: log.trace)
        let failedWithRows = result.results.filter { ($0.status == .fail || $0.status == .warn) && ($0.violations ?? 0) > 0 && $0.kind != "columns" }
        #expect(failedWithRows.count >= 3)
        #expect(log.dataReads.count == 3 + failedWithRows.count)
        #expect(failedWithRows.allSatisfy { $0.sample != nil })
    }
}
