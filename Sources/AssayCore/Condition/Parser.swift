import Foundation

/// Parses condition text into an ``Expr``. Only the documented grammar is accepted: no subqueries,
/// statement separators, comments or unknown functions.
///
/// ```swift
/// let expr = try ConditionParser.parse("amount > 0 AND amount < 1000000")
/// ```
package struct ConditionParser {
    private let text: String
    private let tokens: [Token]
    private var position = 0
    /// Levels of recursion open while parsing.
    private var nesting = 0

    /// Parses a complete condition.
    /// - Throws: ``ConditionError`` naming the offending position.
    package static func parse(_ text: String) throws(ConditionError) -> Expr {
        var lexer = Lexer(text)
        guard text.utf8.count <= ConditionLimits.maxLength else {
            let allowed = String(decoding: text.utf8.prefix(ConditionLimits.maxLength), as: UTF8.self)
            throw ConditionError(.limit, "condition is too long (\(text.utf8.count) bytes; at most \(ConditionLimits.maxLength))",
                                 offset: allowed.count, text: text)
        }
        var parser = ConditionParser(text: text, tokens: try lexer.tokens())
        guard parser.current.kind != .end else {
            throw ConditionError(.syntax, "empty condition", offset: 0, text: text)
        }
        let expr = try parser.expression().expr
        guard parser.current.kind == .end else {
            throw parser.unexpected("end of condition")
        }
        return expr
    }

    private init(text: String, tokens: [Token]) {
        self.text = text
        self.tokens = tokens
    }

    private static let statementWords: Set<String> = [
        "SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "TRUNCATE", "UNION", "EXISTS", "WITH",
        "GRANT", "REVOKE", "EXEC", "EXECUTE", "ATTACH", "DETACH", "PRAGMA", "COPY", "INTO", "VACUUM",
    ]
    private static let reserved: Set<String> = [
        "AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "LIKE", "ILIKE", "BETWEEN", "IN", "CASE", "WHEN",
        "THEN", "ELSE", "END", "CAST", "AS", "EXTRACT", "FROM", "INTERVAL", "DATE", "TIMESTAMP", "ESCAPE",
        "CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP",
    ]

    // MARK: - Token helpers

    private var current: Token { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func error(_ code: ConditionError.Code, _ message: String, at offset: Int? = nil) -> ConditionError {
        ConditionError(code, message, offset: offset ?? current.offset, text: text)
    }

    private func unexpected(_ expected: String) -> ConditionError {
        let found: String
        switch current.kind {
        case .end: found = "end of condition"
        case .identifier(let w): found = "'\(w)'"
        case .quotedIdentifier(let w): found = "\"\(w)\""
        case .string(let s): found = "string '\(s)'"
        case .integer(let n): found = "\(n)"
        case .decimal(let d): found = "\(d)"
        case .symbol(let s): found = "'\(s)'"
        }
        return error(.syntax, "expected \(expected) but found \(found)")
    }

    private mutating func accept(keyword: String) -> Bool {
        guard current.keyword == keyword else { return false }
        advance()
        return true
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current.symbol == symbol else { return false }
        advance()
        return true
    }

    private mutating func expect(keyword: String) throws(ConditionError) {
        guard accept(keyword: keyword) else { throw unexpected(keyword) }
    }

    private mutating func expect(symbol: String) throws(ConditionError) {
        guard accept(symbol: symbol) else { throw unexpected("'\(symbol)'") }
    }

    // MARK: - Nesting

    /// An expression with the number of levels it occupies, so that depth is bounded while the tree is built.
    private struct Node {
        var expr: Expr
        var height: Int
    }

    /// Opens one level of recursion (a parenthesis, argument list, NOT or sign); refuses the level past the limit
    /// before descending, so that no text can exhaust the stack.
    private mutating func enter() throws(ConditionError) {
        nesting += 1
        guard nesting <= ConditionLimits.maxDepth else { throw ConditionLimits.tooDeep(at: current.offset, text: text) }
    }

    /// A node one level above `children`, refused when it would be deeper than the limit.
    private func node(_ expr: Expr, over children: Node...) throws(ConditionError) -> Node {
        try node(expr, over: children)
    }

    private func node(_ expr: Expr, over children: [Node]) throws(ConditionError) -> Node {
        let height = (children.map(\.height).max() ?? 0) + 1
        guard height <= ConditionLimits.maxDepth else { throw ConditionLimits.tooDeep(at: current.offset, text: text) }
        return Node(expr: expr, height: height)
    }

    /// `parts` joined by AND or OR as a balanced tree: the operators are associative (also for NULL), so a chain
    /// of any length costs only ⌈log2 n⌉ levels.
    private func balanced(_ parts: ArraySlice<Node>, _ op: BinaryOperator) throws(ConditionError) -> Node {
        guard parts.count > 1 else { return parts[parts.startIndex] }
        let middle = parts.startIndex + parts.count / 2
        let left = try balanced(parts[..<middle], op), right = try balanced(parts[middle...], op)
        return try node(.binary(op, left.expr, right.expr), over: left, right)
    }

    /// An expression inside a parenthesis, argument list or keyword construct: one level deeper.
    private mutating func nested() throws(ConditionError) -> Node {
        try enter()
        defer { nesting -= 1 }
        let inner = try expression()
        return Node(expr: inner.expr, height: inner.height + 1)
    }

    // MARK: - Boolean structure

    private mutating func expression() throws(ConditionError) -> Node {
        var parts = [try conjunction()]
        while accept(keyword: "OR") { parts.append(try conjunction()) }
        return try balanced(parts[...], .or)
    }

    private mutating func conjunction() throws(ConditionError) -> Node {
        var parts = [try negation()]
        while accept(keyword: "AND") { parts.append(try negation()) }
        return try balanced(parts[...], .and)
    }

    private mutating func negation() throws(ConditionError) -> Node {
        if accept(keyword: "NOT") {
            try enter()
            defer { nesting -= 1 }
            let inner = try negation()
            return try node(.not(inner.expr), over: inner)
        }
        return try predicate()
    }

    private mutating func predicate() throws(ConditionError) -> Node {
        let left = try additive()
        if accept(keyword: "IS") {
            let negated = accept(keyword: "NOT")
            if accept(keyword: "NULL") { return try node(.isNull(left.expr, negated: negated), over: left) }
            if accept(keyword: "TRUE") { return try node(.isBoolean(left.expr, true, negated: negated), over: left) }
            if accept(keyword: "FALSE") { return try node(.isBoolean(left.expr, false, negated: negated), over: left) }
            throw unexpected("NULL, TRUE or FALSE after IS")
        }
        if let op = current.symbol, let comparison = BinaryOperator(rawValue: op), comparison.isComparison {
            advance()
            let right = try additive()
            return try node(.binary(comparison, left.expr, right.expr), over: left, right)
        }
        if let op = current.symbol, ["~", "~*", "!~", "!~*"].contains(op) {
            advance()
            let pattern = try additive()
            return try node(.regex(left.expr, pattern: pattern.expr, caseInsensitive: op.hasSuffix("*"), negated: op.hasPrefix("!")),
                            over: left, pattern)
        }
        let negated = current.keyword == "NOT"
            && ["LIKE", "ILIKE", "BETWEEN", "IN"].contains(tokens[position + 1].keyword ?? "")
        if negated { advance() }
        if current.keyword == "LIKE" || current.keyword == "ILIKE" {
            let caseInsensitive = current.keyword == "ILIKE"
            advance()
            let pattern = try additive()
            return try node(.like(left.expr, pattern: pattern.expr, caseInsensitive: caseInsensitive, negated: negated), over: left, pattern)
        }
        if accept(keyword: "BETWEEN") {
            let low = try additive()
            try expect(keyword: "AND")
            let high = try additive()
            return try node(.between(left.expr, low: low.expr, high: high.expr, negated: negated), over: left, low, high)
        }
        if accept(keyword: "IN") {
            try expect(symbol: "(")
            if current.keyword == "SELECT" { throw error(.forbidden, "subqueries are not allowed") }
            var items = [try additive()]
            while accept(symbol: ",") { items.append(try additive()) }
            try expect(symbol: ")")
            return try node(.inList(left.expr, items.map(\.expr), negated: negated), over: [left] + items)
        }
        return left
    }

    // MARK: - Arithmetic

    private mutating func additive() throws(ConditionError) -> Node {
        var left = try multiplicative()
        while let op = current.symbol, let binary = BinaryOperator(rawValue: op),
              binary == .plus || binary == .minus || binary == .concat {
            advance()
            let right = try multiplicative()
            left = try node(.binary(binary, left.expr, right.expr), over: left, right)
        }
        return left
    }

    private mutating func multiplicative() throws(ConditionError) -> Node {
        var left = try unary()
        while let op = current.symbol, let binary = BinaryOperator(rawValue: op),
              binary == .times || binary == .divide || binary == .modulo {
            advance()
            let right = try unary()
            left = try node(.binary(binary, left.expr, right.expr), over: left, right)
        }
        return left
    }

    private mutating func unary() throws(ConditionError) -> Node {
        if current.symbol == "-" || current.symbol == "+" {
            let minus = accept(symbol: "-")
            if !minus { advance() }
            try enter()
            defer { nesting -= 1 }
            let inner = try unary()
            guard minus else { return inner }
            switch inner.expr {
            case .literal(.integer(let n)): return Node(expr: .literal(.integer(-n)), height: inner.height)
            case .literal(.decimal(let d)): return Node(expr: .literal(.decimal(-d)), height: inner.height)
            case let other: return try node(.negate(other), over: inner)
            }
        }
        var expr = try primary()
        while accept(symbol: "::") { expr = try node(.cast(expr.expr, try castType()), over: expr) }
        return expr
    }

    // MARK: - Primaries

    private mutating func primary() throws(ConditionError) -> Node {
        let token = current
        switch token.kind {
        case .integer(let n):
            advance()
            return Node(expr: .literal(.integer(n)), height: 1)
        case .decimal(let d):
            advance()
            return Node(expr: .literal(.decimal(d)), height: 1)
        case .string(let s):
            advance()
            return Node(expr: .literal(.string(s)), height: 1)
        case .quotedIdentifier(let name):
            advance()
            return Node(expr: .column(ColumnRef(name, offset: token.offset)), height: 1)
        case .symbol("("):
            advance()
            if current.keyword == "SELECT" { throw error(.forbidden, "subqueries are not allowed") }
            let inner = try nested()
            try expect(symbol: ")")
            return inner
        case .identifier(let word):
            return try wordExpression(word, at: token.offset)
        default:
            throw unexpected("a value, column or '('")
        }
    }

    private mutating func wordExpression(_ word: String, at offset: Int) throws(ConditionError) -> Node {
        let keyword = word.uppercased()
        if Self.statementWords.contains(keyword) {
            let what = keyword == "SELECT" || keyword == "EXISTS" ? "subqueries are" : "SQL statements are"
            throw error(.forbidden, "\(what) not allowed ('\(word)')")
        }
        advance()
        let leaf: Expr? = switch keyword {
        case "NULL": .literal(.null)
        case "TRUE": .literal(.boolean(true))
        case "FALSE": .literal(.boolean(false))
        case "CURRENT_DATE": .now(.date)
        case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP": .now(.timestamp)
        default: nil
        }
        if let leaf { return Node(expr: leaf, height: 1) }
        switch keyword {
        case "DATE", "TIMESTAMP", "INTERVAL":
            guard case .string(let value) = current.kind else {
                if current.symbol == "(" && keyword == "DATE" { throw error(.unknownFunction, "unknown function 'date'; use CAST(x AS date)", at: offset) }
                throw unexpected("a quoted \(keyword.lowercased()) after \(keyword)")
            }
            let literalOffset = current.offset
            advance()
            return Node(expr: .literal(try typedLiteral(keyword, value, at: literalOffset)), height: 1)
        case "CASE": return try caseExpression()
        case "CAST":
            try expect(symbol: "(")
            let value = try nested()
            try expect(keyword: "AS")
            let type = try castType()
            try expect(symbol: ")")
            return try node(.cast(value.expr, type), over: value)
        case "EXTRACT":
            try expect(symbol: "(")
            guard let fieldName = current.keyword, let field = DateField(rawValue: fieldName.lowercased()) else {
                throw unexpected("a date field (\(DateField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            advance()
            try expect(keyword: "FROM")
            let value = try nested()
            try expect(symbol: ")")
            return try node(.extract(field, value.expr, offset: offset), over: value)
        default:
            break
        }
        if Self.reserved.contains(keyword) { throw error(.syntax, "unexpected keyword \(keyword)", at: offset) }
        if current.symbol == "(" { return try call(word, at: offset) }
        return Node(expr: .column(ColumnRef(word, offset: offset)), height: 1)
    }

    private mutating func call(_ name: String, at offset: Int) throws(ConditionError) -> Node {
        try expect(symbol: "(")
        let lower = name.lowercased()
        if lower == "now" {
            try expect(symbol: ")")
            return Node(expr: .now(.timestamp), height: 1)
        }
        let aliases = ["substring": "substr", "character_length": "char_length"]
        guard let function = Function(rawValue: aliases[lower] ?? lower) else {
            let known = Function.allCases.map(\.rawValue) + ["now"]
            throw error(.unknownFunction, "unknown function '\(name)'" + Suggestion.hint(for: lower, in: known), at: offset)
        }
        var args: [Node] = []
        if !accept(symbol: ")") {
            if current.keyword == "SELECT" { throw error(.forbidden, "subqueries are not allowed") }
            args.append(try nested())
            while accept(symbol: ",") { args.append(try nested()) }
            try expect(symbol: ")")
        }
        let arity: ClosedRange<Int> = switch function {
        case .coalesce: 1...32
        case .nullif: 2...2
        case .round, .age: 1...2
        case .substr: 2...3
        default: 1...1
        }
        guard arity.contains(args.count) else {
            throw error(.syntax, "\(function.rawValue) takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)") argument(s), not \(args.count)", at: offset)
        }
        return try node(.function(function, args.map(\.expr), offset: offset), over: args)
    }

    private mutating func caseExpression() throws(ConditionError) -> Node {
        var branches: [CaseBranch] = []
        var parts: [Node] = []
        while accept(keyword: "WHEN") {
            let condition = try nested()
            try expect(keyword: "THEN")
            let result = try nested()
            branches.append(CaseBranch(condition: condition.expr, result: result.expr))
            parts += [condition, result]
        }
        guard !branches.isEmpty else { throw unexpected("WHEN") }
        let otherwise = accept(keyword: "ELSE") ? try nested() : nil
        try expect(keyword: "END")
        return try node(.caseWhen(branches, otherwise: otherwise?.expr), over: parts + (otherwise.map { [$0] } ?? []))
    }

    private mutating func castType() throws(ConditionError) -> CastType {
        guard let word = current.keyword else { throw unexpected("a type name") }
        let offset = current.offset
        advance()
        switch word {
        case "INTEGER", "INT", "BIGINT", "SMALLINT", "INT4", "INT8": return .integer
        case "NUMERIC", "DECIMAL", "REAL", "FLOAT", "FLOAT8": return .numeric
        case "DOUBLE":
            _ = accept(keyword: "PRECISION")
            return .numeric
        case "TEXT", "VARCHAR", "CHAR": return .text
        case "DATE": return .date
        case "TIMESTAMP": return .timestamp
        case "BOOLEAN", "BOOL": return .boolean
        default:
            throw error(.syntax, "unknown type '\(word.lowercased())' (use integer, numeric, text, date, timestamp or boolean)", at: offset)
        }
    }

    private func typedLiteral(_ keyword: String, _ value: String, at offset: Int) throws(ConditionError) -> Literal {
        switch keyword {
        case "DATE":
            guard let date = TemporalText.date(value) else { throw error(.syntax, "invalid date '\(value)' (expected YYYY-MM-DD)", at: offset) }
            return .date(date)
        case "TIMESTAMP":
            guard let ts = TemporalText.timestamp(value) else { throw error(.syntax, "invalid timestamp '\(value)' (expected YYYY-MM-DD HH:MM:SS)", at: offset) }
            return .timestamp(ts)
        default:
            guard let interval = TemporalText.interval(value) else { throw error(.syntax, "invalid interval '\(value)' (expected e.g. '18 years', '7 days', '2 hours')", at: offset) }
            return .interval(interval)
        }
    }
}
