/// Validates a condition against a table's real columns and infers each expression's type,
/// so that nothing unknown or ill-typed ever reaches a database.
package struct ExprTyper: Sendable {
    package var schema: TableSchema
    /// The condition text, for error positions.
    package var text: String
    /// Checks a regular expression; returns a reason when it is invalid.
    package var validateRegex: @Sendable (String) -> String?

    package init(schema: TableSchema, text: String, validateRegex: @escaping @Sendable (String) -> String? = RegexPattern.validate) {
        self.schema = schema
        self.text = text
        self.validateRegex = validateRegex
    }

    private func error(_ code: ConditionError.Code, _ message: String, at offset: Int) -> ConditionError {
        ConditionError(code, message, offset: offset, text: text)
    }

    /// Checks that `expr` is a valid boolean condition.
    package func checkCondition(_ expr: Expr) throws(ConditionError) {
        let type = try self.type(of: expr)
        guard type == .boolean || type == .unknown || type == .null else {
            throw error(.typeMismatch, "condition must be true or false, but this expression is \(type.rawValue)", at: offset(of: expr))
        }
    }

    /// The type of `expr`, after checking every column and operator in it.
    package func type(of expr: Expr) throws(ConditionError) -> ValueType {
        switch expr {
        case .column(let ref):
            guard let column = schema.column(named: ref.name) else {
                throw error(.unknownColumn, schema.unknownColumnMessage(ref.name), at: ref.offset)
            }
            return column.type
        case .literal(let literal):
            return literal.type
        case .now(let now):
            return now == .date ? .date : .timestamp
        case .not(let inner):
            try expectBoolean(inner)
            return .boolean
        case .negate(let inner):
            let t = try type(of: inner)
            guard t.isNumeric || t == .interval || t == .unknown || t == .null else {
                throw error(.typeMismatch, "cannot negate a \(t.rawValue) value", at: offset(of: inner))
            }
            return t
        case .binary(let op, let left, let right):
            return try binaryType(op, left, right)
        case .isNull(let inner, _):
            _ = try type(of: inner)
            return .boolean
        case .isBoolean(let inner, _, _):
            try expectBoolean(inner)
            return .boolean
        case .like(let value, let pattern, _, _):
            try expectText(value, role: "LIKE")
            try expectText(pattern, role: "LIKE pattern")
            return .boolean
        case .regex(let value, let pattern, _, _):
            try expectText(value, role: "regular expression match")
            guard case .literal(.string(let source)) = pattern else {
                throw error(.unsupported, "a regular expression must be a quoted string", at: offset(of: pattern))
            }
            if let reason = validateRegex(source) {
                throw error(.badRegex, "invalid regular expression '\(source)': \(reason)", at: offset(of: pattern))
            }
            return .boolean
        case .between(let value, let low, let high, _):
            // Each operand is typed once, so nesting costs linear time, never exponential.
            let v = try type(of: value)
            try comparable(value, v, low, try type(of: low))
            try comparable(value, v, high, try type(of: high))
            return .boolean
        case .inList(let value, let items, _):
            let v = try type(of: value)
            for item in items { try comparable(value, v, item, try type(of: item)) }
            return .boolean
        case .function(let function, let args, let at):
            return try functionType(function, args, at: at)
        case .extract(let field, let inner, let at):
            if case .function(.age, _, _) = inner {
                _ = try type(of: inner)
                guard field == .year || field == .month else {
                    throw error(.unsupported, "EXTRACT(\(field.rawValue.uppercased()) FROM AGE(...)) is not supported; use YEAR or MONTH", at: at)
                }
                return .integer
            }
            let t = temporal(inner, try type(of: inner))
            guard t.isTemporal || t == .unknown || t == .null || (t == .text && inner.isLiteral) else {
                throw error(.typeMismatch, "EXTRACT needs a date or timestamp, not \(t.rawValue)", at: offset(of: inner))
            }
            if t == .date && [.hour, .minute, .second].contains(field) {
                throw error(.typeMismatch, "a date has no \(field.rawValue)", at: at)
            }
            return field == .second || field == .epoch ? .decimal : .integer
        case .cast(let inner, let target):
            _ = try type(of: inner)
            return target.valueType
        case .caseWhen(let branches, let otherwise):
            var result: ValueType = .null
            for branch in branches {
                try expectBoolean(branch.condition)
                let t = try type(of: branch.result)
                if result == .null { result = t }
            }
            if let otherwise {
                let t = try type(of: otherwise)
                if result == .null { result = t }
            }
            return result
        case .notTemporalText(let ref):
            _ = try type(of: .column(ref))
            return .boolean
        }
    }

    /// A text column where a date is needed stands for the ISO-8601 date or timestamp it holds (the most common
    /// SQLite schema; a PostgreSQL text column is read with a guarded cast). Values that are not ISO-8601 dates
    /// are counted as violations by the plan, never an error for the whole check.
    private func temporal(_ expr: Expr, _ type: ValueType) -> ValueType {
        if type == .text, case .column = expr { return .timestamp }
        return type
    }

    private func binaryType(_ op: BinaryOperator, _ left: Expr, _ right: Expr) throws(ConditionError) -> ValueType {
        switch op {
        case .and, .or:
            try expectBoolean(left)
            try expectBoolean(right)
            return .boolean
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            try comparable(left, right)
            return .boolean
        case .concat:
            _ = try type(of: left)
            _ = try type(of: right)
            return .text
        case .plus, .minus, .times, .divide, .modulo:
            var l = try type(of: left), r = try type(of: right)
            if r == .interval { l = temporal(left, l) }
            if l == .interval { r = temporal(right, r) }
            if l == .unknown || r == .unknown { return l.isTemporal ? l : (r.isTemporal ? r : .unknown) }
            if l == .null || r == .null { return .null }
            if l.isNumeric && r.isNumeric { return l == .integer && r == .integer ? .integer : .decimal }
            if (op == .plus || op == .minus) && l.isTemporal {
                if r == .interval { return .timestamp }
                if r == .integer && l == .date { return .date }
                if op == .minus && r.isTemporal && l == .date && r == .date { return .integer }
            }
            if op == .plus && r.isTemporal && (l == .interval || (l == .integer && r == .date)) {
                return l == .interval ? .timestamp : .date
            }
            throw error(.typeMismatch, "operator \(op.rawValue) cannot combine \(l.rawValue) and \(r.rawValue)", at: offset(of: right))
        }
    }

    private func functionType(_ function: Function, _ args: [Expr], at: Int) throws(ConditionError) -> ValueType {
        switch function {
        case .lower, .upper, .trim, .ltrim, .rtrim:
            try expectText(args[0], role: function.rawValue)
            return .text
        case .length, .charLength:
            try expectText(args[0], role: function.rawValue)
            return .integer
        case .substr:
            try expectText(args[0], role: "substr")
            for arg in args.dropFirst() { try expectNumeric(arg) }
            return .text
        case .abs:
            return try expectNumeric(args[0])
        case .round:
            for arg in args.dropFirst() { try expectNumeric(arg) }
            _ = try expectNumeric(args[0])
            return .decimal
        case .coalesce, .nullif:
            var types: [ValueType] = []
            for arg in args { types.append(try type(of: arg)) }
            for index in args.indices.dropFirst() { try comparable(args[0], types[0], args[index], types[index]) }
            return types.first { $0 != .null } ?? .null
        case .age:
            for arg in args {
                let t = temporal(arg, try type(of: arg))
                guard t.isTemporal || t == .unknown || (t == .text && arg.isLiteral) else {
                    throw error(.typeMismatch, "AGE needs dates or timestamps, not \(t.rawValue)", at: offset(of: arg))
                }
            }
            return .interval
        }
    }

    private func expectBoolean(_ expr: Expr) throws(ConditionError) {
        let t = try type(of: expr)
        guard t == .boolean || t == .unknown || t == .null else {
            throw error(.typeMismatch, "expected a true/false expression, found \(t.rawValue)", at: offset(of: expr))
        }
    }

    private func expectText(_ expr: Expr, role: String) throws(ConditionError) {
        let t = try type(of: expr)
        guard t == .text || t == .unknown || t == .null else {
            throw error(.typeMismatch, "\(role) needs text, but this is \(t.rawValue)", at: offset(of: expr))
        }
    }

    @discardableResult
    private func expectNumeric(_ expr: Expr) throws(ConditionError) -> ValueType {
        let t = try type(of: expr)
        guard t.isNumeric || t == .unknown || t == .null else {
            throw error(.typeMismatch, "expected a number, found \(t.rawValue)", at: offset(of: expr))
        }
        return t
    }

    /// Checks that two expressions can be compared, the way PostgreSQL would allow it.
    /// A quoted string compared with a date or timestamp must itself be a valid date or timestamp.
    package func comparable(_ left: Expr, _ right: Expr) throws(ConditionError) {
        try comparable(left, try type(of: left), right, try type(of: right))
    }

    private func comparable(_ left: Expr, _ lt: ValueType, _ right: Expr, _ rt: ValueType) throws(ConditionError) {
        let l = rt.isTemporal ? temporal(left, lt) : lt, r = lt.isTemporal ? temporal(right, rt) : rt
        if l == r || l == .unknown || r == .unknown || l == .null || r == .null { return }
        if l.isNumeric && r.isNumeric { return }
        if l.isTemporal && r.isTemporal { return }
        for (temporal, other, expr) in [(l, r, right), (r, l, left)] where temporal.isTemporal && other == .text {
            guard case .literal(.string(let value)) = expr else { break }
            guard TemporalText.parseTimestamp(value) != nil else {
                throw error(.typeMismatch, "'\(value)' is not a valid \(temporal.rawValue) (expected YYYY-MM-DD)", at: offset(of: expr))
            }
            return
        }
        throw error(.typeMismatch, "cannot compare \(describe(left, l)) with \(describe(right, r))", at: offset(of: right))
    }

    private func describe(_ expr: Expr, _ type: ValueType) -> String {
        if case .column(let ref) = expr { return "\(ref.name) (\(type.rawValue))" }
        return ("aeiou".contains(type.rawValue.prefix(1)) ? "an " : "a ") + "\(type.rawValue) value"
    }

    /// The best-known offset of an expression, for error carets.
    package func offset(of expr: Expr) -> Int {
        switch expr {
        case .column(let ref): return ref.offset
        case .function(_, _, let at), .extract(_, _, let at): return at
        default:
            for child in expr.children {
                let o = offset(of: child)
                if o > 0 { return o }
            }
            return 0
        }
    }
}

extension Literal {
    package var type: ValueType {
        switch self {
        case .null: .null
        case .boolean: .boolean
        case .integer: .integer
        case .decimal: .decimal
        case .string: .text
        case .date: .date
        case .timestamp: .timestamp
        case .interval: .interval
        }
    }
}

extension Expr {
    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}

extension CastType {
    package var valueType: ValueType {
        switch self {
        case .integer: .integer
        case .numeric: .decimal
        case .text: .text
        case .date: .date
        case .timestamp: .timestamp
        case .boolean: .boolean
        }
    }
}
