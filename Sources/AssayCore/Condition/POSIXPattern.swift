/// Translates a PostgreSQL regular expression to a POSIX extended one (for `regcomp`), when it uses only
/// what both understand: classes, bracket expressions, anchors, groups, alternation and bounds. Anything
/// else — lookaround, back-references, non-greedy quantifiers, word boundaries — returns `nil`, and the
/// caller keeps the ICU engine. `\d`, `\s`, `\w` become POSIX classes; escaped punctuation becomes literal.
package enum POSIXPattern {
    package static func translate(_ pattern: String) -> String? {
        var out = ""
        var chars = Array(pattern)[...]
        while let c = chars.popFirst() {
            switch c {
            case "\\":
                guard let e = chars.popFirst(), let piece = escapeOutside(e) else { return nil }
                out += piece
            case "[":
                guard let set = bracket(&chars) else { return nil }
                out += set
            case "(":
                if chars.first == "?" { return nil }
                out.append(c)
            case "*", "+", "?", "}":
                if chars.first == "?" { return nil }
                out.append(c)
            default:
                out.append(c)
            }
        }
        return out
    }

    private static let special: Set<Character> = [".", "[", "]", "(", ")", "*", "+", "?", "{", "}", "|", "^", "$", "\\"]

    private static func escapeOutside(_ e: Character) -> String? {
        switch e {
        case "d": "[0-9]"
        case "D": "[^0-9]"
        case "s": "[[:space:]]"
        case "S": "[^[:space:]]"
        case "w": "[[:alnum:]_]"
        case "W": "[^[:alnum:]_]"
        case "n": "\n"
        case "t": "\t"
        default:
            if special.contains(e) { "\\" + String(e) }
            else if e.isLetter || e.isNumber { nil }
            else { String(e) }
        }
    }

    /// Reads a bracket expression after `[` and writes it in POSIX form, or `nil` if it cannot be.
    private static func bracket(_ chars: inout ArraySlice<Character>) -> String? {
        var negated = false
        if chars.first == "^" {
            negated = true
            chars.removeFirst()
        }
        var items = ""
        var literalDash = false, literalBracket = false, literalCaret = false
        var first = true
        while let c = chars.popFirst() {
            if c == "]" && !first {
                var set = "[" + (negated ? "^" : "") + (literalBracket ? "]" : "") + items
                if literalCaret { set += "^" }
                if literalDash { set += "-" }
                if set == "[" || set == "[^" { return nil }
                if !negated && items.isEmpty && !literalBracket && literalCaret && !literalDash { return "\\^" }
                return set + "]"
            }
            first = false
            switch c {
            case "]": literalBracket = true
            case "^": literalCaret = true
            case "\\":
                guard let e = chars.popFirst() else { return nil }
                switch e {
                case "d": items += "0-9"
                case "s": items += "[:space:]"
                case "w": items += "[:alnum:]_"
                case "n": items += "\n"
                case "t": items += "\t"
                case "-": literalDash = true
                case "]": literalBracket = true
                case "^": literalCaret = true
                default:
                    if e.isLetter || e.isNumber { return nil }
                    items.append(e)
                }
            case "-":
                // A range needs an item before and a plain character after; otherwise the dash is literal.
                if let next = chars.first, next != "]", next != "\\", !items.isEmpty, items.last != "]" {
                    items.append("-")
                } else {
                    literalDash = true
                }
            case "[":
                guard chars.first == ":" else { items.append(c); continue }
                guard let end = chars.firstRange(of: [":", "]"]) else { return nil }
                items += "[" + String(chars[..<end.upperBound])
                chars = chars[end.upperBound...]
            default:
                items.append(c)
            }
        }
        return nil
    }
}
