import AssayConfig
import AssayCore
import Testing

@Suite("fix: settings in a suite")
struct FixConfigTests {
    let loader = SuiteLoader(environment: [:])

    func suite(_ tables: String, defaults: String = "") throws -> Suite {
        try loader.parse("name: t\n\(defaults)tables:\n" + tables, file: "suite.yml")
    }

    func check(_ suite: Suite, _ id: String) throws -> Check {
        try #require(suite.tables.flatMap(\.checks).first { $0.id == id })
    }

    func error(_ tables: String, defaults: String = "") -> ConfigError? {
        loader.error(parsing: "name: t\n\(defaults)tables:\n" + tables, file: "suite.yml")
    }

    @Test func eachFormAtTheCheck() throws {
        let s = try suite("""
              customers:
                checks:
                  - regex: {column: ssn, pattern: '^\\d{3}-\\d{2}-\\d{4}$'}
                    id: a
                    fix: {rules: [ssn], min_confidence: 0.99}
                  - regex: {column: email, pattern: '@'}
                    id: b
                    fix: auto
                  - regex: {column: phone, pattern: '^\\d+$'}
                    id: c
                    fix: [phone]
                  - regex: {column: phone, pattern: '^\\d+$'}
                    id: d
                    fix: {min_confidence: 90%}
                  - regex: {column: phone, pattern: '^\\d+$'}
                    id: e
            """)
        #expect(try check(s, "a").fix == FixSettings(rules: .named([.ssn]), minConfidence: 0.99))
        #expect(try check(s, "b").fix == FixSettings(rules: .auto, minConfidence: 0.95))
        #expect(try check(s, "c").fix == FixSettings(rules: .named([.phone])))
        #expect(try check(s, "d").fix == FixSettings(rules: .auto, minConfidence: 0.9))
        #expect(try check(s, "e").fix == nil)
    }

    @Test func levelsMergeFromSuiteToTableToCheck() throws {
        let s = try suite("""
              accounts:
                fix: {rules: auto}
                checks:
                  - in_set: {column: account_type, values: [checking, savings]}
                    id: inherits
                  - column_pair: 'closed_date >= opened_date'
                    id: stricter
                    fix: {min_confidence: 0.99}
                  - not_null: account_type
                    id: off
                    fix: off
              customers:
                checks:
                  - regex: {column: email, pattern: '@'}
                    id: suite_default
              ledger:
                fix: false
                checks:
                  - in_set: {column: kind, values: [debit, credit]}
                    id: table_off
            """, defaults: "defaults: {fix: {min_confidence: 0.97}}\n")
        #expect(try check(s, "inherits").fix == FixSettings(rules: .auto, minConfidence: 0.97))
        #expect(try check(s, "stricter").fix == FixSettings(rules: .auto, minConfidence: 0.99))
        #expect(try check(s, "off").fix == nil)
        #expect(try check(s, "suite_default").fix == FixSettings(rules: .auto, minConfidence: 0.97))
        #expect(try check(s, "table_off").fix == nil)
    }

    @Test func anUnknownRuleNameIsLocatedWithAHint() throws {
        let e = try #require(error("""
              customers:
                checks:
                  - regex: {column: email, pattern: '@'}
                    fix: {rules: [emial]}
            """))
        #expect(e.code == .unknownKey)
        #expect(e.description.contains("suite.yml:6:"))
        #expect(e.description.contains("unknown fix rule 'emial'; did you mean 'email'?"))
    }

    @Test(arguments: [
        ("fix: {rules: [ssn], min_confidence: 1.5}", "min_confidence must be a number from 0 to 1"),
        ("fix: {rules: [ssn], min_confidence: high}", "min_confidence must be a number from 0 to 1"),
        ("fix: {rule: [ssn]}", "did you mean 'rules'?"),
        ("fix: sometimes", "fix must be auto, off"),
        ("fix: [ssn, ssn]", "list ssn twice"),
        ("fix: [category]", "fix rule category cannot fix this check"),
    ])
    func badSettingsAreLocatedErrors(setting: String, message: String) throws {
        let e = try #require(error("""
              customers:
                checks:
                  - regex: {column: ssn, pattern: '^\\d{3}-\\d{2}-\\d{4}$'}
                    \(setting)
            """))
        #expect(e.description.contains(message), "\(e.description)")
        #expect(e.description.contains("suite.yml:6:"), "\(e.description)")
    }

    @Test func aCheckThatCannotBeFixedRowByRowSaysSo() throws {
        let unique = try #require(error("""
              customers:
                checks:
                  - unique: email
                    fix: [email]
            """))
        #expect(unique.description.contains("a unique check cannot be fixed row by row"))
        let nothingFits = try #require(error("""
              customers:
                checks:
                  - regex: {column: notes, pattern: '^x'}
                    fix: auto
            """))
        #expect(nothingFits.description.contains("fix: auto finds no rule for this regex check"))
        // A table default does not make every check of the table an error.
        let s = try suite("""
              customers:
                fix: auto
                checks:
                  - unique: email
                  - regex: {column: notes, pattern: '^x'}
            """)
        #expect(s.tables[0].checks.allSatisfy { $0.fix == FixSettings() })
    }
}
