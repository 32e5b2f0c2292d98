import Foundation

/// PostgreSQL-style regular expressions (`~`, `!~`) evaluated with ICU, for engines without them.
///
/// PostgreSQL's advanced regular expressions and ICU agree on the common syntax (`\d`, `\s`, `\w`,
/// classes, anchors, bounds); PostgreSQL's word-boundary escapes are translated.
package enum RegexPattern {
    /// The ICU form of a PostgreSQL pattern.
    package static func translate(_ pattern: String) -> String {
        var out = ""
        var chars = pattern.makeIterator()
        while let ch = chars.next() {
            guard ch == "\\", let next = chars.next() else {
                out.append(ch)
                continue
            }
            switch next {
            case "y": out += "\\b"
            case "Y": out += "\\B"
            case "m": out += "\\b(?=\\w)"
            case "M": out += "\\b(?<=\\w)"
            default: out += "\\" + String(next)
            }
        }
        return out
    }

    /// Compiles a PostgreSQL pattern. As in PostgreSQL, `.` matches a newline, and the empty pattern matches
    /// every text (ICU refuses an empty pattern; `(?:)` is its equivalent).
    package static func compile(_ pattern: String, caseInsensitive: Bool = false) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : translate(pattern),
                                options: caseInsensitive ? [.caseInsensitive, .dotMatchesLineSeparators] : [.dotMatchesLineSeparators])
    }

    /// `nil` when the pattern compiles, otherwise the reason it does not.
    @Sendable public static func validate(_ pattern: String) -> String? {
        do {
            _ = try compile(pattern)
            return nil
        } catch {
            return RegexDiagnosis.reason(pattern)
        }
    }
}

extension NSRegularExpression {
    /// Whether the pattern matches anywhere in `text` (PostgreSQL `~` semantics: unanchored search).
    package func matches(_ text: String) -> Bool {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
