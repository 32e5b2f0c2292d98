@testable import AssayCore
import Testing

@Suite("Why a regular expression does not compile")
struct RegexDiagnosisTests {
    @Test(arguments: [
        ("([", "the '[' at character 2 is never closed"),
        ("(abc", "the '(' at character 1 is never closed"),
        ("abc)", "the ')' at character 4 closes no group"),
        ("*abc", "the '*' at character 1 has nothing to repeat"),
        ("a|+b", "the '+' at character 3 has nothing to repeat"),
        ("a{3,1}", "the bound {3,1} at character 2 has its minimum above its maximum"),
        ("abc\\", "it ends with a lone backslash"),
    ])
    func plainReasons(_ pattern: String, _ reason: String) {
        let message = RegexPattern.validate(pattern)
        #expect(message == reason)
        #expect(message?.contains("The operation could not be completed") != true)
    }

    @Test(arguments: ["^\\d{3}-\\d{2}-\\d{4}$", "[a-z]+@[a-z.]+", "(?i)abc", "a{2,}", "[]a]", "x*?y", ""])
    func validPatternsCompile(_ pattern: String) {
        #expect(RegexPattern.validate(pattern) == nil)
    }
}
