import AssayConfig
import AssayCore
import Testing

@Suite("No password in configuration errors")
struct ConfigSecretTests {
    static let secret = "Zq9xLeakCanary"
    static let url = "postgres://app:\(secret)@db.example:5432/bank"

    func error(_ text: String, environment: [String: String] = [:]) -> ConfigError? {
        SuiteLoader(environment: environment).error(parsing: text, file: "suite.yml")
    }

    func expectNoSecret(_ e: ConfigError) {
        for text in [e.description, String(reflecting: e), e.message] + e.problems.map(\.message) {
            #expect(!text.contains(Self.secret), "\(text)")
        }
    }

    @Test func aMessageQuotingAURLShowsItsPasswordAsStars() throws {
        let e = try #require(error("tables:\n  t:\n    checks:\n      - not_null: a\n        severity: '\(Self.url)'\n"))
        #expect(e.code == .invalidValue)
        #expect(e.message.contains("postgres://app:***@db.example:5432/bank"), "\(e)")
        expectNoSecret(e)
    }

    @Test func anInterpolationErrorDoesNotQuoteTheValueAroundIt() throws {
        let e = try #require(error("source: '\(Self.url)?application_name=${APP'\ntables:\n  t:\n    checks:\n      - not_null: a\n"))
        #expect(e.code == .environment)
        expectNoSecret(e)
        let inDefault = try #require(error("source: '${PW:-\(Self.secret)'\ntables:\n  t:\n    checks:\n      - not_null: a\n"))
        #expect(inDefault.code == .environment)
        expectNoSecret(inDefault)
        let badName = try #require(error("source: '${P-W:-\(Self.secret)}'\ntables:\n  t:\n    checks:\n      - not_null: a\n"))
        #expect(badName.code == .environment)
        expectNoSecret(badName)
    }

    @Test func aPasswordFromTheEnvironmentReachesTheSourceButNotItsRedactedForm() throws {
        let suite = try SuiteLoader(environment: ["PW": Self.secret])
            .parse("source: postgres://app:${PW}@db.example/bank\ntables:\n  t:\n    checks:\n      - not_null: a\n", file: "suite.yml")
        let source = try #require(suite.source)
        #expect(source.contains(Self.secret))
        #expect(SourceURL.redacted(source) == "postgres://app:***@db.example/bank")
    }
}
