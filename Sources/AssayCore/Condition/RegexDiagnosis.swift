import Foundation

/// Says in plain words why a regular expression does not compile (ICU's own error has no detail on Linux):
/// the first unclosed bracket or group, unmatched `)`, a quantifier with nothing to repeat, an inverted bound or
/// a trailing backslash, with its 1-based character position.
enum RegexDiagnosis {
    static func reason(_ pattern: String) -> String {
        let chars = Array(pattern)
        var groups: [Int] = []
        var i = 0
        var canRepeat = false
        while i < chars.count {
            let c = chars[i], position = i + 1
            switch c {
            case "\\":
                guard i + 1 < chars.count else { return "it ends with a lone backslash" }
                i += 1
                canRepeat = true
            case "[":
                var j = i + 1
                if j < chars.count, chars[j] == "^" { j += 1 }
                if j < chars.count, chars[j] == "]" { j += 1 }
                while j < chars.count, chars[j] != "]" { j += chars[j] == "\\" ? 2 : 1 }
                guard j < chars.count else { return "the '[' at character \(position) is never closed" }
                i = j
                canRepeat = true
            case "(":
                groups.append(position)
                canRepeat = false
                if i + 1 < chars.count, chars[i + 1] == "?" { i += 1 }
            case ")":
                guard groups.popLast() != nil else { return "the ')' at character \(position) closes no group" }
                canRepeat = true
            case "|":
                canRepeat = false
            case "*", "+", "?":
                guard canRepeat else { return "the '\(c)' at character \(position) has nothing to repeat" }
                if i + 1 < chars.count, chars[i + 1] == "?" || chars[i + 1] == "+" { i += 1 }
                canRepeat = false
            case "{":
                guard let close = chars[i...].firstIndex(of: "}") else { canRepeat = true; break }
                let bounds = String(chars[(i + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                let numbers = bounds.map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard bounds.count <= 2, numbers.first.flatMap({ $0 }) != nil else { canRepeat = true; break }
                guard canRepeat else { return "the bound at character \(position) has nothing to repeat" }
                if bounds.count == 2, let low = numbers[0], let high = numbers[1], low > high {
                    return "the bound {\(low),\(high)} at character \(position) has its minimum above its maximum"
                }
                i = close
                canRepeat = false
            default:
                canRepeat = c != "^"
            }
            i += 1
        }
        if let open = groups.last { return "the '(' at character \(open) is never closed" }
        return "ICU cannot compile it"
    }
}
