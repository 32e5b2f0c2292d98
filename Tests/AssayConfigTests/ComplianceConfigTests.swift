import AssayConfig
import AssayCore
import Testing

@Suite("Compliance configuration: SLA targets by severity and per check")
struct ComplianceConfigTests {
    let loader = SuiteLoader(environment: [:])

    @Test("compliance.targets overrides severities it names; a check's sla is its own; others keep the defaults")
    func targets() throws {
        let suite = try loader.parse("""
            name: bank
            compliance:
              targets: {CRITICAL: 99.5, high: "97%"}
            tables:
              payments:
                checks:
                  - not_null: [amount, currency]
                    severity: CRITICAL
                    sla: 99.9
                  - unique: payment_id
            """, file: "bank.yml")
        #expect(suite.compliance.bySeverity == [.critical: 99.5, .high: 97])
        #expect(suite.compliance.target(for: .critical) == 99.5 && suite.compliance.target(for: .medium) == 90)
        #expect(suite.tables[0].checks.map(\.sla) == [99.9, 99.9, nil])
        #expect(ComplianceTargets().target(for: .high) == 95 && ComplianceTargets().target(for: .low) == 90)
    }

    @Test("bad targets are errors at their place", arguments: [
        ("compliance:\n  targets: {SEVERE: 99}\n", "bank.yml:2:13: error: unknown severity 'SEVERE' in compliance.targets"),
        ("compliance:\n  targets: {HIGH: 120}\n", "bank.yml:2:19: error: the target of HIGH is a percentage above 0 and at most 100"),
        ("compliance:\n  targets: {HIGH: 0}\n", "bank.yml:2:19: error: the target of HIGH is a percentage"),
        ("compliance:\n  goal: 99\n", "bank.yml:2:3: error: unknown key 'goal'"),
        ("compliance:\n  targets: {HIGH: lots}\n", "bank.yml:2:19: error: the target of HIGH is a percentage above 0 and at most 100 (like 99.5), not 'lots'"),
    ])
    func badTargets(section: String, expected: String) {
        let error = loader.error(parsing: section + "tables:\n  t:\n    checks:\n      - not_null: a\n", file: "bank.yml")
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
    }

    @Test("a bad sla is an error at its place")
    func badSLA() {
        let error = loader.error(parsing: "tables:\n  t:\n    checks:\n      - not_null: a\n        sla: -5\n", file: "bank.yml")
        #expect(error?.description.contains("bank.yml:5:14: error: sla is a percentage above 0 and at most 100 (like 99.5), not '-5'") == true,
                "\(error?.description ?? "no error")")
    }
}
