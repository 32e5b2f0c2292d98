@testable import AssayCore
import Foundation
import Testing

/// The pure pieces behind the distribution, format and schema checks.
@Suite("Catalogue model")
struct CatalogueModelTests {
    @Test func rangesCompareNumbersDatesAndText() {
        let numbers = ValueRange(min: .integer(1), max: .decimal(2.5), strictMax: true)
        #expect(numbers.contains(.integer(1)) == true)
        #expect(numbers.contains(.double(2.5)) == false)
        #expect(numbers.contains(.double(0.99)) == false)
        let dates = ValueRange(min: .string("2024-01-01"))
        #expect(dates.contains(.timestamp("2024-01-01 00:00:01")) == true)
        #expect(dates.contains(.text("2023-12-31T23:59:59")) == false)
        #expect(ValueRange(max: .string("m")).contains(.text("z")) == false)
        #expect(ValueRange(min: .integer(1)).contains(.text("abc")) == nil)
        #expect(LiteralOrder.compare(.boolean(true), .boolean(true)) == 0)
        #expect(LiteralOrder.compare(.integer(0), .boolean(false)) == 0)
        #expect(ValueRange(min: .integer(3), max: .integer(1)).isInverted)
        #expect(!ValueRange(min: .string("a"), max: .integer(1)).isInverted)
    }

    @Test func strftimeFormatsBecomeAnchoredPatternsThatMatchWhatStrptimeReads() throws {
        let format = try StrftimeFormat("%Y-%m-%d %H:%M")
        #expect(format.pattern.hasPrefix("^") && format.pattern.hasSuffix("$"))
        let regex = try RegexPattern.compile(format.pattern, caseInsensitive: true)
        let matches = { (text: String) in regex.matches(text) }
        #expect(matches("2024-01-05 10:30") == true)
        #expect(matches("2024-1-5  9:05") == true)
        #expect(matches("2024-13-05 10:30") == false)
        #expect(matches("2024-01-05 10:30:00") == false)
        #expect(throws: StrftimeFormat.Invalid.self) { try StrftimeFormat("%Y-%Q") }
        // Days a month never has fit the syntax but are impossible, as strptime rejects them.
        let impossible = try format.impossibleDays.map { try RegexPattern.compile($0, caseInsensitive: true) }
        let leap = try #require(format.leapDays)
        func rejected(_ text: String) throws -> Bool {
            try impossible.contains { $0.matches(text) }
                || (RegexPattern.compile(leap.any).matches(text) && !RegexPattern.compile(leap.leap).matches(text))
        }
        #expect(try rejected("2024-04-31 10:00"))
        #expect(try rejected("2024-2-30 10:00"))
        #expect(try rejected("2023-02-29 10:00"))
        #expect(try rejected("1900-02-29 10:00"))
        #expect(try !rejected("2024-02-29 10:00"))
        #expect(try !rejected("2000-02-29 10:00"))
        #expect(try !rejected("2024-01-31 10:00"))
        #expect(try StrftimeFormat("%m/%d").impossibleDays.count == 3)
        #expect(try StrftimeFormat("%d %b %Y").impossibleDays.count == 2)
        #expect(try StrftimeFormat("%Y-%m").impossibleDays.isEmpty)
        #expect(throws: StrftimeFormat.Invalid.self) { try StrftimeFormat("100%") }
        #expect(try StrftimeFormat("%d.%m.%Y").pattern.contains("\\."))
    }

    @Test func declaredTypesMatchAcrossSpellings() {
        #expect(DeclaredType.matches("integer", "INTEGER"))
        #expect(DeclaredType.matches("int4", "integer"))
        #expect(DeclaredType.matches("character varying(20)", "VARCHAR"))
        #expect(DeclaredType.matches("double precision", "DOUBLE_PRECISION"))
        #expect(DeclaredType.matches("timestamp without time zone", "TIMESTAMP"))
        #expect(!DeclaredType.matches("bigint", "integer"))
        #expect(!DeclaredType.matches("text", "varchar"))
    }

    @Test func arrayTextReadsPostgreSQLArraysAndJSONArrays() {
        #expect(ArrayText.parse("{1,2.5,NULL}") == [.integer(1), .double(2.5), .null])
        #expect(ArrayText.parse(#"{"2024-01-01 10:00:00","a \"b\"",x}"#) == [.text("2024-01-01 10:00:00"), .text(#"a "b""#), .text("x")])
        #expect(ArrayText.parse("{}") == [])
        #expect(ArrayText.parse(#"[19.74,99.0,null,"a"]"#) == [.double(19.74), .double(99), .null, .text("a")])
        #expect(ArrayText.parse("1,2") == nil)
    }
}
