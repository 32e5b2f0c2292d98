import AssayTestSupport
import Assay
import Foundation
import Testing

/// The seed's conditions on SQLite must give the answers PostgreSQL gives. The same rows were loaded into
/// PostgreSQL 15 (dates as DATE, timestamps as TIMESTAMP, TimeZone UTC, current_date 2026-11-27) and the
/// expected counts below are what it returned.
@Suite("Seed conditions give PostgreSQL's answers on SQLite")
struct SeedConditionTests {
    static let rows = #"""
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT, phone TEXT, ssn TEXT, date_of_birth DATE, created_date TIMESTAMP);
        INSERT INTO customers VALUES
        (1,'a@b.co','(555) 123-4567','123-45-6789','1980-05-01','2024-01-01 10:00:00'),
        (2,'no-at-sign.com','555-1234 ext','123456789','2010-11-28','2030-01-01 00:00:00'),
        (3,NULL,'+1 555 123 4567','12-345-6789','1899-12-31','2026-11-27T23:59:59'),
        (4,'x@y','abc',NULL,'2030-06-01','2026-11-27'),
        (5,'UPPER@CASE.ORG','','123-45-678a','2008-11-27','2026-11-26 23:59:59'),
        (6,'a@b.c',NULL,'000-00-0000','2008-11-28',NULL),
        (7,'%@%.%','123',' 123-45-6789',NULL,'2026-11-28 00:00:00'),
        (8,'a.b@c','(555)\t123','123-45-6789x','1900-01-01','2026-11-27 00:00:00');
        CREATE TABLE accounts(account_id INTEGER PRIMARY KEY, customer_id INTEGER, account_type TEXT, account_balance NUMERIC, opened_date DATE, closed_date DATE);
        INSERT INTO accounts VALUES
        (1,1,'savings',-0.01,'2020-01-01','2019-12-31'),
        (2,1,'savings',0,'2020-01-01',NULL),
        (3,2,'checking',-50,'2020-01-01','2020-01-01'),
        (4,99,'Savings',-1,'2021-05-05','2021-05-06'),
        (5,NULL,'savings',NULL,NULL,'2020-01-01'),
        (6,3,'savings',-100.5,'2022-02-28','2022-02-27');
        CREATE TABLE transactions(transaction_id INTEGER PRIMARY KEY, amount NUMERIC);
        INSERT INTO transactions VALUES (1,0),(2,0.01),(3,999999.99),(4,1000000),(5,-5),(6,NULL),(7,500),(8,1e7);
        """#

    struct Case: Sendable, CustomStringConvertible {
        var table: String
        var condition: String
        var postgresCount: Int
        var description: String { condition }
    }

    static let cases: [Case] = [
        Case(table: "customers", condition: "email NOT LIKE '%@%.%'", postgresCount: 3),
        Case(table: "customers", condition: #"phone !~ '^[0-9\-\(\)\s\+]+$'"#, postgresCount: 4),
        Case(table: "customers", condition: #"ssn !~ '^\d{3}-\d{2}-\d{4}$'"#, postgresCount: 5),
        Case(table: "customers", condition: "EXTRACT(YEAR FROM AGE(date_of_birth)) < 18", postgresCount: 3),
        Case(table: "customers", condition: "date_of_birth > current_date OR date_of_birth < '1900-01-01'", postgresCount: 2),
        Case(table: "customers", condition: "created_date > current_date", postgresCount: 3),
        Case(table: "customers", condition: "email IS NOT NULL", postgresCount: 7),
        Case(table: "accounts", condition: "account_balance < 0 AND account_type = 'savings'", postgresCount: 2),
        Case(table: "accounts", condition: "closed_date < opened_date", postgresCount: 2),
        Case(table: "transactions", condition: "amount > 0 AND amount < 1000000", postgresCount: 3),
        // AGE's year and month components for every row, as PostgreSQL printed them.
        Case(table: "customers", condition: """
            (customer_id = 1 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = 46 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = 6)
            OR (customer_id = 2 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = 15 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = 11)
            OR (customer_id = 3 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = 126 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = 10)
            OR (customer_id = 4 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = -3 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = -6)
            OR (customer_id = 5 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = 18 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = 0)
            OR (customer_id = 6 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = 17 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = 11)
            OR (customer_id = 8 AND EXTRACT(YEAR FROM AGE(date_of_birth)) = 126 AND EXTRACT(MONTH FROM AGE(date_of_birth)) = 10)
            """, postgresCount: 7),
    ]

    @Test("same count as PostgreSQL", arguments: cases)
    func sameAnswerAsPostgreSQL(_ c: Case) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.file("seed.db")
        try makeDatabase(at: db, Self.rows)
        let yaml = """
            tables:
              \(c.table):
                checks:
                  - rule:
                      violation: '\(c.condition.replacingOccurrences(of: "'", with: "''"))'
                    id: seed
            """
        let result = try await run(yaml: yaml, database: db)
        let check = try #require(result.result(c.table, "seed"))
        #expect(check.status != .error, "\(check.message)")
        #expect(check.violations == c.postgresCount, "\(check.message)")
    }
}

extension SeedConditionTests {
    /// The age cut-off rewrite and the full AGE computation agree on every birthday around the boundary,
    /// including 29 February and timestamps later on the boundary day.
    @Test(arguments: ["<", "<=", ">", ">="])
    func ageCutoffMatchesTheFullComputation(_ op: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var values: [String] = []
        for (year, month, day) in [(2008, 11, 26), (2008, 11, 27), (2008, 11, 28), (2007, 11, 27), (2009, 11, 27),
                                   (2008, 2, 29), (2030, 1, 1), (1950, 6, 15)] {
            let date = CivilDate(year: year, month: month, day: day)
            values.append("('\(date)')")
            values.append("('\(date) 10:00:00')")
        }
        try makeDatabase(at: dir.file("age.db"), "CREATE TABLE p(born TIMESTAMP); INSERT INTO p VALUES \(values.joined(separator: ","));")
        // `+ 0` keeps the planner from rewriting, so the second rule computes AGE for every row.
        let yaml = """
            tables:
              p:
                checks:
                  - rule: {violation: "EXTRACT(YEAR FROM AGE(born)) \(op) 18"}
                    id: rewritten
                  - rule: {violation: "EXTRACT(YEAR FROM AGE(born)) \(op) 18 + 0"}
                    id: computed
            """
        for now in [fixedNow, CivilDateTime(date: CivilDate(year: 2026, month: 2, day: 28)), CivilDateTime(date: CivilDate(year: 2028, month: 2, day: 29))] {
            let result = try await run(yaml: yaml, database: dir.file("age.db"), now: now)
            let rewritten = try #require(result.result("p", "rewritten")?.violations)
            #expect(rewritten == result.result("p", "computed")?.violations, "now \(now)")
        }
    }
}
