import AssayConfig
import AssayCore
import Foundation
import Testing

@Suite("Configuration error codes")
struct ConfigErrorCodeTests {
    let loader = SuiteLoader(environment: [:])

    static func table(_ checks: String) -> String { "tables:\n  t:\n    checks:\n" + checks }

    /// A file that is wrong in exactly one way, and the code of its one problem.
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var code: ConfigError.Code
        var table: String?

        var description: String { "\(code): \(text.prefix(60))" }
    }

    static let cases: [Case] = [
        Case(text: "", code: .emptyFile),
        Case(text: "# only a comment\n", code: .emptyFile),
        Case(text: "tables: [a\n", code: .syntax),
        Case(text: "a: 1\n---\nb: 2\n", code: .syntax),
        Case(text: "x: *nowhere\n", code: .syntax),
        Case(text: #"{"name": "\ud800x", "tables": {}}"#, code: .syntax),
        Case(text: String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n", code: .tooLarge),
        Case(text: table("      - not_null: a\n") + "colour: red\n", code: .unknownKey),
        Case(text: table("      - severity: high\n"), code: .missingKey),
        Case(text: table("      - between: {column: a}\n"), code: .missingKey),
        Case(text: "name: a\nname: b\n" + table("      - not_null: a\n"), code: .duplicate),
        Case(text: table("      - not_null: a\n      - not_null: a\n"), code: .duplicate),
        Case(text: table("      - not_null: a\n        unique: [b]\n"), code: .conflict),
        Case(text: table("      - rule: {violation: \"a > 1\", expect: \"a < 1\"}\n"), code: .conflict),
        Case(text: "tables: [a]\n", code: .typeMismatch),
        Case(text: table("      - not_null: [a, [b]]\n"), code: .typeMismatch),
        Case(text: table("      - not_null: a\n        severity: urgent\n"), code: .invalidValue),
        Case(text: table("      - row_count: {min: 10, max: 5}\n"), code: .invalidValue),
        Case(text: table("      - not_null: a\n        warn: 5%\n        fail: 1%\n"), code: .invalidValue),
        Case(text: table("      - rule: {violation: \"a = \"}\n"), code: .condition),
        Case(text: table("      - regex: {column: a, pattern: '(['}\n"), code: .condition),
        Case(text: "name: ${ASSAY_TEST_UNSET}\n" + table("      - not_null: a\n"), code: .environment),
        Case(text: "name: x${A\n" + table("      - not_null: a\n"), code: .environment),
        Case(text: #"{"expectations": [{"type": "expect_column_max_to_be_between", "kwargs": {"column": "n", "min_value": {"$PARAMETER": "upstream_max"}}}]}"#,
             code: .unsupported, table: "t"),
        Case(text: #"{"expectations": [{"type": "expect_column_to_exist", "kwargs": {"column": "n"}}]}"#, code: .usage),
        Case(text: table("      - not_null: a\n"), code: .usage, table: "t"),
    ]

    @Test(arguments: cases)
    func eachKindOfProblemHasItsCode(_ c: Case) throws {
        let e = try #require(error(c.text, table: c.table))
        #expect(e.problems.map(\.code) == [c.code], "\(e)")
    }

    @Test func theCodesOfEveryProblemOfAFileSurviveCombining() throws {
        let e = try #require(error(Self.table("""
                  - not_null: a
                    severty: HIGH
                  - between: {column: a, min: 10, max: 1}
                  - rule: {violation: "a ="}
            """ + "\n")))
        #expect(e.problems.map(\.code) == [.unknownKey, .invalidValue, .condition], "\(e)")
        #expect(e.code == .unknownKey)
    }

    @Test func filesThatCannotBeReadHaveTheirCodes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-codes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let latin1 = dir.appendingPathComponent("latin1.yml")
        try Data("name: caf\u{E9}\n".data(using: .isoLatin1)!).write(to: latin1)
        let large = dir.appendingPathComponent("large.yml")
        try Data(repeating: UInt8(ascii: "#"), count: 8 * 1024 * 1024 + 1).write(to: large)
        #expect(loadError(dir.appendingPathComponent("missing.yml").path)?.code == .unreadableFile)
        #expect(loadError(dir.path)?.code == .unreadableFile)
        #expect(loadError(latin1.path)?.code == .encoding)
        #expect(loadError(large.path)?.code == .tooLarge)
    }

    @Test func codesAreStableNamesThatGrowWithoutBreakingASwitch() {
        #expect(ConfigError.Code.unknownKey.rawValue == "unknownKey")
        #expect(ConfigError.Code(rawValue: "invalidValue") == .invalidValue)
        #expect(ConfigError.Code(rawValue: "noSuchCode") == nil)
        #expect("\(ConfigError.Code.environment)" == "environment")
        let reaction: String = switch ConfigError.Code.syntax {
        case .syntax, .encoding: "fix the file"
        default: "fix the setting"
        }
        #expect(reaction == "fix the file")
    }

    func error(_ text: String, table: String? = nil) -> ConfigError? {
        do {
            _ = try loader.parse(text, file: "suite.yml", table: table)
            return nil
        } catch {
            return error
        }
    }

    func loadError(_ path: String) -> ConfigError? {
        do {
            _ = try loader.load(path: path)
            return nil
        } catch {
            return error
        }
    }
}
