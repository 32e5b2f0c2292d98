import AssayCore

/// A uniqueness rule's condition in the seed's format: an assertion over the whole column such as
/// `COUNT(*) = COUNT(DISTINCT customer_id)`. Recognised forms, in any case and spacing, either side first:
///
/// - `COUNT(*) = COUNT(DISTINCT c)` (also `COUNT(1)`)
/// - `COUNT(c) = COUNT(DISTINCT c)`
/// - `COUNT(*) = COUNT(DISTINCT a, b)` or `COUNT(DISTINCT (a, b))` for several columns
///
/// Columns may be double-quoted; `=` may be written `==`; the whole may be in parentheses. Anything else is
/// not such an assertion.
struct AggregateAssertion: Equatable {
    /// The columns whose values (or combinations) must not repeat.
    var columns: [String]
    /// `COUNT(*)`: every row counts, so the assertion is also false when a value is NULL.
    var countsAllRows: Bool

    static let acceptedForms = "COUNT(*) = COUNT(DISTINCT column), COUNT(column) = COUNT(DISTINCT column) "
        + "or COUNT(*) = COUNT(DISTINCT column, column, ...)"

    /// The assertion `text` states, or `nil` when it is not one of the accepted forms.
    init?(_ text: String) {
        guard var tokens = Self.tokens(text) else { return nil }
        while tokens.first == "(" && tokens.last == ")" && Self.closes(tokens) {
            tokens = Array(tokens.dropFirst().dropLast())
        }
        guard let equals = tokens.firstIndex(where: { $0 == "=" || $0 == "==" }),
              let left = Self.count(tokens[..<equals]), let right = Self.count(tokens[(equals + 1)...])
        else { return nil }
        let (plain, distinct): (Count, Count)
        switch (left.distinct, right.distinct) {
        case (false, true): (plain, distinct) = (left, right)
        case (true, false): (plain, distinct) = (right, left)
        default: return nil
        }
        if let column = plain.columns.first {
            guard distinct.columns.count == 1, column.lowercased() == distinct.columns[0].lowercased() else { return nil }
        }
        columns = distinct.columns
        countsAllRows = plain.columns.isEmpty
    }

    /// Whether `text` calls an aggregate function (`COUNT(`, `SUM (`, ...) outside string literals: such a
    /// condition judges a whole column, not one row.
    static func callsAggregate(_ text: String) -> Bool {
        guard let tokens = tokens(text, lenient: true) else { return false }
        let aggregates: Set<String> = ["count", "sum", "avg", "min", "max", "stddev", "variance", "every", "bool_and", "bool_or",
                                       "array_agg", "string_agg", "group_concat", "total"]
        return zip(tokens, tokens.dropFirst()).contains { aggregates.contains($0.0.lowercased()) && $0.1 == "(" }
    }

    private struct Count {
        var distinct: Bool
        /// Empty for `COUNT(*)`.
        var columns: [String]
    }

    /// `COUNT ( * )`, `COUNT ( c )`, `COUNT ( DISTINCT c, ... )`, `COUNT ( DISTINCT ( c, ... ) )`.
    private static func count(_ slice: ArraySlice<String>) -> Count? {
        var t = Array(slice)
        guard t.count >= 4, t[0].lowercased() == "count", t[1] == "(", t.last == ")" else { return nil }
        t = Array(t[2..<(t.count - 1)])
        if t == ["*"] || t == ["1"] { return Count(distinct: false, columns: []) }
        var distinct = false
        if t.first?.lowercased() == "distinct" {
            distinct = true
            t.removeFirst()
            if t.first == "(" && t.last == ")" { t = Array(t.dropFirst().dropLast()) }
        }
        var columns: [String] = []
        for (i, token) in t.enumerated() {
            if i % 2 == 1 {
                guard token == "," else { return nil }
            } else {
                guard let column = identifier(token) else { return nil }
                columns.append(column)
            }
        }
        guard !columns.isEmpty, t.count % 2 == 1, distinct || columns.count == 1 else { return nil }
        return Count(distinct: distinct, columns: columns)
    }

    private static func identifier(_ token: String) -> String? {
        if token.hasPrefix("\""), token.hasSuffix("\""), token.count > 2 {
            return String(token.dropFirst().dropLast()).replacing("\"\"", with: "\"")
        }
        guard let first = token.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
              token.lowercased() != "distinct"
        else { return nil }
        return token
    }

    /// Whether the first token's parenthesis closes at the last token.
    private static func closes(_ tokens: [String]) -> Bool {
        var depth = 0
        for (i, token) in tokens.enumerated() {
            if token == "(" { depth += 1 }
            if token == ")" { depth -= 1 }
            if depth == 0 { return i == tokens.count - 1 }
        }
        return false
    }

    /// Words, double-quoted identifiers, and the punctuation `( ) , * = ==`; `nil` on anything else (or, when
    /// `lenient`, other characters and string literals are skipped).
    private static func tokens(_ text: String, lenient: Bool = false) -> [String]? {
        var tokens: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isWord(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s) }
        while i < scalars.count {
            let s = scalars[i]
            if s.properties.isWhitespace {
                i += 1
            } else if isWord(s) {
                var word = ""
                while i < scalars.count, isWord(scalars[i]) { word.unicodeScalars.append(scalars[i]); i += 1 }
                tokens.append(word)
            } else if s == "\"" || s == "'" {
                var quoted = String(s)
                i += 1
                while i < scalars.count {
                    quoted.unicodeScalars.append(scalars[i])
                    if scalars[i] == s {
                        if i + 1 < scalars.count, scalars[i + 1] == s { i += 2; quoted.unicodeScalars.append(s); continue }
                        break
                    }
                    i += 1
                }
                guard i < scalars.count else { return lenient ? tokens : nil }
                i += 1
                if s == "\"" { tokens.append(quoted) } else if !lenient { return nil }
            } else if "(),*".unicodeScalars.contains(s) {
                tokens.append(String(s))
                i += 1
            } else if s == "=" {
                if i + 1 < scalars.count, scalars[i + 1] == "=" { tokens.append("=="); i += 2 } else { tokens.append("="); i += 1 }
            } else if lenient {
                tokens.append(String(s))
                i += 1
            } else {
                return nil
            }
        }
        return tokens
    }
}
