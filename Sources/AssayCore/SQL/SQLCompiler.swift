/// Compiles a validated condition to SQL for one dialect. Identifiers are quoted by the dialect and every
/// constant is bound, so no configuration text ever becomes SQL text.
package struct SQLCompiler: Sendable {
    package var dialect: any SQLDialect
    package var typer: ExprTyper
    /// The instant `current_date` and `current_timestamp` stand for during this run (UTC).
    package var now: CivilDateTime
    /// Table alias to qualify columns with, when the query joins.
    package var qualifier: String?

    package init(dialect: any SQLDialect, schema: TableSchema, now: CivilDateTime, qualifier: String? = nil) {
        self.dialect = dialect
        self.typer = ExprTyper(schema: schema, text: "")
        self.now = now
        self.qualifier = qualifier
    }

    /// A quoted, optionally qualified column name, spelled as the schema spells it.
    package func column(_ name: String) -> SQLFragment {
        let real = typer.schema.column(named: name)?.name ?? name
        let quoted = dialect.quote(real)
        return SQLFragment(qualifier.map { $0 + "." + quoted } ?? quoted)
    }

    /// ` WHERE (<scope>) AND c1 IS NOT NULL AND ...`: the rows in scope where every column has a value.
    package func presentRows(_ columns: [String], scope: [Expr]) throws(ConditionError) -> SQLFragment {
        var conditions = columns.map { column($0) + " IS NOT NULL" }
        if let filter = Expr.and(scope) { conditions.insert((try compile(filter)).enclosed, at: 0) }
        return " WHERE " + SQLFragment.join(conditions, separator: " AND ")
    }

    /// Compiles an expression that ``ExprTyper`` has accepted.
    /// - Throws: ``ConditionError`` with code `.limit` as soon as the SQL grows past ``ConditionLimits/maxCompiledLength``
    ///   (nested `AGE` repeats its operands, so SQL can grow faster than the condition's text).
    package func compile(_ expr: Expr) throws(ConditionError) -> SQLFragment {
        let sql = try compileNode(expr)
        guard sql.template.utf8.count <= ConditionLimits.maxCompiledLength else {
            throw ConditionError(.limit, "condition compiles to more than \(ConditionLimits.maxCompiledLength) bytes of SQL; simplify it",
                                 offset: typer.offset(of: expr), text: typer.text)
        }
        return sql
    }

    private func compileNode(_ expr: Expr) throws(ConditionError) -> SQLFragment {
        switch expr {
        case .column(let ref):
            return column(ref.name)
        case .literal(let literal):
            return try bind(literal)
        case .now(let kind):
            return dialect.bind(kind == .date ? .date(now.date.description) : .timestamp(now.description))
        case .not(let inner):
            return "NOT " + (try compile(inner)).enclosed
        case .negate(let inner):
            return "-" + (try compile(inner)).enclosed
        case .binary(let op, let left, let right):
            return try binary(op, left, right)
        case .isNull(let inner, let negated):
            return (try compile(inner)).enclosed + (negated ? " IS NOT NULL" : " IS NULL")
        case .isBoolean(let inner, let value, let negated):
            return (try compile(inner)).enclosed + " IS " + (negated ? "NOT " : "") + (value ? "TRUE" : "FALSE")
        case .like(let value, let pattern, let caseInsensitive, let negated):
            let match = dialect.like(try compile(value), pattern: try compile(pattern), caseInsensitive: caseInsensitive)
            return negated ? "NOT (" + match + ")" : match.parenthesized
        case .regex(let value, let pattern, let caseInsensitive, let negated):
            guard case .literal(.string(let source)) = pattern else {
                throw ConditionError(.unsupported, "a regular expression must be a quoted string", offset: 0, text: "")
            }
            let match = dialect.regexMatch(try compile(value), pattern: source, caseInsensitive: caseInsensitive)
            return negated ? "NOT (" + match + ")" : match.parenthesized
        case .between(let value, let low, let high, let negated):
            let (v, lo, hi) = try comparisonOperands(value, low, high)
            return (v + (negated ? " NOT BETWEEN " : " BETWEEN ") + lo + " AND " + hi).parenthesized
        case .inList(_, let items, let negated) where items.isEmpty:
            // `IN ()` is not SQL on PostgreSQL: nothing is in the empty list.
            return SQLFragment(negated ? "(1 = 1)" : "(1 = 0)")
        case .inList(let value, let items, let negated):
            let parts = try comparisonOperands(value, items)
            return (parts[0] + (negated ? " NOT IN (" : " IN (") + SQLFragment.join(Array(parts.dropFirst()), separator: ", ") + ")").parenthesized
        case .function(.age, _, let at):
            throw ConditionError(.unsupported, "AGE(...) can only be used inside EXTRACT(YEAR|MONTH FROM AGE(...))", offset: at, text: typer.text)
        case .function(let function, let args, _):
            return dialect.call(function, try args.map { arg throws(ConditionError) in try compile(arg) })
        case .extract(let field, .function(.age, let args, _), _):
            let later = args.count == 2 ? try temporalOperand(args[0]) : TemporalOperand(
                sql: dialect.bind(.date(now.date.description)), type: .date, constant: CivilDateTime(date: now.date))
            let months = dialect.ageMonths(later: later, earlier: try temporalOperand(args.count == 2 ? args[1] : args[0]))
            return field == .year ? "(" + months + " / 12)" : "(" + months + " % 12)"
        case .extract(let field, let inner, _):
            let operand = try temporalOperand(inner)
            return dialect.extract(field, from: operand.sql, type: operand.type)
        case .cast(let inner, let type):
            return dialect.cast(try compile(inner), to: type)
        case .caseWhen(let branches, let otherwise):
            var sql = SQLFragment("CASE")
            for branch in branches {
                sql += " WHEN " + (try compile(branch.condition)) + " THEN " + (try compile(branch.result))
            }
            if let otherwise { sql += " ELSE " + (try compile(otherwise)) }
            return (sql + " END").parenthesized
        case .notTemporalText(let ref):
            let value = column(ref.name)
            return "(" + value + " IS NOT NULL AND NOT " + dialect.isISOTemporal(value) + ")"
        }
    }

    private func bind(_ literal: Literal) throws(ConditionError) -> SQLFragment {
        switch literal {
        case .null: return SQLFragment("NULL")
        case .boolean(let b): return dialect.bind(.boolean(b))
        case .integer(let n): return dialect.bind(.integer(n))
        case .decimal(let d): return dialect.bind(.double(d))
        case .string(let s): return dialect.bind(.text(s))
        case .date(let d): return dialect.bind(.date(d))
        case .timestamp(let t): return dialect.bind(.timestamp(t))
        case .interval:
            throw ConditionError(.unsupported, "an interval can only be added to or subtracted from a date or timestamp", offset: 0, text: typer.text)
        }
    }

    private func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr) throws(ConditionError) -> SQLFragment {
        if let cutoff = ageCutoff(op, left, right) { return try compile(cutoff) }
        if op.isComparison {
            let (l, r, _) = try comparisonOperands(left, right, nil)
            return (l + " \(op.rawValue) " + r).parenthesized
        }
        if op.isArithmetic, op == .plus || op == .minus {
            var lt = try typer.type(of: left), rt = try typer.type(of: right)
            if rt == .interval, isTextColumn(left) { lt = .timestamp }
            if lt == .interval, isTextColumn(right) { rt = .timestamp }
            if lt.isTemporal || rt.isTemporal {
                return try temporalArithmetic(op, left, right, lt, rt)
            }
        }
        return ((try compile(left)).enclosed + " \(op.rawValue) " + (try compile(right)).enclosed).parenthesized
    }

    /// `EXTRACT(YEAR FROM AGE(ref, x)) < N` with a constant `ref` and `N >= 1` is exactly `x > ref - N years`
    /// (PostgreSQL counts whole years the way its interval subtraction clamps month ends). The rewrite lets the
    /// database compare `x` with one constant instead of computing an age for every row.
    private func ageCutoff(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> Expr? {
        guard case .extract(.year, .function(.age, let args, _), _) = left,
              case .literal(.integer(let years)) = right, years >= 1, years < 10_000 else { return nil }
        let reference: CivilDateTime
        if args.count == 2 {
            guard let folded = foldTemporal(args[0]) else { return nil }
            reference = folded.value
        } else {
            reference = CivilDateTime(date: now.date)
        }
        let subject = args.count == 2 ? args[1] : args[0]
        func cutoff(_ n: Int64) -> Expr {
            .literal(.timestamp(reference.adding(Interval(months: -Int(n) * 12)).description))
        }
        switch op {
        case .less: return .binary(.greater, subject, cutoff(years))
        case .lessOrEqual: return .binary(.greater, subject, cutoff(years + 1))
        case .greaterOrEqual: return .binary(.lessOrEqual, subject, cutoff(years))
        case .greater: return .binary(.lessOrEqual, subject, cutoff(years + 1))
        default: return nil
        }
    }

    private func temporalArithmetic(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ lt: ValueType, _ rt: ValueType) throws(ConditionError) -> SQLFragment {
        if let folded = foldTemporal(.binary(op, left, right)) {
            return dialect.bind(folded.type == .date ? .date(folded.value.date.description) : .timestamp(folded.value.description))
        }
        if op == .minus && lt == .date && rt == .date {
            return dialect.daysBetween(try compile(left), try compile(right))
        }
        let (temporal, other) = lt.isTemporal ? (left, right) : (right, left)
        let temporalType = lt.isTemporal ? lt : rt
        if case .literal(.interval(let interval)) = other {
            return dialect.add(op == .minus ? interval.negated : interval, to: try temporalOperand(temporal).sql, type: temporalType)
        }
        var days = try compile(other)
        if op == .minus { days = "-" + days.parenthesized }
        return dialect.add(days: days, to: try compile(temporal))
    }

    /// Compiles operands of a comparison; when any side is temporal, all go through the dialect's temporal form.
    private func comparisonOperands(_ a: Expr, _ b: Expr, _ c: Expr?) throws(ConditionError) -> (SQLFragment, SQLFragment, SQLFragment) {
        let parts = try comparisonOperands(a, [b] + (c.map { [$0] } ?? []))
        return (parts[0], parts[1], parts.count > 2 ? parts[2] : SQLFragment())
    }

    private func comparisonOperands(_ first: Expr, _ rest: [Expr]) throws(ConditionError) -> [SQLFragment] {
        let all = [first] + rest
        var types: [ValueType] = []
        for expr in all { types.append(try typer.type(of: expr)) }
        guard types.contains(where: \.isTemporal) else {
            return try all.map { expr throws(ConditionError) in try compile(expr) }
        }
        let target: ValueType = types.contains(.timestamp) ? .timestamp : .date
        return try all.map { expr throws(ConditionError) in
            let operand = try temporalOperand(expr, defaultType: target)
            return dialect.temporalOperand(operand.sql, type: operand.type, constant: operand.constant)
        }
    }

    private func temporalOperand(_ expr: Expr, defaultType: ValueType = .timestamp) throws(ConditionError) -> TemporalOperand {
        if let folded = foldTemporal(expr, stringType: defaultType) {
            let value: SQLValue = folded.type == .date ? .date(folded.value.date.description) : .timestamp(folded.value.description)
            return TemporalOperand(sql: dialect.bind(value), type: folded.type, constant: folded.value)
        }
        let type = try typer.type(of: expr)
        if case .column(let ref) = expr, let column = typer.schema.column(named: ref.name), dialect.storesTemporalAsText(column.type) {
            return TemporalOperand(sql: dialect.temporalFromText(try compile(expr)), type: column.type.isTemporal ? column.type : .timestamp,
                                   constant: nil)
        }
        return TemporalOperand(sql: try compile(expr), type: type.isTemporal ? type : defaultType, constant: nil)
    }

    /// Whether `expr` is a text column, which stands for a date where one is needed.
    private func isTextColumn(_ expr: Expr) -> Bool {
        guard case .column(let ref) = expr else { return false }
        return typer.schema.column(named: ref.name)?.type == .text
    }

    /// The value of a temporal expression that does not depend on any row, computed at plan time.
    func foldTemporal(_ expr: Expr, stringType: ValueType = .timestamp) -> (value: CivilDateTime, type: ValueType)? {
        switch expr {
        case .literal(.date(let text)):
            return TemporalText.parseTimestamp(text).map { ($0, .date) }
        case .literal(.timestamp(let text)):
            return TemporalText.parseTimestamp(text).map { ($0, .timestamp) }
        case .literal(.string(let text)):
            guard let value = TemporalText.parseTimestamp(text) else { return nil }
            return stringType == .date && value.secondOfDay == 0 ? (value, .date) : (value, .timestamp)
        case .now(.date):
            return (CivilDateTime(date: now.date), .date)
        case .now(.timestamp):
            return (now, .timestamp)
        case .cast(let inner, .date):
            return foldTemporal(inner, stringType: .date).map { (CivilDateTime(date: $0.value.date), .date) }
        case .cast(let inner, .timestamp):
            return foldTemporal(inner).map { ($0.value, .timestamp) }
        case .binary(let op, let left, .literal(.interval(let interval))) where op == .plus || op == .minus:
            guard let base = foldTemporal(left) else { return nil }
            return (base.value.adding(op == .minus ? interval.negated : interval), .timestamp)
        case .binary(.plus, .literal(.interval(let interval)), let right):
            return foldTemporal(right).map { ($0.value.adding(interval), .timestamp) }
        case .binary(let op, let left, .literal(.integer(let days))) where op == .plus || op == .minus:
            guard let base = foldTemporal(left), base.type == .date else { return nil }
            return (CivilDateTime(date: base.value.date.adding(days: Int(op == .minus ? -days : days))), .date)
        default:
            return nil
        }
    }
}
