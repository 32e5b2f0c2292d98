/// Parenthesis nesting of generated SQL. SQLite 3.40's parser keeps at most 100 pending tokens (`YYSTACKDEPTH`), so
/// every needless pair of parentheses costs conditions depth; ``enclosed`` adds a pair only where one is needed.
extension SQLFragment {
    /// In parentheses, unless it already is one parenthesised group, a bound value or a (qualified) quoted name.
    package var enclosed: SQLFragment {
        isAtomic || isOneGroup ? self : parenthesized
    }

    /// The deepest nesting of parentheses (a function call's included), outside quoted text.
    package var nestingDepth: Int {
        var depth = 0, deepest = 0
        walk { char, _ in
            if char == "(" { depth += 1; deepest = max(deepest, depth) }
            if char == ")" { depth -= 1 }
            return true
        }
        return deepest
    }

    private var isAtomic: Bool {
        if template == String(Self.marker) { return true }
        guard template.hasSuffix("\""), let open = template.firstIndex(of: "\"") else { return false }
        let name = template[template.index(after: open)..<template.index(before: template.endIndex)]
        let prefix = template[..<open]
        return !name.contains("\"") && prefix.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            && (prefix.isEmpty || prefix.hasSuffix("."))
    }

    /// Whether the text is `( ... )` with the first parenthesis closing at the very end.
    private var isOneGroup: Bool {
        guard template.hasPrefix("("), template.hasSuffix(")") else { return false }
        var depth = 0
        var closedEarly = false
        walk { char, isLast in
            if char == "(" { depth += 1 }
            if char == ")" {
                depth -= 1
                if depth == 0 && !isLast { closedEarly = true; return false }
            }
            return true
        }
        return !closedEarly
    }

    /// Calls `body` on each character outside single-quoted strings and double-quoted names, with whether it is
    /// the last character; stops when `body` returns false.
    private func walk(_ body: (Character, Bool) -> Bool) {
        var quote: Character?
        var remaining = template.count
        for char in template {
            remaining -= 1
            if let open = quote {
                if char == open { quote = nil }
                continue
            }
            if char == "'" || char == "\"" { quote = char; continue }
            if !body(char, remaining == 0) { return }
        }
    }
}
