import AssayConfig
import AssayCore
import Foundation
import Testing

@Suite("Bounded configuration input")
struct ConfigInputLimitsTests {
    let loader = SuiteLoader(environment: [:])
    static let checks = "tables:\n  t:\n    checks:\n      - not_null: a\n"

    func error(_ text: String, file: String = "suite.yml") -> ConfigError? { loader.error(parsing: text, file: file) }

    /// Eleven levels of ten aliases each: 10^11 values if expanded.
    static func aliasBomb(under key: String) -> String {
        var lines = ["\(key):", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...10 {
            lines.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["defaults", "unknown_key"])
    func anAliasBombStopsAtTheBudgetWithAPlace(_ key: String) throws {
        let e = try #require(error(Self.aliasBomb(under: key) + Self.checks))
        #expect(e.message.contains("more than 250,000 values"), "\(e)")
        #expect(e.location != nil)
    }

    @Test func anAliasOfANestedAnchorAsAKeyEndsAtOnce() throws {
        // Hashing such keys to find duplicates took exponential time.
        let keyBomb = Self.aliasBomb(under: "defaults") + "weird:\n  ? *l10\n  : 1\n" + Self.checks
        #expect(try #require(error(keyBomb)).message.contains("more than 250,000 values"))
        let small = "a: &a [x, y]\nweird:\n  ? *a\n  : 1\n" + Self.checks
        let e = try #require(error(small))
        #expect(e.message.contains("mapping keys must be plain names"))
        #expect(e.location?.line == 3)
    }

    @Test(arguments: [
        ("x: *nowhere\n", "names no anchor"),
        ("a: 1\n---\nb: 2\n", "one YAML document"),
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: [1, 2\n", "invalid YAML"),
        ("- x\n  <<: 5\n", "invalid YAML"),
        ("a:\n  <<: 5\n", "merge key"),
    ])
    func malformedYAMLIsALocatedError(_ text: String, _ expected: String) throws {
        let e = try #require(error(text))
        #expect(e.message.contains(expected), "\(e)")
        #expect(e.location != nil)
    }

    @Test func anchorsAndMergeKeysShareCheckDefaults() throws {
        let suite = try loader.parse("""
            tables:
              customers:
                checks:
                  - not_null: email
                    <<: &strict {severity: HIGH, fail: 0}
                  - not_null: phone
                    <<: *strict
                    severity: LOW
                  - unique: &key [customer_id]
                  - not_null: *key
            """, file: "s.yml")
        let checks = suite.tables[0].checks
        #expect(checks.map(\.severity) == [.high, .low, .medium, .medium])
        #expect(checks[1].thresholds.fail == .count(0))
        #expect(checks[3].kind == .notNull(column: "customer_id"))
    }

    @Test(arguments: [
        "tables: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        "tables: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000),
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ])
    func deepNestingIsALocatedError(_ text: String) throws {
        let e = try #require(error(text))
        #expect(e.message.contains("nested more than 200 levels"), "\(e)")
        #expect(e.location?.line == 1)
    }

    @Test func deepJSONNestingIsALocatedError() throws {
        let text = #"{"tables": "# + String(repeating: #"{"a": "#, count: 10_000) + "1" + String(repeating: "}", count: 10_001)
        #expect(try #require(error(text, file: "x.json")).message.contains("nested more than 200 levels"))
    }

    @Test func textOverTheSizeLimitIsRefused() throws {
        let big = "# " + String(repeating: "x", count: 8 * 1024 * 1024) + "\n" + Self.checks
        #expect(try #require(error(big)).message.contains("larger than 8 MiB"))
    }

    @Test func surrogatePairsReadAsTheirCharacters() throws {
        let suite = try loader.parse(#"""
            {"name": "caf\u00e9 \ud83d\udcb0 \\ud83d", "rules": [{"rule_id": "R", "table_name": "t", "column_name": "a",
             "rule_type": "validity", "condition": "a <> '\ud83d\udcb0'"}]}
            """#, file: "x.json")
        #expect(suite.name == "café 💰 \\ud83d")
        guard case .rule(let condition, _) = suite.tables[0].checks[0].kind else { Issue.record("not a rule"); return }
        #expect(condition.text == "a <> '💰'")
    }

    @Test(arguments: [#"{"name": "x \ud83d y"}"#, #"{"name": "x \udcb0"}"#, #"{"name": "\ud83d\u0041"}"#])
    func aLoneSurrogateIsALocatedError(_ text: String) throws {
        let e = try #require(error(text, file: "x.json"))
        #expect(e.message.contains("lone UTF-16 surrogate"), "\(e)")
        #expect(e.location?.line == 1)
        #expect(e.location?.column == text.distance(from: text.startIndex, to: text.range(of: "\\u")!.lowerBound) + 1
                || text.contains("\\ud83d\\u0041"))
    }

    @Test func fileErrorsArePlainSentences() throws {
        let dir = NSTemporaryDirectory() + "assay-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func message(_ path: String) -> String {
            do {
                _ = try loader.load(path: path)
                return "loaded"
            } catch {
                return error.description
            }
        }
        #expect(message(dir) == "error: \(dir) is a directory, not a configuration file")
        #expect(message("/dev/null") == "error: /dev/null is a device, not a configuration file")
        #expect(message(dir + "/missing.yml") == "error: cannot read \(dir)/missing.yml: no such file")
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        #expect(message(dir + "/pipe") == "error: \(dir)/pipe is a named pipe (FIFO), not a configuration file")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: dir + "/latin1.yml"))
        #expect(message(dir + "/latin1.yml") == "\(dir)/latin1.yml:1:10: error: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8")
        try Data(count: 0).write(to: URL(fileURLWithPath: dir + "/empty.yml"))
        #expect(message(dir + "/empty.yml").contains("the file is empty"))
    }
}
