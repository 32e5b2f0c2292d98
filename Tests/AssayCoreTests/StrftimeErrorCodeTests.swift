import AssayCore
import Testing

@Suite("Extensible date-format error codes")
struct StrftimeErrorCodeTests {
    @Test(arguments: [("%Y-%Q", "unknownDirective", "%Q"), ("100%", "danglingPercent", "%")])
    func anInvalidFormatNamesItsProblem(_ format: String, _ code: String, _ directive: String) throws {
        let error = try #require(throws: StrftimeFormat.Invalid.self) { try StrftimeFormat(format) }
        #expect(error.code.rawValue == code)
        #expect(error.code.description == code)
        #expect(StrftimeFormat.Invalid.Code(rawValue: code) == error.code)
        #expect(error.directive == directive && error.format == format)
        #expect(error.description.contains("unsupported directive \(directive) in date format '\(format)'"))
    }

    @Test func codesAreDistinctAndUnknownNamesAreNone() {
        #expect(StrftimeFormat.Invalid.Code.unknownDirective != .danglingPercent)
        #expect(StrftimeFormat.Invalid.Code(rawValue: "noSuchCode") == nil)
    }
}
