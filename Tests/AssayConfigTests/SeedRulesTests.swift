import AssayConfig
import AssayCore
import Foundation
import Testing

@Suite("The seed's dq_config.json")
struct SeedRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let loader = SuiteLoader(environment: [:])

    func rules(_ rules: String, extra: String = "") -> String {
        #"{"rules": [\#(rules)]\#(extra)}"#
    }

    func error(_ json: String) -> ConfigError? { loader.error(parsing: json, file: "dq_config.json") }

    @Test func theVerbatimDefaultConfigLoadsWithEverySetting() throws {
        let suite = try loader.load(path: Self.root.appendingPathComponent("examples/seed/dq_config.json").path)
        #expect(suite.tables.map(\.name) == ["customers", "transactions"])
        let customers = suite.tables[0].checks, transactions = suite.tables[1].checks
        #expect(customers.map(\.id) == ["CUST_001", "CUST_002"])
        #expect(customers[0].kind == .notNull(column: "email"))
        #expect(customers[0].thresholds.fail == .percent(5))
        #expect(customers[0].remediation == Remediation(automatic: true, action: .flagForFollowup))
        #expect(customers[1].kind == .unique(columns: ["customer_id"]))
        #expect(customers[1].thresholds.fail == .count(0))
        #expect(customers[1].remediation == Remediation(automatic: false))
        #expect(transactions[0].remediation == Remediation(automatic: true, action: .quarantine))
        #expect(transactions[0].thresholds.fail == .percent(1))
        #expect(suite.monitoring == MonitoringSettings(checkIntervalMinutes: 15, batchSize: 10_000,
                                                       alertThresholds: [.critical: 1, .high: 3, .medium: 10]))
        let alerting = try #require(suite.alerting)
        #expect(alerting.emailRecipients == ["dq-team@financeflow.com"])
        #expect(alerting.slackWebhook?.url == "https://hooks.slack.com/services/...")
        #expect(alerting.escalationRules[.critical] == EscalationRule(immediate: true, escalateAfterMinutes: 15))
        #expect(alerting.escalationRules[.high] == EscalationRule(immediate: false, escalateAfterMinutes: 60))
        let notices = suite.notices.map(\.description)
        #expect(notices.contains { $0.hasPrefix("auto_remediation flag_for_followup (CUST_001)") })
        #expect(notices.contains { $0.hasPrefix("auto_remediation quarantine_transaction (TXN_001)") })
        #expect(notices.contains { $0.hasPrefix("monitoring.check_interval_minutes = 15") })
        #expect(notices.contains { $0.hasPrefix("monitoring.batch_size = 10000") })
        #expect(notices.contains { $0.hasPrefix("monitoring.alert_thresholds CRITICAL 1, HIGH 3, MEDIUM 10") })
        #expect(notices.contains { $0.hasPrefix("alerting.email_recipients dq-team@financeflow.com") })
        #expect(notices.contains { $0.hasPrefix("alerting.escalation_rules CRITICAL immediate") })
        #expect(notices.contains { $0.hasPrefix("alerting.slack_webhook https://hooks.slack.com/…") })
        #expect(!notices.joined().contains("services"), "the webhook's secret path is never printed")
    }

    @Test(arguments: [
        ("COUNT(*) = COUNT(DISTINCT customer_id)", ["customer_id"]),
        ("count(distinct customer_id)=count(*)", ["customer_id"]),
        ("  COUNT ( customer_id )  ==  COUNT( DISTINCT customer_id ) ", ["customer_id"]),
        ("(COUNT(1) = COUNT(DISTINCT \"customer_id\"))", ["customer_id"]),
        ("COUNT(*) = COUNT(DISTINCT first_name, last_name)", ["first_name", "last_name"]),
        ("COUNT(*) = COUNT(DISTINCT (first_name, last_name))", ["first_name", "last_name"]),
    ])
    func uniquenessAssertionsBecomeUniqueChecks(_ condition: String, _ columns: [String]) throws {
        let suite = try loader.parse(rules(#"{"rule_id": "U1", "table_name": "customers", "rule_type": "uniqueness", "condition": "\#(condition.replacing("\"", with: "\\\""))", "threshold": 100.0, "severity": "CRITICAL"}"#),
                                     file: "dq_config.json")
        #expect(suite.tables[0].checks[0].kind == .unique(columns: columns))
    }

    @Test(arguments: [
        "COUNT(*) > 0",
        "COUNT(*) = COUNT(customer_id)",
        "SUM(amount) = COUNT(DISTINCT customer_id)",
        "COUNT(DISTINCT a) = COUNT(DISTINCT a)",
        "COUNT(email) = COUNT(DISTINCT customer_id)",
        "customer_id IS NOT NULL",
    ])
    func otherUniquenessConditionsAreLocatedErrorsNamingTheForms(_ condition: String) throws {
        let e = try #require(error(rules(#"{"rule_id": "U1", "table_name": "customers", "rule_type": "uniqueness",\#n "condition": "\#(condition)"}"#)))
        #expect(e.location?.line == 2)
        #expect(e.message.contains("COUNT(*) = COUNT(DISTINCT column)"), "\(e)")
    }

    @Test func columnNameMustAgreeWithTheAssertion() throws {
        let e = try #require(error(rules(#"{"rule_id": "U1", "table_name": "t", "column_name": "email", "rule_type": "uniqueness", "condition": "COUNT(*) = COUNT(DISTINCT customer_id)"}"#)))
        #expect(e.message.contains("differ"))
        let suite = try loader.parse(rules(#"{"rule_id": "U1", "table_name": "t", "column_name": "a, b", "rule_type": "uniqueness", "condition": "COUNT(*) = COUNT(DISTINCT b, a)"}"#), file: "x.json")
        #expect(suite.tables[0].checks[0].kind == .unique(columns: ["b", "a"]))
    }

    @Test(arguments: ["completeness", "validity", "consistency"])
    func aggregatesAreRefusedInRowConditions(_ type: String) throws {
        let e = try #require(error(rules(#"{"rule_id": "R", "table_name": "t", "column_name": "a", "rule_type": "\#(type)", "condition": "COUNT(a) > 5"}"#)))
        #expect(e.message.contains("row by row"), "\(e)")
        #expect(!e.message.contains("did you mean 'round'"))
    }

    @Test func aggregatesAreRefusedInYAMLConditions() throws {
        do {
            _ = try loader.parse("tables:\n  t:\n    checks:\n      - rule: {violation: \"count(a) > 1\"}\n", file: "s.yml")
            Issue.record("accepted an aggregate")
        } catch {
            #expect(error.message.contains("row by row"))
        }
    }

    @Test func validityCountsARowValidOnlyWhenItsConditionIsTrue() throws {
        let suite = try loader.parse(rules(#"{"rule_id": "T", "table_name": "t", "rule_type": "validity", "condition": "amount > 0", "threshold": 99}"#), file: "x.json")
        guard case .rule(let condition, violationWhen: false) = suite.tables[0].checks[0].kind else { Issue.record("not a rule"); return }
        #expect(condition.text == "amount > 0")
        guard case .isBoolean(_, true, negated: false) = condition.expr else { Issue.record("NULL must not count as valid: \(condition.expr)"); return }
    }

    @Test func aCompletenessConditionOtherThanNotNullIsKept() throws {
        let suite = try loader.parse(rules(#"{"rule_id": "C", "table_name": "t", "column_name": "email", "rule_type": "completeness", "condition": "email <> ''", "threshold": 90}"#), file: "x.json")
        guard case .rule(_, violationWhen: false) = suite.tables[0].checks[0].kind else { Issue.record("the condition was dropped"); return }
    }

    @Test(arguments: ["flag_for_review", "quarantine", "notify", "none", "auto_fix"])
    func remediationActionsTheSeedNeverUsesAreRefused(_ action: String) throws {
        let e = try #require(error(rules(#"{"rule_id": "R", "table_name": "t", "column_name": "a", "rule_type": "completeness", "auto_remediation": true, "remediation_action": "\#(action)"}"#)))
        #expect(e.message.contains("unknown remediation_action '\(action)'"))
        #expect(e.message.contains("flag_for_followup or quarantine_transaction"))
    }

    @Test func aMisspeltRemediationActionGetsAHint() throws {
        let e = try #require(error(rules(#"{"rule_id": "R", "table_name": "t", "column_name": "a", "rule_type": "completeness", "remediation_action": "flag_for_folowup"}"#)))
        #expect(e.message.contains("did you mean 'flag_for_followup'"))
    }

    @Test func uniquenessThresholdsBelowAHundredAreNoticed() throws {
        let suite = try loader.parse(rules(#"{"rule_id": "U", "table_name": "t", "column_name": "a", "rule_type": "uniqueness", "threshold": 99}"#), file: "x.json")
        #expect(suite.tables[0].checks[0].thresholds.fail == .count(0))
        #expect(suite.notices.map(\.description).contains { $0.hasPrefix("threshold 99 (U): a uniqueness rule fails on any duplicate") })
    }

    @Test func unknownMonitoringAndAlertingKeysAreErrors() throws {
        let e = try #require(error(rules(#"{"rule_id": "R", "table_name": "t", "column_name": "a", "rule_type": "completeness"}"#,
                                         extra: #", "monitoring": {"check_interval_minute": 5}, "alerting": {"slack_hook": "https://x.example/a"}"#)))
        #expect(e.problems.count == 2)
        #expect(e.problems[0].message.contains("did you mean 'check_interval_minutes'"))
        #expect(e.problems[1].message.contains("did you mean 'slack_webhook'"))
    }

    @Test func limitsAreDecoded() throws {
        let suite = try loader.parse(rules(#"{"rule_id": "R", "table_name": "t", "column_name": "a", "rule_type": "completeness"}"#,
                                           extra: #", "limits": {"statement_timeout": "30s", "connect_timeout": "10s"}"#), file: "x.json")
        #expect(suite.limits == RunLimits(statementTimeout: TimeSpan(seconds: 30), connectTimeout: TimeSpan(seconds: 10)))
    }

    @Test func theWebhookPrintsWithoutItsPath() {
        #expect(WebhookURL("https://hooks.slack.com/services/T000/B000/XXXX").description == "https://hooks.slack.com/…")
        #expect(WebhookURL("https://user:secret@hooks.example.com/x").description == "https://hooks.example.com/…")
    }

    @Test func anEmptyTableHasNoViolationsToExceedAPercentage() {
        // The seed divides by COUNT(*) there; Assay judges the violations themselves, never a quotient.
        #expect(!ViolationLimit.percent(5).isExceeded(violations: 0, rows: 0))
        #expect(ViolationLimit.percent(5).isExceeded(violations: 1, rows: 19))
        #expect(!ViolationLimit.percent(100 - 99.9).isExceeded(violations: 1, rows: 1000), "99.9 % valid meets a 99.9 threshold")
    }
}
