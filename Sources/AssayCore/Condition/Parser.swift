import Foundation

/// Parses condition text into an ``Expr``. Only the documented grammar is accepted: no subqueries,
/// statement separators, comments or unknown functions.
///
/// ```swift
/// let expr = try ConditionParser.parse("amount > 0 AND amount < 1000000")
/// ```
public struct ConditionParser {
    private let text: String
    private let tokens: [Token]
    private var position = 0

    /// Parses a complete condition.
    /// - Throws: ``ConditionError`` naming the offending position.
    public static func parse(_ text: String) throws(ConditionError) -> Expr {
        var lexer = Lexer(text)
        var parser = ConditionParser(text: text, tokens: try lexer.tokens())
        guard parser.current.kind != .end else {
            throw ConditionError(.syntax, "empty condition", offset: 0, text: text)
        }
        let expr = try parser.expression()
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

    // MARK: - Boolean structure

    private mutating func expression() throws(ConditionError) -> Expr {
        var left = try conjunction()
        while accept(keyword: "OR") { left = .binary(.or, left, try conjunction()) }
        return left
    }

    private mutating func conjunction() throws(ConditionError) -> Expr {
        var left = try negation()
        while accept(keyword: "AND") { left = .binary(.and, left, try negation()) }
        return left
    }

    private mutating func negation() throws(ConditionError) -> Expr {
        if accept(keyword: "NOT") { return .not(try negation()) }
        return try predicate()
    }

    private mutating func predicate() throws(ConditionError) -> Expr {
        let left = try additive()
        if accept(keyword: "IS") {
            let negated = accept(keyword: "NOT")
            if accept(keyword: "NULL") { return .isNull(left, negated: negated) }
            if accept(keyword: "TRUE") { return .isBoolean(left, true, negated: negated) }
            if accept(keyword: "FALSE") { return .isBoolean(left, false, negated: negated) }
            throw unexpected("NULL, TRUE or FALSE after IS")
        }
        if let op = current.symbol, let comparison = BinaryOperator(rawValue: op), comparison.isComparison {
            advance()
            return .binary(comparison, left, try additive())
        }
        if let op = current.symbol, ["~", "~*", "!~", "!~*"].contains(op) {
            advance()
            return .regex(left, pattern: try additive(), caseInsensitive: op.hasSuffix("*"), negated: op.hasPrefix("!"))
        }
        let negated = current.keyword == "NOT"
            && ["LIKE", "ILIKE", "BETWEEN", "IN"].contains(tokens[position + 1].keyword ?? "")
        if negated { advance() }
        if accept(keyword: "LIKE") {
            return .like(left, pattern: try additive(), caseInsensitive: false, negated: negated)
        }
        if accept(keyword: "ILIKE") {
            return .like(left, pattern: try additive(), caseInsensitive: true, negated: negated)
        }
        if accept(keyword: "BETWEEN") {
            let low = try additive()
            try expect(keyword: "AND")
            return .between(left, low: low, high: try additive(), negated: negated)
        }
        if accept(keyword: "IN") {
            try expect(symbol: "(")
            if current.keyword == "SELECT" { throw error(.forbidden, "subqueries are not allowed") }
            var items = [try additive()]
            while accept(symbol: ",") { items.append(try additive()) }
            try expect(symbol: ")")
            return .inList(left, items, negated: negated)
        }
        return left
    }

    // MARK: - Arithmetic

    private mutating func additive() throws(ConditionError) -> Expr {
        var left = try multiplicative()
        while let op = current.symbol, let binary = BinaryOperator(rawValue: op),
              binary == .plus || binary == .minus || binary == .concat {
            advance()
            left = .binary(binary, left, try multiplicative())
        }
        return left
    }

    private mutating func multiplicative() throws(ConditionError) -> Expr {
        var left = try unary()
        while let op = current.symbol, let binary = BinaryOperator(rawValue: op),
              binary == .times || binary == .divide || binary == .modulo {
            advance()
            left = .binary(binary, left, try unary())
        }
        return left
    }

    private mutating func unary() throws(ConditionError) -> Expr {
        if accept(symbol: "-") {
            switch try unary() {
            case .literal(.integer(let n)): return .literal(.integer(-n))
            case .literal(.decimal(let d)): return .literal(.decimal(-d))
            case let other: return .negate(other)
            }
        }
        if accept(symbol: "+") { return try unary() }
        var expr = try primary()
        while accept(symbol: "::") { expr = .cast(expr, try castType()) }
        return expr
    }

    // MARK: - Primaries

    private mutating func primary() throws(ConditionError) -> Expr {
        let token = current
        switch token.kind {
        case .integer(let n):
            advance()
            return .literal(.integer(n))
        case .decimal(let d):
            advance()
            return .literal(.decimal(d))
        case .string(let s):
            advance()
            return .literal(.string(s))
        case .quotedIdentifier(let name):
            advance()
            return .column(ColumnRef(name, offset: token.offset))
        case .symbol("("):
            advance()
            if current.keyword == "SELECT" { throw error(.forbidden, "subqueries are not allowed") }
            let inner = try expression()
            try expect(symbol: ")")
            return inner
        case .identifier(let word):
            return try wordExpression(word, at: token.offset)
        default:
            throw unexpected("a value, column or '('")
        }
    }

    private mutating func wordExpression(_ word: String, at offset: Int) throws(ConditionError) -> Expr {
        let keyword = word.uppercased()
        if Self.statementWords.contains(keyword) {
            let what = keyword == "SELECT" || keyword == "EXISTS" ? "subqueries are" : "SQL statements are"
            throw error(.forbidden, "\(what) not allowed ('\(word)')")
        }
        advance()
        switch keyword {
        case "NULL": return .literal(.null)
        case "TRUE": return .literal(.boolean(true))
        case "FALSE": return .literal(.boolean(false))
        case "CURRENT_DATE": return .now(.date)
        case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP": return .now(.timestamp)
        case "DATE", "TIMESTAMP", "INTERVAL":
            guard case .string(let value) = current.kind else {
                if current.symbol == "(" && keyword == "DATE" { throw error(.unknownFunction, "unknown function 'date'; use CAST(x AS date)", at: offset) }
                throw unexpected("a quoted \(keyword.lowercased()) after \(keyword)")
            }
            let literalOffset = current.offset
            advance()
            return .literal(try typedLiteral(keyword, value, at: literalOffset))
        case "CASE": return try caseExpression()
        case "CAST":
            try expect(symbol: "(")
            let value = try expression()
            try expect(keyword: "AS")
            let type = try castType()
            try expect(symbol: ")")
            return .cast(value, type)
        case "EXTRACT":
            try expect(symbol: "(")
            guard let fieldName = current.keyword, let field = DateField(rawValue: fieldName.lowercased()) else {
                throw unexpected("a date field (\(DateField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            advance()
            try expect(keyword: "FROM")
            let value = try expression()
            try expect(symbol: ")")
            return .extract(field, value, offset: offset)
        default:
            break
        }
        if Self.reserved.contains(keyword) { throw error(.syntax, "unexpected keyword \(keyword)", at: offset) }
        if current.symbol == "(" { return try call(word, at: offset) }
        return .column(ColumnRef(word, offset: offset))
    }

    private mutating func call(_ name: String, at offset: Int) throws(ConditionError) -> Expr {
        try expect(symbol: "(")
        let lower = name.lowercased()
        if lower == "now" {
            try expect(symbol: ")")
            return .now(.timestamp)
        }
        let aliases = ["substring": "substr", "character_length": "char_length"]
        guard let function = Function(rawValue: aliases[lower] ?? lower) else {
            let known = Function.allCases.map(\.rawValue) + ["now"]
            throw error(.unknownFunction, "unknown function '\(name)'" + Suggestion.hint(for: lower, in: known), at: offset)
        }
        var args: [Expr] = []
        if !accept(symbol: ")") {
            if current.keyword == "SELECT" { throw error(.forbidden, "subqueries are not allowed") }
            args.append(try expression())
            while accept(symbol: ",") { args.append(try expression()) }
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
        return .function(function, args, offset: offset)
    }

    private mutating func caseExpression() throws(ConditionError) -> Expr {
        var branches: [CaseBranch] = []
        while accept(keyword: "WHEN") {
            let condition = try expression()
            try expect(keyword: "THEN")
            branches.append(CaseBranch(condition: condition, result: try expression()))
        }
        guard !branches.isEmpty else { throw unexpected("WHEN") }
        let otherwise = accept(keyword: "ELSE") ? try expression() : nil
        try expect(keyword: "END")
        return .caseWhen(branches, otherwise: otherwise)
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
