import Foundation

/// Evaluates a condition on one row in memory, with SQL's three-valued logic, so a proposed fix can be checked
/// against the check it fixes before it is proposed.
///
/// It covers what format and consistency checks are written with: columns, literals, comparisons, AND/OR/NOT,
/// IS [NOT] NULL, IS [NOT] TRUE/FALSE, [NOT] LIKE/ILIKE, the regular expression operators, BETWEEN, IN,
/// arithmetic, `||`, CAST to text or numbers, and `lower`, `upper`, `length`, `char_length`, `trim`, `ltrim`,
/// `rtrim`, `abs`, `coalesce`, `nullif`, CASE. Anything else (`current_date`, intervals, EXTRACT, `age`) makes
/// the result unknown to it: ``isTrue(in:)`` returns `nil`, and the engine proposes nothing rather than guess.
package struct RowExpression: Sendable {
    let expr: Expr
    /// Compiled patterns of the expression's regular-expression literals.
    private let patterns: [PatternKey: CompiledPattern]

    struct PatternKey: Hashable {
        var pattern: String
        var caseInsensitive: Bool
    }

    /// `NSRegularExpression` is immutable once made, and only matched from here.
    struct CompiledPattern: @unchecked Sendable {
        let regex: NSRegularExpression
    }

    /// A value during evaluation; dates and timestamps are their ISO-8601 text.
    enum Cell: Equatable {
        case null, bool(Bool), number(Double), text(String)
    }

    struct Unsupported: Error {}

    package init(_ expr: Expr) {
        self.expr = expr
        var found: [PatternKey: CompiledPattern] = [:]
        expr.visit { node in
            if case .regex(_, .literal(.string(let p)), let ci, _) = node {
                let key = PatternKey(pattern: p, caseInsensitive: ci)
                if found[key] == nil, let regex = try? RegexPattern.compile(p, caseInsensitive: ci) {
                    found[key] = CompiledPattern(regex: regex)
                }
            }
        }
        patterns = found
    }

    /// Whether the condition is TRUE for the row: `false` when it is FALSE or NULL (unknown), `nil` when it
    /// cannot be computed here.
    package func isTrue(in row: [String: SQLValue]) -> Bool? {
        do {
            switch try eval(expr, row) {
            case .null: return false
            case .bool(let b): return b
            default: return nil
            }
        } catch {
            return nil
        }
    }

    func eval(_ e: Expr, _ row: [String: SQLValue]) throws(Unsupported) -> Cell {
        switch e {
        case .column(let ref):
            return Self.cell(FixRow.value(ref.name, in: row))
        case .literal(let literal):
            return try Self.cell(literal)
        case .now, .extract, .notTemporalText:
            throw Unsupported()
        case .not(let inner):
            switch try eval(inner, row) {
            case .null: return .null
            case .bool(let b): return .bool(!b)
            default: throw Unsupported()
            }
        case .negate(let inner):
            switch try eval(inner, row) {
            case .null: return .null
            case .number(let n): return .number(-n)
            default: throw Unsupported()
            }
        case .binary(let op, let l, let r):
            return try binary(op, l, r, row)
        case .isNull(let inner, let negated):
            return .bool((try eval(inner, row) == .null) != negated)
        case .isBoolean(let inner, let value, let negated):
            let v = try eval(inner, row)
            guard v == .null || v == .bool(true) || v == .bool(false) else { throw Unsupported() }
            return .bool((v == .bool(value)) != negated)
        case .like(let inner, let pattern, let ci, let negated):
            guard case .text(let text) = try textual(eval(inner, row)), case .text(let p) = try textual(eval(pattern, row)) else {
                return .null
            }
            let matched = ci ? Self.like(Array(text.lowercased()), Array(p.lowercased())) : Self.like(Array(text), Array(p))
            return .bool(matched != negated)
        case .regex(let inner, let pattern, let ci, let negated):
            guard case .text(let text) = try textual(eval(inner, row)) else { return .null }
            guard case .literal(.string(let p)) = pattern, let compiled = patterns[PatternKey(pattern: p, caseInsensitive: ci)] else {
                throw Unsupported()
            }
            return .bool(compiled.regex.matches(text) != negated)
        case .between(let inner, let low, let high, let negated):
            let v = try eval(inner, row)
            let lo = try compare(v, try eval(low, row)).map { $0 >= 0 }
            let hi = try compare(v, try eval(high, row)).map { $0 <= 0 }
            let within = Self.and(lo, hi)
            return within.map { .bool($0 != negated) } ?? .null
        case .inList(let inner, let items, let negated):
            let v = try eval(inner, row)
            var result: Bool? = false
            for item in items {
                let equal = try compare(v, try eval(item, row)).map { $0 == 0 }
                result = Self.or(result, equal)
                if result == true { break }
            }
            return result.map { .bool($0 != negated) } ?? .null
        case .function(let f, let args, _):
            return try function(f, args.map { a throws(Unsupported) in try eval(a, row) })
        case .cast(let inner, let type):
            return try cast(try eval(inner, row), type)
        case .caseWhen(let branches, let otherwise):
            for branch in branches where try eval(branch.condition, row) == .bool(true) {
                return try eval(branch.result, row)
            }
            return try otherwise.map { o throws(Unsupported) in try eval(o, row) } ?? .null
        }
    }

    private func binary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ row: [String: SQLValue]) throws(Unsupported) -> Cell {
        let a = try eval(l, row), b = try eval(r, row)
        switch op {
        case .and, .or:
            let x = try Self.truth(a), y = try Self.truth(b)
            let result = op == .and ? Self.and(x, y) : Self.or(x, y)
            return result.map(Cell.bool) ?? .null
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = try compare(a, b) else { return .null }
            let holds = switch op {
            case .equal: order == 0
            case .notEqual: order != 0
            case .less: order < 0
            case .lessOrEqual: order <= 0
            case .greater: order > 0
            default: order >= 0
            }
            return .bool(holds)
        case .concat:
            if a == .null || b == .null { return .null }
            guard case .text(let x) = try textual(a), case .text(let y) = try textual(b) else { return .null }
            return .text(x + y)
        case .plus, .minus, .times, .divide, .modulo:
            if a == .null || b == .null { return .null }
            guard let x = Self.number(a), let y = Self.number(b) else { throw Unsupported() }
            switch op {
            case .plus: return .number(x + y)
            case .minus: return .number(x - y)
            case .times: return .number(x * y)
            case .divide: return y == 0 ? .null : .number(x / y)
            default: return y == 0 ? .null : .number(x.truncatingRemainder(dividingBy: y))
            }
        }
    }

    private func function(_ f: Function, _ args: [Cell]) throws(Unsupported) -> Cell {
        switch f {
        case .coalesce:
            return args.first { $0 != .null } ?? .null
        case .nullif:
            guard args.count == 2 else { throw Unsupported() }
            return try compare(args[0], args[1]) == 0 ? .null : args[0]
        default:
            break
        }
        guard args.count == 1 else { throw Unsupported() }
        let arg = args[0]
        if arg == .null { return .null }
        switch f {
        case .abs:
            guard let n = Self.number(arg) else { throw Unsupported() }
            return .number(Swift.abs(n))
        case .lower, .upper, .length, .charLength, .trim, .ltrim, .rtrim:
            guard case .text(let s) = try textual(arg) else { throw Unsupported() }
            switch f {
            case .lower: return .text(s.lowercased())
            case .upper: return .text(s.uppercased())
            case .length, .charLength: return .number(Double(s.count))
            case .trim: return .text(String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
            case .ltrim: return .text(String(s.drop { $0 == " " }))
            default: return .text(String(s.reversed().drop { $0 == " " }.reversed()))
            }
        default:
            throw Unsupported()
        }
    }

    private func cast(_ v: Cell, _ type: CastType) throws(Unsupported) -> Cell {
        if v == .null { return .null }
        switch type {
        case .text, .date, .timestamp: return try textual(v)
        case .integer, .numeric:
            guard let n = Self.number(v) else { throw Unsupported() }
            return .number(type == .integer ? n.rounded() : n)
        case .boolean: throw Unsupported()
        }
    }

    /// The value as text (numbers in their shortest decimal form).
    private func textual(_ v: Cell) throws(Unsupported) -> Cell {
        switch v {
        case .null, .text: return v
        case .number(let n): return .text(n == n.rounded() && Swift.abs(n) < 1e15 ? String(Int64(n)) : String(n))
        case .bool: throw Unsupported()
        }
    }

    /// -1, 0 or 1; `nil` when either side is NULL.
    private func compare(_ a: Cell, _ b: Cell) throws(Unsupported) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.number(let x), .number(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.text(let x), .text(let y)):
            let (p, q) = Self.alignTemporal(x, y)
            return p < q ? -1 : (p == q ? 0 : 1)
        case (.number, .text(let t)):
            guard let y = Double(t) else { throw Unsupported() }
            return try compare(a, .number(y))
        case (.text(let t), .number):
            guard let x = Double(t) else { throw Unsupported() }
            return try compare(.number(x), b)
        default:
            throw Unsupported()
        }
    }

    /// A date compared with a timestamp is the timestamp of its midnight (as PostgreSQL casts it).
    static func alignTemporal(_ x: String, _ y: String) -> (String, String) {
        func isDate(_ s: String) -> Bool { s.utf8.count == 10 && FixRow.day(.text(s)) != nil }
        func isTimestamp(_ s: String) -> Bool { s.utf8.count >= 19 && FixRow.day(.text(s)) != nil }
        func normal(_ s: String) -> String { s.replacingOccurrences(of: "T", with: " ") }
        if isDate(x), isTimestamp(y) { return (x + " 00:00:00", normal(y)) }
        if isTimestamp(x), isDate(y) { return (normal(x), y + " 00:00:00") }
        if isTimestamp(x), isTimestamp(y) { return (normal(x), normal(y)) }
        return (x, y)
    }

    static func cell(_ v: SQLValue) -> Cell {
        switch v {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .integer(let i): .number(Double(i))
        case .double(let d): .number(d)
        case .text(let s), .date(let s), .timestamp(let s): .text(s)
        }
    }

    static func cell(_ l: Literal) throws(Unsupported) -> Cell {
        switch l {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .integer(let i): .number(Double(i))
        case .decimal(let d): .number(d)
        case .string(let s), .date(let s), .timestamp(let s): .text(s)
        case .interval: throw Unsupported()
        }
    }

    static func number(_ v: Cell) -> Double? {
        switch v {
        case .number(let n): n
        case .text(let t): Double(t)
        default: nil
        }
    }

    static func truth(_ v: Cell) throws(Unsupported) -> Bool? {
        switch v {
        case .null: nil
        case .bool(let b): b
        default: throw Unsupported()
        }
    }

    static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    static func or(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        if a == nil || b == nil { return nil }
        return false
    }

    /// SQL LIKE: `%` any run, `_` one character, `\` escapes the next character.
    static func like(_ text: [Character], _ pattern: [Character]) -> Bool {
        var tokens: [(char: Character, wildcard: Bool)] = []
        var i = 0
        while i < pattern.count {
            if pattern[i] == "\\", i + 1 < pattern.count {
                tokens.append((pattern[i + 1], false))
                i += 2
            } else {
                tokens.append((pattern[i], pattern[i] == "%" || pattern[i] == "_"))
                i += 1
            }
        }
        // previous[j]: the text read so far matches the first j tokens.
        var previous = [Bool](repeating: false, count: tokens.count + 1)
        previous[0] = true
        for j in tokens.indices { previous[j + 1] = previous[j] && tokens[j] == ("%", true) }
        for c in text {
            var current = [Bool](repeating: false, count: tokens.count + 1)
            for j in tokens.indices {
                let t = tokens[j]
                if t.wildcard && t.char == "%" {
                    current[j + 1] = current[j] || previous[j + 1]
                } else {
                    current[j + 1] = previous[j] && (t.wildcard || t.char == c)
                }
            }
            previous = current
        }
        return previous[tokens.count]
    }
}
