import AssayTestSupport
import Assay
import Foundation
import GRDB
import Testing

@Suite("The assay command", .serialized)
struct CLITests {
    static let data = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT, date_of_birth DATE, balance REAL);
        INSERT INTO customers VALUES (1,'a@b.co','1980-01-01',10),(2,'c@d.io','1990-01-01',20),(3,NULL,'2000-01-01',30);
        """

    struct BadInput: Sendable, CustomStringConvertible {
        var name: String
        var config: String
        var arguments: [String] = []
        var expected: String
        var description: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "YAML syntax", config: "tables: [customers", expected: "suite.yml:2:1: error: invalid YAML"),
        BadInput(name: "unknown top-level key", config: "tabels: {}", expected: "did you mean 'tables'"),
        BadInput(name: "unknown check kind", config: check("- is_null: email"), expected: "did you mean 'not_null'"),
        BadInput(name: "statement separator", config: check(#"- rule: {violation: "balance > 1; DROP TABLE customers"}"#), expected: "statement separator"),
        BadInput(name: "comment", config: check(#"- rule: {violation: "balance > 1 -- or 1=1"}"#), expected: "comments"),
        BadInput(name: "subquery", config: check(#"- rule: {violation: "customer_id IN (SELECT customer_id FROM customers)"}"#), expected: "subqueries"),
        BadInput(name: "unknown function", config: check(#"- rule: {violation: "pg_sleep(5) IS NULL"}"#), expected: "unknown function 'pg_sleep'"),
        BadInput(name: "stacked quotes", config: check(#"- rule: {violation: "email = 'x'' OR 1=1"}"#), expected: "unterminated string"),
        BadInput(name: "unknown column in a check", config: check("- not_null: emial"), expected: "did you mean 'email'"),
        BadInput(name: "unknown column in a condition", config: check(#"- rule: {violation: "balanse < 0"}"#), expected: "unknown column 'balanse'"),
        BadInput(name: "identifier injection", config: check(#"- not_null: 'email"; DROP TABLE customers; --'"#), expected: "unknown column"),
        BadInput(name: "bad regex in a check", config: check("- regex: {column: email, pattern: '(['}"), expected: "invalid regular expression"),
        BadInput(name: "bad regex in a condition", config: check(#"- rule: {violation: "email ~ '(['"}"#), expected: "invalid regular expression"),
        BadInput(name: "text compared with a number", config: check(#"- rule: {violation: "email > 5"}"#), expected: "cannot compare"),
        BadInput(name: "number range on a text column", config: check("- between: {column: email, min: 1, max: 5}"), expected: "cannot compare"),
        BadInput(name: "impossible date", config: check(#"- rule: {violation: "date_of_birth < '2024-02-30'"}"#), expected: "not a valid date"),
        BadInput(name: "bad threshold", config: check("- not_null: email\n        fail: lots"), expected: "percentage"),
        BadInput(name: "bad severity", config: check("- not_null: email\n        severity: urgent"), expected: "unknown severity"),
        BadInput(name: "missing table", config: "tables:\n  clients:\n    checks:\n      - not_null: email\n", expected: "'clients' does not exist"),
        BadInput(name: "unset environment variable", config: "source: ${ASSAY_TEST_UNSET_DB}\ntables: {}\n", expected: "ASSAY_TEST_UNSET_DB is not set"),
        BadInput(name: "missing database file", config: check("- not_null: email"), arguments: ["--source", "sqlite:/nonexistent/bank.db"], expected: "not found"),
        BadInput(name: "unsupported source", config: check("- not_null: email"), arguments: ["--source", "mysql://localhost/bank"], expected: "unsupported source 'mysql'"),
        BadInput(name: "seed JSON with a bad rule type", config: #"{"rules": [{"rule_id": "R1", "table_name": "customers", "rule_type": "validty", "condition": "email IS NOT NULL"}]}"#, expected: "did you mean 'validity'"),
    ]

    static func check(_ entry: String) -> String {
        "tables:\n  customers:\n    checks:\n      \(entry)\n"
    }

    @Test("bad input exits 3 with an error naming the place", arguments: badInputs)
    func badInputExitsThree(_ input: BadInput) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try input.config.write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let arguments = ["check", "--config", "suite.yml"] + (input.arguments.isEmpty ? ["--source", "sqlite:bank.db"] : input.arguments)
        let output = try AssayProcess.run(arguments, in: dir.path)
        #expect(output.status == 3, "stdout: \(output.stdout)\nstderr: \(output.stderr)")
        #expect((output.stdout + output.stderr).contains(input.expected), "stdout: \(output.stdout)\nstderr: \(output.stderr)")
        #expect(!output.stderr.contains("Fatal error"))
        // Nothing was changed or lost.
        let count = try DatabaseQueue(path: dir.file("bank.db")).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") }
        #expect(count == 3)
    }

    @Test(arguments: [
        ("- not_null: date_of_birth", Int32(0)),
        ("- not_null: email\n        warn: 0\n        fail: 50%", 1),
        ("- not_null: email", 2),
        ("- not_null: nope\n      - not_null: email", 3),
    ])
    func exitCodeFollowsTheWorstStatus(_ entry: String, _ code: Int32) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try Self.check(entry).write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "-c", "suite.yml", "-s", "sqlite:bank.db"], in: dir.path)
        #expect(output.status == code, "\(output.stdout)\(output.stderr)")
    }

    @Test func jsonReportIsTheDocumentedShape() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try (Self.check("- not_null: email\n      - unique: customer_id")).write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "-c", "suite.yml", "-s", "sqlite:bank.db", "--format", "json", "--output", "out.json"], in: dir.path)
        #expect(output.status == 2)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.file("out.json")))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(doc.keys) == ["format_version", "run_id", "suite", "source", "started_at", "finished_at", "duration_seconds",
                                  "status", "exit_code", "summary", "scorecards", "results", "failures", "notices", "assay_version"])
        let results = try #require(doc["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = results[0]
        for key in ["table", "check", "kind", "columns", "status", "rows_checked", "violations", "violation_rate", "message", "severity", "dimension", "observed", "thresholds", "sample", "failure", "key", "fingerprint", "metrics"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["check"] as? String == "not_null_email")
        #expect(first["violations"] as? Int == 1)
        #expect(first["rows_checked"] as? Int == 3)
        let cards = try #require(doc["scorecards"] as? [[String: Any]])
        #expect(cards.first?["table"] as? String == "customers")
        #expect(cards.first?["score"] as? Double == 65)
    }

    @Test func junitAndPlanAndValidate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try ("source: sqlite:bank.db\n" + Self.check("- not_null: email\n      - rule: {violation: \"balance > 25\"}"))
            .write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let junit = try AssayProcess.run(["check", "-c", "suite.yml", "--format", "junit"], in: dir.path)
        #expect(junit.stdout.contains("<testsuite name=\"customers\" tests=\"2\" failures=\"2\" errors=\"0\">"))
        let plan = try AssayProcess.run(["plan", "-c", "suite.yml"], in: dir.path)
        #expect(plan.status == 0)
        #expect(plan.stdout.components(separatedBy: "\nSELECT ").count - 1 == 1, "\(plan.stdout)")
        #expect(plan.stdout.contains("FROM \"customers\""))
        let valid = try AssayProcess.run(["validate", "-c", "suite.yml"], in: dir.path)
        #expect(valid.status == 0, "\(valid.stderr)")
        try (Self.check("- not_null: emial")).write(toFile: dir.file("bad.yml"), atomically: true, encoding: .utf8)
        let invalid = try AssayProcess.run(["validate", "-c", "bad.yml", "-s", "sqlite:bank.db"], in: dir.path)
        #expect(invalid.status == 3)
        #expect(invalid.stderr.contains("bad.yml:4:9"), "\(invalid.stderr)")
    }
}
