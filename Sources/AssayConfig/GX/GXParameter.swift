import AssayCore
import Foundation

/// Evaluates GX's `{"$PARAMETER": "now() - timedelta(weeks=52)"}` bound expressions: numbers, named
/// parameters given at run time (`--param min_amount=10`), `now()` (the current UTC instant),
/// `datetime(y, m, d[, h, mi, s])`, `timedelta(weeks=, days=, hours=, minutes=, seconds=, milliseconds=)`,
/// `+ - * /` and parentheses. Anything else is refused with the reason.
struct GXParameter {
    enum Value {
        case number(Double)
        case instant(CivilDateTime)
        /// Seconds.
        case duration(Double)
    }

    struct Invalid: Error { var reason: String }

    private var tokens: [String]
    private var position = 0
    private let now: CivilDateTime
    private let parameters: [String: String]

    /// The bound an expression denotes, as a literal (a number, a timestamp, or a named parameter's text).
    static func evaluate(_ text: String, now: CivilDateTime, parameters: [String: String] = [:]) throws(Invalid) -> Literal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = parameters[trimmed], Double(value) == nil, TemporalText.parseTimestamp(value) == nil {
            return .string(value)
        }
        var parser = GXParameter(tokens: tokenize(text), now: now, parameters: parameters)
        let value = try parser.sum()
        guard parser.position == parser.tokens.count else { throw Invalid(reason: "unexpected '\(parser.tokens[parser.position])'") }
        switch value {
        case .number(let n): return n == n.rounded() && abs(n) < 9e15 ? .integer(Int64(n)) : .decimal(n)
        case .instant(let t): return .timestamp(t.description)
        case .duration: throw Invalid(reason: "a duration alone is not a bound; add it to now() or a datetime(...)")
        }
    }

    private init(tokens: [String], now: CivilDateTime, parameters: [String: String]) {
        self.tokens = tokens
        self.now = now
        self.parameters = parameters
    }

    private static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for c in text {
            if c.isLetter || c.isNumber || c == "." || c == "_" {
                current.append(c)
            } else {
                if !current.isEmpty { tokens.append(current); current = "" }
                if !c.isWhitespace { tokens.append(String(c)) }
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private var next: String? { position < tokens.count ? tokens[position] : nil }

    private mutating func expect(_ token: String) throws(Invalid) {
        guard next == token else { throw Invalid(reason: "expected '\(token)'" + (next.map { " before '\($0)'" } ?? " at the end")) }
        position += 1
    }

    private mutating func sum() throws(Invalid) -> Value {
        var value = try product()
        while let op = next, op == "+" || op == "-" {
            position += 1
            let right = try product()
            switch (value, right, op) {
            case let (.number(a), .number(b), _): value = .number(op == "+" ? a + b : a - b)
            case let (.duration(a), .duration(b), _): value = .duration(op == "+" ? a + b : a - b)
            case let (.instant(t), .duration(d), _): value = .instant(CivilDateTime(epochSeconds: t.epochSeconds + (op == "+" ? d : -d)))
            case let (.duration(d), .instant(t), "+"): value = .instant(CivilDateTime(epochSeconds: t.epochSeconds + d))
            default: throw Invalid(reason: "cannot apply '\(op)' to these operands")
            }
        }
        return value
    }

    private mutating func product() throws(Invalid) -> Value {
        var value = try unary()
        while let op = next, op == "*" || op == "/" {
            position += 1
            let right = try unary()
            switch (value, right) {
            case let (.number(a), .number(b)): value = .number(op == "*" ? a * b : a / b)
            case let (.duration(a), .number(b)): value = .duration(op == "*" ? a * b : a / b)
            case let (.number(a), .duration(b)) where op == "*": value = .duration(a * b)
            default: throw Invalid(reason: "cannot apply '\(op)' to these operands")
            }
        }
        return value
    }

    private mutating func unary() throws(Invalid) -> Value {
        if next == "-" {
            position += 1
            switch try unary() {
            case .number(let n): return .number(-n)
            case .duration(let d): return .duration(-d)
            case .instant: throw Invalid(reason: "cannot negate a date")
            }
        }
        return try primary()
    }

    private static let units: [String: Double] = [
        "weeks": 604_800, "days": 86_400, "hours": 3600, "minutes": 60, "seconds": 1, "milliseconds": 0.001,
    ]

    private mutating func primary() throws(Invalid) -> Value {
        guard let token = next else { throw Invalid(reason: "unexpected end") }
        position += 1
        if token == "(" {
            let value = try sum()
            try expect(")")
            return value
        }
        if let n = Double(token) { return .number(n) }
        switch token {
        case "now":
            try expect("(")
            try expect(")")
            return .instant(now)
        case "datetime":
            try expect("(")
            var parts: [Int] = []
            while next != ")" {
                guard case .number(let n) = try sum() else { throw Invalid(reason: "datetime(...) takes numbers") }
                parts.append(Int(n))
                if next == "," { position += 1 }
            }
            try expect(")")
            guard (3...6).contains(parts.count) else { throw Invalid(reason: "datetime(year, month, day[, hour, minute, second])") }
            let p = parts + Array(repeating: 0, count: 6 - parts.count)
            let date = CivilDate(year: p[0], month: p[1], day: p[2])
            return .instant(CivilDateTime(date: date, secondOfDay: Double(p[3] * 3600 + p[4] * 60 + p[5])))
        case "timedelta":
            try expect("(")
            var seconds = 0.0
            while let unit = next, unit != ")" {
                position += 1
                guard let size = Self.units[unit] else { throw Invalid(reason: "timedelta does not take '\(unit)'") }
                try expect("=")
                guard case .number(let n) = try sum() else { throw Invalid(reason: "timedelta(\(unit)=...) takes a number") }
                seconds += n * size
                if next == "," { position += 1 }
            }
            try expect(")")
            return .duration(seconds)
        default:
            guard let value = parameters[token] else {
                throw Invalid(reason: "unknown name '\(token)'; give a named parameter with --param \(token)=VALUE")
            }
            if let n = Double(value) { return .number(n) }
            if let t = TemporalText.parseTimestamp(value) { return .instant(t) }
            throw Invalid(reason: "parameter \(token) is neither a number nor a date in an expression")
        }
    }
}
