/// A column reference with the offset where it was written, so errors can point at it.
/// Two references are equal when they name the same column, wherever they were written.
public struct ColumnRef: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var offset: Int

    public init(_ name: String, offset: Int = 0) {
        self.name = name
        self.offset = offset
    }

    public static func == (lhs: ColumnRef, rhs: ColumnRef) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }
}

/// A constant in a condition. Literals are always bound as parameters, never pasted into SQL.
public enum Literal: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case decimal(Double)
    case string(String)
    /// `YYYY-MM-DD`.
    case date(String)
    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`.
    case timestamp(String)
    case interval(Interval)
}

/// A calendar interval such as `INTERVAL '18 years'`.
public struct Interval: Sendable, Hashable, CustomStringConvertible {
    public var months: Int
    public var days: Int
    public var seconds: Double

    public init(months: Int = 0, days: Int = 0, seconds: Double = 0) {
        self.months = months
        self.days = days
        self.seconds = seconds
    }

    package var negated: Interval { Interval(months: -months, days: -days, seconds: -seconds) }

    public var description: String {
        var parts: [String] = []
        if months != 0 { parts.append("\(months) months") }
        if days != 0 { parts.append("\(days) days") }
        if seconds != 0 { parts.append("\(seconds.formatted(maxFractionDigits: 6)) seconds") }
        return parts.isEmpty ? "0 seconds" : parts.joined(separator: " ")
    }
}

/// The moment a condition refers to with `current_date`, `current_timestamp`, `now()` or `localtimestamp`.
/// Assay fixes it once per run, so every check of a run sees the same instant.
public enum CurrentTime: String, Sendable, Hashable {
    case date = "current_date"
    case timestamp = "current_timestamp"
}

public enum BinaryOperator: String, Sendable, Hashable {
    case and = "AND", or = "OR"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "/", modulo = "%", concat = "||"

    package var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }

    package var isArithmetic: Bool {
        switch self {
        case .plus, .minus, .times, .divide, .modulo: true
        default: false
        }
    }
}

/// The fields `EXTRACT(field FROM ...)` accepts.
public enum DateField: String, Sendable, Hashable, CaseIterable {
    case year, month, day, hour, minute, second, dow, doy, epoch
}

/// Functions the condition language allows. Anything else is rejected when parsing.
public enum Function: String, Sendable, Hashable, CaseIterable {
    case lower, upper, length, trim, ltrim, rtrim, abs, round, coalesce, nullif, substr, age
    case charLength = "char_length"
}

/// A scalar type a condition may `CAST` to.
public enum CastType: String, Sendable, Hashable, CaseIterable {
    case integer, numeric, text, date, timestamp, boolean
}

/// The parsed form of a condition: a boolean or scalar expression over one table's columns.
public indirect enum Expr: Sendable, Hashable {
    case column(ColumnRef)
    case literal(Literal)
    case now(CurrentTime)
    case not(Expr)
    case negate(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case isNull(Expr, negated: Bool)
    case isBoolean(Expr, Bool, negated: Bool)
    case like(Expr, pattern: Expr, caseInsensitive: Bool, negated: Bool)
    case regex(Expr, pattern: Expr, caseInsensitive: Bool, negated: Bool)
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    case inList(Expr, [Expr], negated: Bool)
    case function(Function, [Expr], offset: Int)
    case extract(DateField, Expr, offset: Int)
    case cast(Expr, CastType)
    case caseWhen([CaseBranch], otherwise: Expr?)
    /// True when the column holds a value that is not an ISO-8601 date or timestamp, for a column whose text stands
    /// for a date. Never written in a condition: Assay adds it so such values count as violations.
    case notTemporalText(ColumnRef)

    /// The conjunction of the parts; `nil` when there are none.
    package static func and(_ parts: [Expr]) -> Expr? { joined(parts, .and) }

    /// The disjunction of the parts; `nil` when there are none.
    package static func or(_ parts: [Expr]) -> Expr? { joined(parts, .or) }

    /// A balanced tree (AND and OR are associative, also for NULL), so many parts cost only ⌈log2 n⌉ levels.
    private static func joined(_ parts: [Expr], _ op: BinaryOperator) -> Expr? {
        guard !parts.isEmpty else { return nil }
        func join(_ slice: ArraySlice<Expr>) -> Expr {
            guard slice.count > 1 else { return slice[slice.startIndex] }
            let middle = slice.startIndex + slice.count / 2
            return .binary(op, join(slice[..<middle]), join(slice[middle...]))
        }
        return join(parts[...])
    }

    /// Every column the expression reads.
    public var columns: [ColumnRef] {
        var found: [ColumnRef] = []
        visit { if case .column(let ref) = $0 { found.append(ref) } }
        return found
    }

    /// Calls `body` on this node and every node below it, parents first.
    public func visit(_ body: (Expr) -> Void) {
        body(self)
        for child in children { child.visit(body) }
    }

    public var children: [Expr] {
        switch self {
        case .column, .literal, .now: []
        case .not(let e), .negate(let e), .isNull(let e, _), .isBoolean(let e, _, _), .cast(let e, _),
             .extract(_, let e, _): [e]
        case .binary(_, let l, let r): [l, r]
        case .like(let e, let p, _, _), .regex(let e, let p, _, _): [e, p]
        case .between(let e, let lo, let hi, _): [e, lo, hi]
        case .inList(let e, let items, _): [e] + items
        case .function(_, let args, _): args
        case .caseWhen(let branches, let otherwise):
            branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .notTemporalText(let ref): [.column(ref)]
        }
    }
}

public struct CaseBranch: Sendable, Hashable {
    public var condition: Expr
    public var result: Expr

    public init(condition: Expr, result: Expr) {
        self.condition = condition
        self.result = result
    }
}
