import AssayTestSupport
import Foundation
import Testing

/// Hostile condition text ends with exit 3 and a located message from the real binary, never a crash (exit 139);
/// everything within the limits runs on SQLite.
@Suite("The assay command: condition limits", .serialized)
struct ConditionLimitsCLITests {
    static let data = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, balance REAL);
        INSERT INTO customers VALUES (1, 10), (2, 20), (3, 30);
        """

    struct Hostile: Sendable, CustomStringConvertible {
        var name: String
        var condition: String
        var expected: String
        var description: String { name }
    }

    static func repeated(_ open: String, _ inner: String, _ close: String, _ count: Int, _ suffix: String = "") -> String {
        String(repeating: open, count: count) + inner + String(repeating: close, count: count) + suffix
    }

    static let hostile: [Hostile] = [
        Hostile(name: "135 KB flat OR chain", condition: (0..<10_000).map { "balance = \($0)" }.joined(separator: " OR "), expected: "condition is too long"),
        Hostile(name: "10,000 nested parentheses", condition: repeated("(", "balance > 0", ")", 10_000), expected: "nested too deeply"),
        Hostile(name: "NOT NOT NOT", condition: repeated("NOT ", "balance > 0", "", 5000), expected: "nested too deeply"),
        Hostile(name: "- - - x", condition: repeated("- ", "balance", "", 5000, " > 0"), expected: "nested too deeply"),
        Hostile(name: "nested function calls", condition: repeated("abs(", "balance", ")", 5000, " > 0"), expected: "nested too deeply"),
        Hostile(name: "nested CASE", condition: repeated("CASE WHEN ", "balance > 0", " THEN TRUE END", 2000), expected: "nested too deeply"),
        Hostile(name: "long IN list", condition: "balance IN (" + (0..<30_000).map(String.init).joined(separator: ",") + ")", expected: "condition is too long"),
        Hostile(name: "long arithmetic chain", condition: "balance" + String(repeating: " + 1", count: 5000) + " > 0", expected: "nested too deeply"),
        Hostile(name: "deeper than SQLite's parser", condition: repeated("abs(", "balance", ")", 40, " > 0"), expected: "sqlite accepts at most 20"),
    ]

    static func suite(_ condition: String) throws -> String {
        let quoted = String(decoding: try JSONEncoder().encode(condition), as: UTF8.self)
        return "tables:\n  customers:\n    checks:\n      - rule: {violation: \(quoted)}\n"
    }

    @Test("check and validate refuse the condition with exit 3 and a message", arguments: hostile, ["check", "validate"])
    func refused(_ input: Hostile, _ command: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try Self.suite(input.condition).write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run([command, "-c", "suite.yml", "-s", "sqlite:bank.db"], in: dir.path)
        #expect(output.status == 3, "\(input.name): exit \(output.status)")
        #expect((output.stdout + output.stderr).contains(input.expected), "\(output.stdout.prefix(500))\(output.stderr.prefix(500))")
        // Found while reading the file (the check runs as ERROR when only the database's limit is passed).
        if command == "validate" || !input.expected.contains("sqlite") { #expect(output.stderr.contains("suite.yml:4:")) }
        // An excerpt, never the whole condition back.
        #expect(output.stderr.utf8.count < 2000)
    }

    struct Within: Sendable, CustomStringConvertible {
        var name: String
        var condition: String
        var violations: Int
        var description: String { name }
    }

    static let within: [Within] = [
        Within(name: "64 KB of ORs", condition: {
            var terms: [String] = []
            while terms.joined(separator: " OR ").utf8.count < 65_000 { terms.append("balance = \(terms.count + 15)") }
            return terms.joined(separator: " OR ")
        }(), violations: 2),
        Within(name: "64 KB of ANDs", condition: {
            var terms: [String] = []
            while terms.joined(separator: " AND ").utf8.count < 65_000 { terms.append("balance <> \(terms.count + 15)") }
            return terms.joined(separator: " AND ")
        }(), violations: 1),
        Within(name: "a 20,000-value IN list", condition: "balance IN (" + Array(repeating: "20", count: 20_000).joined(separator: ",") + ")", violations: 1),
        Within(name: "nesting SQLite accepts", condition: repeated("abs(", "- balance", ")", 12, " > 15"), violations: 2),
        Within(name: "100 redundant parentheses", condition: repeated("(", "balance > 15", ")", 99), violations: 2),
    ]

    @Test("conditions within the limits run on SQLite", arguments: within)
    func runs(_ input: Within) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try Self.suite(input.condition).write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let validate = try AssayProcess.run(["validate", "-c", "suite.yml", "-s", "sqlite:bank.db"], in: dir.path)
        #expect(validate.status == 0, "\(validate.stderr.prefix(500))")
        let output = try AssayProcess.run(["check", "-c", "suite.yml", "-s", "sqlite:bank.db", "--format", "json"], in: dir.path)
        let result = try #require(try jsonResults(output.stdout).first)
        #expect(result["status"] as? String == "FAIL", "\(result)")
        #expect(result["violations"] as? Int == input.violations, "\(result)")
    }

    @Test func twoThousandFiveHundredChecksOnOneTableSplitTheScan() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        let checks = (0..<2500).map { "      - rule: {violation: \"balance > \($0)\"}\n        id: r\($0)\n" }.joined()
        try ("tables:\n  customers:\n    checks:\n" + checks).write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "-c", "suite.yml", "-s", "sqlite:bank.db", "--format", "json"], in: dir.path)
        #expect(output.status == 2, "\(output.stderr.prefix(500))")
        let results = try jsonResults(output.stdout)
        #expect(results.count == 2500)
        #expect(results.filter { $0["status"] as? String == "ERROR" }.isEmpty, "\(results.first { $0["status"] as? String == "ERROR" } ?? [:])")
        // balance is 10, 20 and 30: r0...r29 find violations.
        #expect(results.filter { $0["status"] as? String == "FAIL" }.count == 30)
        let plan = try AssayProcess.run(["plan", "-c", "suite.yml", "-s", "sqlite:bank.db"], in: dir.path)
        #expect(plan.stdout.contains("-- scan 1 of 2") && plan.stdout.contains("-- scan 2 of 2"))
    }
}

/// The `results` of a JSON report.
func jsonResults(_ text: String) throws -> [[String: Any]] {
    let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text.prefix(300))")
    return try #require(document["results"] as? [[String: Any]])
}
