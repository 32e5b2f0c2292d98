import AssayConfig
import AssayCore
import Testing

@Suite("Suite configuration")
struct SuiteLoaderTests {
    let loader = SuiteLoader(environment: ["DB_DIR": "/data", "OWNER": "risk@bank.example"])

    func error(_ yaml: String) -> ConfigError? { loader.error(parsing: yaml, file: "suite.yml") }

    @Test func decodesEveryKindAndCommonKey() throws {
        let suite = try loader.parse("""
            name: bank
            source: sqlite:${DB_DIR}/bank.db
            scoring:
              weights: {completeness: 0.5}
              other: 0.1
            tables:
              customers:
                owner: ${OWNER}
                window: {column: created_date, last: 7d}
                checks:
                  - not_null: [email, ssn]
                    severity: high
                  - unique: [first_name, last_name]
                    id: name_unique
                    warn: 1%
                    fail: 10
                  - rule: {expect: "amount > 0"}
                    where: "kind = 'x'"
            """, file: "suite.yml")
        #expect(suite.name == "bank")
        #expect(suite.source == "sqlite:/data/bank.db")
        #expect(suite.scoring.weight(of: .completeness) == 0.5)
        #expect(suite.scoring.weight(of: .volume) == 0.1)
        let table = try #require(suite.tables.first)
        #expect(table.owner == "risk@bank.example")
        #expect(table.window == Window(column: "created_date", last: TimeSpan(seconds: 604_800)))
        #expect(table.checks.map(\.id) == ["not_null_email", "not_null_ssn", "name_unique", "rule_amount"])
        #expect(table.checks[0].severity == .high)
        #expect(table.checks[2].thresholds == ViolationThresholds(warn: .percent(1), fail: .count(10)))
        #expect(table.checks[3].filter?.text == "kind = 'x'")
    }

    @Test func unknownKeySuggestsTheNearestWithLineAndColumn() throws {
        let e = try #require(error("""
            tables:
              customers:
                checks:
                  - not_null: email
                    severty: HIGH
            """))
        #expect(e.location == SourceLocation(file: "suite.yml", line: 5, column: 9))
        #expect(e.message.contains("did you mean 'severity'"))
        #expect(e.description.hasPrefix("suite.yml:5:9: error:"))
    }

    @Test func conditionErrorsPointIntoTheFile() throws {
        let e = try #require(error("""
            tables:
              t:
                checks:
                  - rule: {violation: "a > 1; DROP TABLE t"}
            """))
        // column 27 is the opening quote; the ';' is 6 characters into the condition.
        #expect(e.location?.line == 4)
        #expect(e.location?.column == 27 + 1 + 5)
        #expect(e.message.contains("statement separator"))
    }

    @Test(arguments: [
        ("tables: [", "invalid YAML"),
        ("tables:\n  t:\n    checks:\n      - not_null: a\n        fail: lots", "must be a row count like 0 or a percentage"),
        ("tables:\n  t:\n    checks:\n      - regex: {column: a, pattern: '(['}", "invalid regular expression"),
        ("tables:\n  t:\n    checks:\n      - between: {column: a}", "needs min, max or both"),
        ("tables:\n  t:\n    checks:\n      - not_nul: a", "did you mean 'not_null'"),
        ("tables:\n  t:\n    checks:\n      - not_null: a\n        unique: b", "has one kind"),
        ("tables:\n  t:\n    checks:\n      - not_null: a\n      - not_null: a", "used twice"),
        ("tables:\n  t:\n    checks:\n      - freshness: {column: a, fail: soon}", "not a duration"),
        ("tables:\n  t:\n    checks:\n      - row_count: {min: 1}\n        fail: 0", "takes its limits inside"),
        ("source: ${NOPE}\ntables: {}", "NOPE is not set"),
        ("tables:\n  t:\n    checks:\n      - not_null: a\n        severity: urgent", "unknown severity"),
        ("tables:\n  t:\n    checks:\n      - rule: {violation: \"x IN (SELECT 1)\"}", "subqueries are not allowed"),
    ])
    func rejectsMalformedSuites(_ yaml: String, _ expected: String) throws {
        let e = try #require(error(yaml), "accepted: \(yaml)")
        #expect(e.description.contains(expected), "\(e)")
        #expect(e.location != nil)
    }

    @Test func seedRulesFile() throws {
        let suite = try loader.parse("""
            {
              "rules": [
                {"rule_id": "CUST_001", "table_name": "customers", "column_name": "email", "rule_type": "completeness",
                 "condition": "email IS NOT NULL", "threshold": 95.0, "severity": "HIGH",
                 "auto_remediation": false, "remediation_action": null},
                {"rule_id": "CUST_002", "table_name": "customers", "column_name": "email", "rule_type": "validity",
                 "condition": "email LIKE '%@%.%'", "threshold": 99.5, "severity": "MEDIUM"},
                {"rule_id": "CUST_003", "table_name": "customers", "column_name": "ssn", "rule_type": "uniqueness",
                 "threshold": 100, "severity": "CRITICAL"},
                {"rule_id": "ACC_001", "table_name": "accounts", "column_name": "account_balance", "rule_type": "consistency",
                 "condition": "account_balance < 0 AND account_type = 'savings'", "threshold": 0, "severity": "HIGH",
                 "auto_remediation": true, "remediation_action": "flag_for_followup"}
              ],
              "monitoring": {"check_interval_minutes": 1, "batch_size": 1000},
              "alerting": {"email_recipients": ["risk@bank.example"]}
            }
            """, file: "dq_config.json")
        #expect(suite.tables.map(\.name) == ["customers", "accounts"])
        let c = suite.tables[0].checks
        #expect(c.map(\.id) == ["CUST_001", "CUST_002", "CUST_003"])
        #expect(c[0].thresholds.fail == .percent(5))
        #expect(c[0].dimension == .completeness)
        guard case .rule(_, violationWhen: false) = c[1].kind else { Issue.record("validity describes valid rows"); return }
        #expect(c[1].thresholds.fail == .percent(0.5))
        #expect(c[2].kind == .unique(columns: ["ssn"]))
        #expect(c[2].thresholds.fail == .count(0))
        let acc = suite.tables[1].checks[0]
        guard case .rule(_, violationWhen: true) = acc.kind else { Issue.record("consistency describes violating rows"); return }
        #expect(acc.thresholds.fail == .count(0))
        #expect(suite.monitoring?.checkIntervalMinutes == 1)
        #expect(suite.alerting?.emailRecipients == ["risk@bank.example"])
    }

    @Test func seedRulesErrorsAreLocated() throws {
        let json = """
            {"rules": [
              {"rule_id": "X", "table_name": "t", "rule_type": "completness", "threshold": 90}
            ]}
            """
        do {
            _ = try loader.parse(json, file: "dq_config.json")
            Issue.record("accepted a misspelt rule_type")
        } catch {
            #expect(error.location?.line == 2)
            #expect(error.message.contains("did you mean 'completeness'"))
        }
    }
}
