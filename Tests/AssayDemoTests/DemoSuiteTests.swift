import AssayCore
import AssayDemo
import Foundation
import Testing

@Suite("DemoSuite")
struct DemoSuiteTests {
    static let manifest = DemoManifest(
        scale: 1, now: "2026-11-27 10:30:15", rowCounts: [:],
        expected: [
            "customers": [:], "accounts": [:], "transactions": [:], "credit_scores": [:], "regulatory_reports": [:],
            "data_lineage": [:],
        ],
        injected: [:])

    /// Check ids per table, in order, read from the YAML's own layout.
    static func ids(_ yaml: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var table = ""
        for line in yaml.split(separator: "\n") {
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                table = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("        id: ") {
                result[table, default: []].append(String(line.dropFirst(12)))
            }
        }
        return result
    }

    @Test("every row-counting check id of the YAML has an expected count, and no other")
    func idsMatchManifest() throws {
        try withTemporaryDirectory { dir in
            let (manifest, _) = try generate(scale: 1, in: dir)
            let yaml = DemoSuite.yaml(databaseFile: "financeflow.db", manifest: manifest)
            let ids = Self.ids(yaml)
            #expect(Set(ids.keys) == Set(demoTables))
            let measuring: Set = [
                "c_row_count", "c_columns", "a_row_count", "a_columns", "t_freshness", "t_row_count", "s_row_count",
                "r_row_count", "l_row_count",
            ]
            for (table, list) in ids {
                #expect(Set(list).count == list.count, "duplicate id in \(table)")
                #expect(Set(list).subtracting(measuring) == Set((manifest.expected[table] ?? [:]).keys), "\(table)")
            }
        }
    }

    @Test("the source names the database file, quoted only when it must be")
    func source() {
        let plain = DemoSuite.yaml(databaseFile: "financeflow.db", manifest: Self.manifest)
        #expect(plain.contains("\nname: financeflow-demo\nsource: sqlite:financeflow.db\ntables:\n"))
        let odd = DemoSuite.yaml(databaseFile: "my dir/it's.db", manifest: Self.manifest)
        #expect(odd.contains("\nsource: 'sqlite:my dir/it''s.db'\n"))
    }

    @Test("conditions and patterns are single-quoted with doubled quotes; today bounds dates of birth")
    func quoting() {
        let yaml = DemoSuite.yaml(databaseFile: "financeflow.db", manifest: Self.manifest)
        #expect(yaml.contains("- rule: {violation: 'email NOT LIKE ''%@%.%'''}\n"))
        #expect(yaml.contains(#"- regex: {column: ssn, pattern: '^\d{3}-\d{2}-\d{4}$'}"#))
        #expect(yaml.contains(#"- rule: {violation: 'phone !~ ''^[0-9\-\(\)\s\+]+$'''}"#))
        #expect(yaml.contains("- rule: {expect: 'amount > 0 AND amount < 1000000'}\n"))
        #expect(yaml.contains("- between: {column: date_of_birth, min: '1900-01-01', max: '2026-11-27'}\n"))
        #expect(yaml.contains("- column_pair: 'closed_date >= opened_date'\n"))
        #expect(yaml.contains("- freshness: {column: transaction_date, fail: 2d}\n"))
        #expect(yaml.contains("        warn: 0.2%\n        fail: 1%\n"))
    }
}
