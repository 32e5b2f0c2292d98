/// A check bound to its table's real schema: columns resolved, scope and violation conditions built and
/// type-checked. Creating one is where unknown columns and ill-typed conditions are caught.
struct CheckBinding {
    let check: Check
    let schema: TableSchema
    /// Conditions every checked row satisfies: table filter, table window, check filter, check window.
    let scope: [Expr]
    /// The text errors point into (the rule or filter the check was written with).
    let conditionText: String

    init(check: Check, table: TableSpec, schema: TableSchema, now: CivilDateTime) throws(PlanError) {
        self.check = check
        self.schema = schema
        var scope: [Expr] = []
        for filter in [table.filter, check.filter].compactMap({ $0 }) {
            try Self.validate(filter.expr, text: filter.text, schema: schema, role: "filter")
            scope.append(filter.expr)
        }
        for window in [table.window, check.window].compactMap({ $0 }) {
            let condition = window.condition(now: now)
            try Self.validate(condition, text: window.column, schema: schema, role: "window")
            scope.append(condition)
        }
        self.scope = scope
        if case .rule(let condition, _) = check.kind { conditionText = condition.text } else { conditionText = "" }
        for column in check.kind.columns where !Self.isSchemaOnly(check.kind) {
            _ = try resolve(column)
        }
    }

    private static func isSchemaOnly(_ kind: CheckKind) -> Bool {
        switch kind {
        case .columnExists, .columnSet: true
        default: false
        }
    }

    private static func validate(_ expr: Expr, text: String, schema: TableSchema, role: String) throws(PlanError) {
        do {
            try ExprTyper(schema: schema, text: text).checkCondition(expr)
        } catch {
            throw PlanError("\(role): \(error.explanation)")
        }
    }

    /// The schema's spelling of a column.
    private func resolve(_ name: String) throws(PlanError) -> String {
        guard let column = schema.column(named: name) else {
            throw PlanError(schema.unknownColumnMessage(name))
        }
        return column.name
    }

    /// The schema's spelling of a column already known to exist.
    func resolved(_ name: String) -> String { schema.column(named: name)?.name ?? name }

    private func column(_ name: String) -> Expr { .column(ColumnRef(resolved(name))) }

    /// The condition that makes a row violate the check; NULL (unknown) never counts as a violation.
    func violationPredicate() throws(PlanError) -> Expr {
        let predicate: Expr
        switch check.kind {
        case .notNull(let c):
            predicate = .isNull(column(c), negated: false)
        case .regex(let c, let pattern, let mustMatch):
            predicate = .regex(column(c), pattern: .literal(.string(pattern)), caseInsensitive: false, negated: mustMatch)
        case .inSet(let c, let values, let negated):
            predicate = .inList(column(c), values.map { .literal($0) }, negated: !negated)
        case .between(let c, let min, let max, let strictMin, let strictMax):
            var outside: [Expr] = []
            if let min { outside.append(.binary(strictMin ? .lessOrEqual : .less, column(c), .literal(min))) }
            if let max { outside.append(.binary(strictMax ? .greaterOrEqual : .greater, column(c), .literal(max))) }
            guard let first = outside.first else { throw PlanError("between needs min, max or both") }
            predicate = outside.dropFirst().reduce(first) { .binary(.or, $0, $1) }
        case .lengthBetween(let c, let min, let max):
            let length = Expr.function(.length, [column(c)], offset: 0)
            var outside: [Expr] = []
            if let min { outside.append(.binary(.less, length, .literal(.integer(Int64(min))))) }
            if let max { outside.append(.binary(.greater, length, .literal(.integer(Int64(max))))) }
            guard let first = outside.first else { throw PlanError("length_between needs min, max or both") }
            predicate = outside.dropFirst().reduce(first) { .binary(.or, $0, $1) }
        case .columnPair(let l, let op, let r):
            predicate = .not(.binary(op, column(l), column(r)))
        case .rule(let condition, let violationWhen):
            predicate = violationWhen ? condition.expr : .not(condition.expr)
        default:
            throw PlanError("\(check.kind.name) does not count violating rows")
        }
        do {
            try ExprTyper(schema: schema, text: conditionText).checkCondition(predicate)
        } catch {
            throw PlanError(error.explanation)
        }
        return predicate
    }

    /// The constraint that makes a violation impossible, if the database enforces one: NOT NULL for not_null,
    /// a PRIMARY KEY or UNIQUE constraint on (a subset of) the columns for unique, an enforced FOREIGN KEY
    /// for references.
    func provingConstraint() -> String? {
        switch check.kind {
        case .notNull(let c):
            return schema.column(named: c)?.isNullable == false ? "the NOT NULL constraint on \(resolved(c))" : nil
        case .unique(let columns):
            let wanted = Set(columns.map(resolved))
            guard let key = schema.uniqueKeys.first(where: { !$0.isEmpty && Set($0).isSubset(of: wanted) }) else { return nil }
            let kind = Set(key) == Set(schema.primaryKey) ? "PRIMARY KEY" : "UNIQUE"
            return "the \(kind) constraint on (\(key.joined(separator: ", ")))"
        case .references(let c, let table, let key):
            let found = schema.foreignKeys.contains { fk in
                fk.columns == [resolved(c)] && fk.table == table && fk.keyColumns.count == 1
                    && fk.keyColumns[0].lowercased() == key.lowercased()
            }
            return found ? "the FOREIGN KEY constraint \(resolved(c)) → \(table)(\(key))" : nil
        default:
            return nil
        }
    }

    /// The result of a schema check, decided from the catalogue.
    func schemaMeasure() -> Measure {
        switch check.kind {
        case .columnExists(let c):
            return .schema(missing: schema.column(named: c) == nil ? [c] : [], unexpected: [])
        case .columnSet(let expected, let exact):
            let missing = expected.filter { schema.column(named: $0) == nil }
            let unexpected = exact ? schema.columns.map(\.name).filter { name in
                !expected.contains { $0.lowercased() == name.lowercased() }
            } : []
            return .schema(missing: missing, unexpected: unexpected)
        default:
            return .invalid("\(check.kind.name) is not a schema check")
        }
    }
}
