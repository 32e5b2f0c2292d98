import AssayTestSupport
import Foundation
import Testing

@Suite("The seed's dq_config.json and configuration errors through the assay command", .serialized)
struct SeedConfigCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedConfig = root.appendingPathComponent("examples/seed/dq_config.json").path

    /// Five customers (one email NULL, customer_id 2 twice) and six transactions (one amount NULL, one
    /// negative, one a million: three invalid in the seed's `SUM(CASE WHEN condition THEN 1 ELSE 0 END)`).
    static let data = """
        CREATE TABLE customers(customer_id INTEGER, email TEXT, created_date TEXT);
        INSERT INTO customers VALUES (1,'a@b.co','2026-11-27'),(2,NULL,'2026-11-27'),(2,'c@d.io','2026-11-27'),
          (3,'e@f.io','2026-11-27'),(4,'g@h.io','2026-11-27');
        CREATE TABLE transactions(transaction_id INTEGER PRIMARY KEY, amount REAL, created_date TEXT);
        INSERT INTO transactions VALUES (1,10,'x'),(2,NULL,'x'),(3,-5,'x'),(4,1000000,'x'),(5,50,'x'),(6,999999.99,'x');
        """

    struct Result: Decodable {
        var check: String
        var status: String
        var violations: Int?
        var rows_checked: Int?
    }

    struct Report: Decodable {
        var results: [Result]
        var notices: [[String: String?]]
    }

    @Test func theVerbatimSeedConfigRunsEveryRuleWithTheSeedsCounts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        let output = try AssayProcess.run(["check", "--no-store", "--config", Self.seedConfig, "--source", "sqlite:bank.db", "--format", "json"], in: dir.path)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.stdout.utf8))
        let byID = Dictionary(uniqueKeysWithValues: report.results.map { ($0.check, $0) })
        #expect(byID.count == 3)
        // 1 of 5 emails missing: 80 % complete < 95 → FAIL.
        #expect(byID["CUST_001"]?.violations == 1)
        #expect(byID["CUST_001"]?.status == "FAIL")
        // customer_id 2 twice: any duplicate fails.
        #expect(byID["CUST_002"]?.violations == 1)
        #expect(byID["CUST_002"]?.status == "FAIL")
        // NULL, -5 and 1000000 are not valid: 3 of 6.
        #expect(byID["TXN_001"]?.violations == 3)
        #expect(byID["TXN_001"]?.rows_checked == 6)
        #expect(byID["TXN_001"]?.status == "FAIL")
        let settings = report.notices.compactMap { $0["setting"] ?? nil }
        #expect(settings.contains("auto_remediation flag_for_followup (CUST_001)"))
        #expect(settings.contains("monitoring.check_interval_minutes = 15"))
        #expect(!output.stdout.contains("hooks.slack.com/services"))
    }

    @Test func everyFormatAndValidateSayWhatIsNotYetActedOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        let text = try AssayProcess.run(["check", "--no-store", "--config", Self.seedConfig, "--source", "sqlite:bank.db"], in: dir.path)
        #expect(text.stdout.contains("Read but not yet acted on:"))
        #expect(text.stdout.contains("  - auto_remediation quarantine_transaction (TXN_001): rows change only with a write connection: assay remediate --apply"))
        #expect(text.stdout.contains("alerting.slack_webhook https://hooks.slack.com/…"))
        let junit = try AssayProcess.run(["check", "--no-store", "--config", Self.seedConfig, "--source", "sqlite:bank.db", "--format", "junit"], in: dir.path)
        #expect(junit.stdout.contains(#"<property name="read but not yet acted on" value="monitoring.batch_size = 10000"#))
        let validate = try AssayProcess.run(["validate", "--config", Self.seedConfig, "--source", "sqlite:bank.db"], in: dir.path)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("valid (2 tables, 3 checks)"))
        #expect(validate.stdout.contains("monitoring.alert_thresholds CRITICAL 1, HIGH 3, MEDIUM 10"))
        for output in [text, junit, validate] { #expect(!output.stdout.contains("/services/")) }
    }

    @Test func everyErrorOfAFileIsReportedInOneRun() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try """
            tables:
              customers:
                checks:
                  - not_null: email
                    severity: urgent
                  - between: {column: customer_id, min: 10, max: 1}
                  - rule: {expect: "COUNT(*) = COUNT(DISTINCT customer_id)"}
              transactions:
                checks: []
            """.write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["validate", "--config", "suite.yml"], in: dir.path)
        #expect(output.status == 3)
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(output.stderr)")
        #expect(lines.map { $0.split(separator: ":").dropFirst(2).first.map(String.init) ?? "" } == ["5", "6", "7", "9"], "\(output.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("assay: suite.yml:") })
    }

    @Test func seedRuleErrorsAreReportedTogether() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try """
            {"rules": [
              {"rule_id": "A", "table_name": "customers", "column_name": "customer_id", "rule_type": "uniqueness", "condition": "COUNT(*) > 1"},
              {"rule_id": "B", "table_name": "customers", "column_name": "email", "rule_type": "completeness", "remediation_action": "quarantine"}
            ]}
            """.write(toFile: dir.file("rules.json"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", "rules.json", "--source", "sqlite:bank.db"], in: dir.path)
        #expect(output.status == 3)
        #expect(output.stderr.contains("rules.json:2:"))
        #expect(output.stderr.contains("COUNT(*) = COUNT(DISTINCT column)"))
        #expect(output.stderr.contains("rules.json:3:"))
        #expect(output.stderr.contains("unknown remediation_action 'quarantine'; did you mean 'quarantine_transaction'?"))
    }

    @Test func fileErrorsArePlainMessages() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.file("folder"), withIntermediateDirectories: true)
        #expect(mkfifo(dir.file("pipe"), 0o600) == 0)
        try Data([0x74, 0x61, 0x62, 0x6C, 0x65, 0x73, 0x3A, 0x20, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: dir.file("binary.yml")))
        let cases = [
            ("folder", "folder is a directory, not a configuration file"),
            ("/dev/null", "/dev/null is a device, not a configuration file"),
            ("pipe", "pipe is a named pipe (FIFO), not a configuration file"),
            ("missing.yml", "cannot read missing.yml: no such file"),
            ("binary.yml", "binary.yml:1:9: error: the file is not UTF-8 text"),
        ]
        for (config, expected) in cases {
            for command in ["check", "validate"] {
                let output = try AssayProcess.run([command, "--config", config, "--source", "sqlite:bank.db"], in: dir.path)
                #expect(output.status == 3, "\(config): \(output.stderr)")
                #expect(output.stderr.contains(expected), "\(config): \(output.stderr)")
                #expect(!output.stderr.contains("NSCocoaErrorDomain") && !output.stderr.contains("The value is invalid"))
            }
        }
    }

    @Test func hostileYAMLEndsWithAnErrorNotACrash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var bomb = ["x_unknown:", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...12 { bomb.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let inputs = [
            ("bomb.yml", bomb.joined(separator: "\n") + "\ntables: {t: {checks: [{not_null: a}]}}\n", "more than 250,000 values"),
            ("deep.yml", "tables: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), "nested more than 200 levels"),
            ("deep.json", "{\"tables\": " + String(repeating: "{\"a\": ", count: 10_000) + "1" + String(repeating: "}", count: 10_001),
             "nested more than 200 levels"),
        ]
        for (name, text, expected) in inputs {
            try text.write(toFile: dir.file(name), atomically: true, encoding: .utf8)
            for command in ["check", "validate"] {
                let output = try AssayProcess.run([command, "--config", name, "--source", "sqlite:bank.db"], in: dir.path)
                #expect(output.status == 3, "\(name): \(output.status) \(output.stderr)")
                #expect(output.stderr.contains("\(name):1:") || output.stderr.contains("\(name):"), "\(output.stderr)")
                #expect(output.stderr.contains(expected), "\(name): \(output.stderr)")
            }
        }
    }

    @Test func pythonsSurrogatePairsLoad() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), "CREATE TABLE t(label TEXT); INSERT INTO t VALUES ('💰'), ('é'), ('x');")
        try #"""
            {"rules": [{"rule_id": "L1", "table_name": "t", "column_name": "label", "rule_type": "validity",
              "condition": "label IN ('\ud83d\udcb0', '\u00e9')", "threshold": 50.0, "severity": "LOW"}]}
            """#.write(toFile: dir.file("rules.json"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", "rules.json", "--source", "sqlite:bank.db", "--format", "json"], in: dir.path)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.stdout.utf8))
        #expect(report.results.first?.violations == 1)
    }
}
