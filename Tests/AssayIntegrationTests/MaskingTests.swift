import AssayTestSupport
import Assay
import Foundation
import Testing

/// Personal values never reach a report unmasked: not in samples, messages or observed values, in any format.
@Suite("Masking of personal data in every report", .serialized)
struct MaskingTests {
    static let data = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, ssn TEXT, email TEXT, surname TEXT,
                               date_of_birth TEXT, card_number TEXT, segment TEXT, tier TEXT);
        INSERT INTO customers VALUES
          (1, '123-45-6789', 'zoe@bank.example',  'Zimmermann', '1980-05-17', '4111111111111111', 'gold',   'a'),
          (2, '987-65-4321', 'adam@bank.example', 'Abbott',     '1975-12-02', '5500005555555559', 'silver', 'b'),
          (3, '987-65-4321', 'adam@bank.example', 'Abbott',     '1990-07-30', '4000056655665556', 'silver', 'c');
        """

    /// Every personal value of the table, as it is stored.
    static let secrets = ["123-45-6789", "987-65-4321", "zoe@bank.example", "adam@bank.example", "Zimmermann", "Abbott",
                          "1980-05-17", "1975-12-02", "1990-07-30", "4111111111111111", "5500005555555559",
                          "4000056655665556", "gold", "silver"]

    static let suite = """
        tables:
          customers:
            pii: [segment]
            checks:
              - max: {column: ssn, max: '100-00-0000'}
              - min: {column: email, min: 'b'}
              - max: {column: date_of_birth, max: '1985-01-01'}
              - median: {column: customer_id, max: 1}
              - most_common_value: {column: surname, values: [Nobody]}
              - distinct_in_set: {column: segment, values: [bronze]}
              - distinct_equal_set: {column: email, values: [x@y.z]}
              - quantiles: {column: card_number, ranges: [{quantile: 0.5, max: '1'}]}
              - unique: ssn
              - regex: {column: email, pattern: '^z'}
              - freshness: {column: date_of_birth, fail: 1d}
        """

    @Test("no personal value appears in any format", arguments: ["text", "json", "junit", "gx"])
    func nothingLeaks(_ format: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        try Self.suite.write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", "suite.yml", "--source", "sqlite:bank.db", "--format", format],
                                          in: dir.path)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        for secret in Self.secrets {
            #expect(!output.stdout.contains(secret), "\(format) shows '\(secret)':\n\(output.stdout)")
        }
        // The checks still say what they found, masked.
        #expect(output.stdout.contains("***-**-4321"), "\(output.stdout)")
        #expect(output.stdout.contains("****-**-**"), "\(output.stdout)")
        // With --show-pii the values are there.
        let shown = try AssayProcess.run(["check", "--config", "suite.yml", "--source", "sqlite:bank.db", "--format", format,
                                          "--show-pii"], in: dir.path)
        #expect(shown.stdout.contains("987-65-4321"), "\(shown.stdout)")
    }

    @Test func observedValuesOfPersonalColumnsAreMaskedAndCountsAreNot() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        let yaml = Self.suite + "\n      - distinct_count: {column: ssn, min: 5}\n      - max: {column: tier, max: 'a'}\n"
        let result = try await run(yaml: yaml, database: dir.file("bank.db"))
        let ssnMax = try #require(result.result("customers", "max_ssn"))
        #expect(ssnMax.observedValue == .text("***-**-4321"))
        #expect(ssnMax.observed == nil)
        #expect(result.result("customers", "distinct_count_ssn")?.observed == 2)
        // `tier` is not personal: shown as it is.
        #expect(result.result("customers", "max_tier")?.observedValue == .text("c"))
        #expect(result.result("customers", "max_tier")?.message.contains("is c") == true)
        let mostCommon = try #require(result.result("customers", "most_common_value_surname"))
        #expect(mostCommon.observedValues == [.text("A***")])
        #expect(mostCommon.message.contains("A***"))
    }

    @Test func notPIIShowsAColumnTheDetectionWouldMask() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), Self.data)
        let yaml = """
            tables:
              customers:
                not_pii: [surname]
                checks:
                  - most_common_value: {column: surname, values: [Nobody]}
                  - max: {column: ssn, max: '100-00-0000'}
            """
        let result = try await run(yaml: yaml, database: dir.file("bank.db"))
        #expect(result.result("customers", "most_common_value_surname")?.observedValues == [.text("Abbott")])
        #expect(result.result("customers", "max_ssn")?.observedValue == .text("***-**-4321"))
    }
}
