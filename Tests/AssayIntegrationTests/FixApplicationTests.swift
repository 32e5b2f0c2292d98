import Assay
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Self-healing fixes applied through the real `assay` binary on SQLite: fixes above the confidence bar are written
/// and audited with old and new values, the rest are flagged for review, `assay fixes undo RUN` puts every value back,
/// and a value changed since stops the undo with nothing changed.
@Suite("Fixes applied and undone")
struct FixApplicationTests {
    static let suite = """
        name: fixes
        source: sqlite:bank.db
        tables:
          customers:
            fix: auto
            checks:
              - regex: {column: email, pattern: '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$'}
                id: email_valid
              - regex: {column: ssn, pattern: '^\\d{3}-\\d{2}-\\d{4}$'}
                id: ssn_format
              - in_set: {column: account_type, values: [checking, savings]}
                id: type_known
        """

    static let rows = """
        CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT, ssn TEXT, account_type TEXT);
        INSERT INTO customers VALUES (1, ' Ann@Bank.Example ', '123-45-6789', 'checking'), (2, 'bob@bank.example', '123456789', ' Savings'),
          (3, 'carol-at-bank', '12-345-6789', 'premium'), (4, 'dave@bank.example', '123-45-6789', 'checking');
        """

    func table(_ path: String) throws -> [[String?]] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT CAST(customer_id AS TEXT), email, ssn, account_type FROM customers ORDER BY customer_id").map { row in
                (0..<4).map { row[$0] as String? }
            }
        }
    }

    @Test("fixes above the bar are written and audited; the rest are flagged for review; undo puts every value back")
    func applyAndUndo() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.file("bank.db")
        try TestDatabase.write(Self.rows, at: db)
        try Self.suite.write(toFile: dir.file("fixes.yml"), atomically: true, encoding: .utf8)
        let before = try table(db)

        let dry = try await AssayProcess.run(["remediate", "-c", "fixes.yml"], in: dir.path)
        #expect(dry.stdout.contains("customers.email_valid (fix): would fix 1 of 2 violating rows, 0 for review, 1 with no fix"), "\(dry.stdout)")
        #expect(try table(db) == before)

        let run = try await AssayProcess.run(["remediate", "-c", "fixes.yml", "--apply", "--writer", "sqlite:bank.db", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runID = try #require(report["run"] as? String)
        let fixes = report["fixes"] as? [[String: Any]] ?? []
        #expect(fixes.map { $0["fixed"] as? Int } == [1, 1, 1] && fixes.map { $0["review"] as? Int } == [0, 1, 0], "\(fixes)")
        #expect(try table(db) == [["1", "ann@bank.example", "123-45-6789", "checking"], ["2", "bob@bank.example", "123-45-6789", "savings"],
                                  ["3", "carol-at-bank", "12-345-6789", "premium"], ["4", "dave@bank.example", "123-45-6789", "checking"]])
        let review = try await DatabaseQueue(path: db).read { db in
            try Row.fetchAll(db, sql: "SELECT customer_id, flag_check, flag_reason FROM customers_quality_flags").map { ($0[0] as Int, $0[1] as String, $0[2] as String) }
        }
        #expect(review.count == 1 && review.first?.0 == 3 && review.first?.1 == "customers.ssn_format"
                && review.first?.2.contains("below the 95 % needed") == true, "the SSN in an odd grouping is for review: \(review)")

        let list = try await AssayProcess.run(["fixes", "list", runID, "-c", "fixes.yml"], in: dir.path)
        #expect(list.stdout.contains("customer_id=1 email: ' Ann@Bank.Example ' -> 'ann@bank.example'  email 0.99  applied"), "\(list.stdout)")
        #expect(list.stdout.contains("customer_id=3 ssn: '12-345-6789' -> '123-45-6789'  ssn 0.60  for review"))
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let totals = try await store.remediationTotals(suite: nil, from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60))
        #expect(totals[CheckKey(rawValue: "customers.ssn_format")]?.fixed == 1)

        // A value changed since it was fixed: the undo stops, and nothing is put back.
        try TestDatabase.write("UPDATE customers SET account_type = 'checking' WHERE customer_id = 2", at: db)
        let changed = try table(db)
        let refused = try await AssayProcess.run(["fixes", "undo", runID, "-c", "fixes.yml", "--writer", "sqlite:bank.db"], in: dir.path)
        #expect(refused.status == 3 && refused.stderr.contains("customer_id=2: account_type no longer holds the fixed value 'savings'"), "\(refused.stderr)")
        #expect(try table(db) == changed)

        try TestDatabase.write("UPDATE customers SET account_type = 'savings' WHERE customer_id = 2", at: db)
        let undone = try await AssayProcess.run(["fixes", "undo", runID, "-c", "fixes.yml", "--writer", "sqlite:bank.db"], in: dir.path)
        #expect(undone.status == 0 && undone.stdout.contains("undid 3 fixed values"), "\(undone.stderr)")
        #expect(try table(db) == before, "every fixed value back as it was")
        let again = try await AssayProcess.run(["fixes", "undo", runID, "-c", "fixes.yml", "--writer", "sqlite:bank.db"], in: dir.path)
        #expect(again.status == 3 && again.stderr.contains("has no applied fixes left to undo"))
        let after = try await store.remediationTotals(suite: nil, from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60))
        #expect(after[CheckKey(rawValue: "customers.ssn_format")]?.fixed == 0, "undone fixes no longer count")
        let log = try await store.remediations(run: RunID(runID), check: nil, incident: nil, last: 20)
        #expect(log.filter { $0.action == .undo }.count == 3 && log.filter { $0.action == .fix }.count == 3)
    }
}
