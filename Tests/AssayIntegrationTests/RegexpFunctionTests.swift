import AssayTestSupport
import Assay
import Foundation
import GRDB
import Testing

/// SQLite's `regexp()` answers as ICU (and PostgreSQL) do, whichever engine serves the pattern.
@Suite("regexp() on SQLite")
struct RegexpFunctionTests {
    static let patterns = [
        #"^\d{3}-\d{2}-\d{4}$"#, #"^[0-9\-\(\)\s\+]+$"#, #"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"#,
        "b.c", "^$", "x|y", #"\bcat"#, "(?i)^ab", "é", "^.{3}$", "a+?b", "[[:upper:]]{2}",
    ]
    static let texts = ["123-45-6789", "123456789", "(555) 123-4567", "555-12x4", "a@b.co", "a@b", "", "abc", "xyz",
                        "the cat", "concat", "ABc", "café", "éé", "b\nc", "tab\there", "AB", "123", "ab"]

    @Test func agreesWithICUOnEveryPatternAndText() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("r.db"), "CREATE TABLE t(s TEXT)")
        let source = try SQLiteSource(path: dir.file("r.db"))
        for pattern in Self.patterns {
            var icuPattern = pattern
            let insensitive = icuPattern.hasPrefix("(?i)")
            if insensitive { icuPattern.removeFirst(4) }
            let icu = try RegexPattern.compile(icuPattern, caseInsensitive: insensitive)
            for text in Self.texts {
                let row = try await source.fetchOne(SQLFragment("SELECT ") + .bind(.text(text)) + " REGEXP " + .bind(.text(pattern)))
                #expect(row.first?.int == (icu.matches(text) ? 1 : 0), "\(text) ~ \(pattern)")
            }
        }
        let null = try await source.fetchOne(SQLFragment("SELECT NULL REGEXP 'a'"))
        #expect(null == [.null])
    }

    @Test func aBadPatternIsAnSQLErrorNotACrash() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("r.db"), "CREATE TABLE t(s TEXT)")
        let source = try SQLiteSource(path: dir.file("r.db"))
        await #expect(throws: SourceError.self) { try await source.fetchOne(SQLFragment("SELECT 'a' REGEXP '(['")) }
    }
}
