/// Decides in memory whether a row violates a check, so a fix is proposed only when the fixed row passes.
///
/// The violation condition is the one the planner compiles to SQL for the check's kind (`not_null`, `regex`,
/// `in_set`, `between`, `length_between`, `column_pair`, `rule`), evaluated by ``RowExpression``. The check's
/// `where:` filter and window are not evaluated: a fixed row must pass the check's own condition. Other kinds
/// (uniqueness, references, aggregates) cannot be judged on one row: ``violates(_:)`` returns `nil` for them.
package struct FixVerifier: Sendable {
    private let predicate: RowExpression?

    package init(check: Check) {
        predicate = Self.predicate(for: check.kind).map(RowExpression.init)
    }

    /// `true` when the row violates the check, `false` when it passes, `nil` when that cannot be told here.
    package func violates(_ row: [String: SQLValue]) -> Bool? {
        predicate?.isTrue(in: row)
    }

    /// The condition that makes a row violate the check (mirrors the planner's).
    static func predicate(for kind: CheckKind) -> Expr? {
        func column(_ name: String) -> Expr { .column(ColumnRef(name)) }
        func anyOf(_ parts: [Expr]) -> Expr? { Expr.or(parts) }
        switch kind {
        case .notNull(let c):
            return .isNull(column(c), negated: false)
        case .regex(let c, let pattern, let mustMatch):
            return .regex(column(c), pattern: .literal(.string(pattern)), caseInsensitive: false, negated: mustMatch)
        case .inSet(let c, let values, let negated):
            return values.isEmpty && !negated ? .isNull(column(c), negated: true)
                : .inList(column(c), values.map { .literal($0) }, negated: !negated)
        case .between(let c, let min, let max, let strictMin, let strictMax):
            var outside: [Expr] = []
            if let min { outside.append(.binary(strictMin ? .lessOrEqual : .less, column(c), .literal(min))) }
            if let max { outside.append(.binary(strictMax ? .greaterOrEqual : .greater, column(c), .literal(max))) }
            return anyOf(outside)
        case .lengthBetween(let c, let min, let max):
            let length = Expr.function(.length, [column(c)], offset: 0)
            var outside: [Expr] = []
            if let min { outside.append(.binary(.less, length, .literal(.integer(Int64(min))))) }
            if let max { outside.append(.binary(.greater, length, .literal(.integer(Int64(max))))) }
            return anyOf(outside)
        case .columnPair(let l, let op, let r, let skip):
            let missing = [l, r].map { Expr.isNull(column($0), negated: false) }
            let fails = Expr.or(missing + [.not(.binary(op, column(l), column(r)))])!
            switch skip {
            case .never: return fails
            case .allMissing: return .binary(.and, .not(Expr.and(missing)!), fails)
            case .anyMissing: return .binary(.and, .not(Expr.or(missing)!), fails)
            }
        case .rule(let condition, let violationWhen):
            return violationWhen ? condition.expr : .not(condition.expr)
        default:
            return nil
        }
    }
}
