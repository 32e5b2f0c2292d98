import AssayCore
import Testing

@Suite("PostgreSQL patterns in POSIX form")
struct POSIXPatternTests {
    @Test(arguments: [
        (#"^\d{3}-\d{2}-\d{4}$"#, "^[0-9]{3}-[0-9]{2}-[0-9]{4}$"),
        (#"^[0-9\-\(\)\s\+]+$"#, "^[0-9()[:space:]+-]+$"),
        (#"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"#, #"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"#),
        (#"a\/b"#, "a/b"),
        (#"[]a]"#, "[]a]"),
        (#"[^\d]"#, "[^0-9]"),
        ("[[:alpha:]_]+", "[[:alpha:]_]+"),
    ])
    func translates(_ pattern: String, _ expected: String) {
        #expect(POSIXPattern.translate(pattern) == expected)
    }

    @Test(arguments: [#"\bword"#, "(?=x)", "a+?", #"(a)\1"#, #"[\D]"#, #"\y"#, "[abc"])
    func leavesTheRestToICU(_ pattern: String) {
        #expect(POSIXPattern.translate(pattern) == nil)
    }
}
