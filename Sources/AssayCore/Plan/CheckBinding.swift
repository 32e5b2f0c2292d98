/// A check bound to its table's real schema: columns resolved, scope and violation conditions built and
/// type-checked. Creating one is where unknown columns and ill-typed conditions are caught.
struct CheckBinding {
    let check: Check
    let schema: TableSchema
    /// Conditions every checked row satisfies: table filter, table window, check filter, check window.
    let scope: [Expr]
    /// The text errors point into (the rule or filter the check was written with).
    let conditionText: String
    /// The engine the check will run on: where it keeps dates as text, non-ISO-8601 values are violations.
    let dialect: any SQLDialect

    init(check: Check, table: TableSpec, schema: TableSchema, now: CivilDateTime, dialect: any SQLDialect) throws(PlanError) {
        self.check = check
        self.schema = schema
        self.dialect = dialect
        var scope: [Expr] = []
        for filter in [table.filter, table.restriction, check.filter].compactMap({ $0 }) {
            try Self.validate(filter.expr, text: filter.text, schema: schema, role: "filter")
            scope.append(filter.expr)
        }
        for window in [table.window, check.window].compactMap({ $0 }) {
            // Bounded above by now: a row dated in the future is not recent, it is outside the window.
            let notFuture = Expr.binary(.lessOrEqual, .column(ColumnRef(window.column)), .literal(.timestamp(now.description)))
            let condition = Expr.binary(.and, window.condition(now: now), notFuture)
            try Self.validate(condition, text: window.column, schema: schema, role: "window")
            scope.append(condition)
        }
        self.scope = scope
        if case .rule(let condition, _) = check.kind { conditionText = condition.text } else { conditionText = "" }
        for column in check.kind.columns where !check.kind.isSchemaCheck || Self.needsColumn(check.kind) {
            _ = try resolve(column)
        }
    }

    /// Schema checks that describe a column (rather than test for it) need it to exist.
    private static func needsColumn(_ kind: CheckKind) -> Bool {
        if case .columnType = kind { return true }
        return false
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

    func column(_ name: String) -> Expr { .column(ColumnRef(resolved(name))) }

    /// `column [NOT] IN (values)`, type-checked.
    func membership(_ name: String, _ values: [Literal], negated: Bool) throws(PlanError) -> Expr {
        let expr = Expr.inList(column(name), values.map { .literal($0) }, negated: negated)
        try typeCheck(expr)
        return expr
    }

    private func typeCheck(_ expr: Expr) throws(PlanError) {
        do {
            try ExprTyper(schema: schema, text: conditionText).checkCondition(expr)
        } catch {
            throw PlanError(error.explanation)
        }
    }

    /// Rows a multi-column check leaves out for missing values.
    private func skipped(_ columns: [String], _ skip: MissingValues) -> Expr? {
        let missing = columns.map { Expr.isNull(column($0), negated: false) }
        switch skip {
        case .never: return nil
        case .allMissing: return Expr.and(missing)
        case .anyMissing: return Expr.or(missing)
        }
    }

    /// A row violates when `holds` is false or unknown, unless the row is skipped for missing values.
    private func violatedUnlessSkipped(_ holds: Expr, columns: [String], skip: MissingValues) -> Expr {
        let fails = Expr.or(columns.map { Expr.isNull(column($0), negated: false) } + [.not(holds)])!
        guard let skipped = skipped(columns, skip) else { return fails }
        return .binary(.and, .not(skipped), fails)
    }

    /// The condition that makes a row violate the check (NULL, unknown, never counts as a violation), and the
    /// columns it reads as dates that the engine keeps as text: a value there that is not a date violates too.
    func violationPredicate() throws(PlanError) -> (predicate: Expr, textDates: [String]) {
        let predicate: Expr
        switch check.kind {
        case .notNull(let c):
            predicate = .isNull(column(c), negated: false)
        case .regex(let c, let pattern, let mustMatch):
            predicate = .regex(column(c), pattern: .literal(.string(pattern)), caseInsensitive: false, negated: mustMatch)
        case .inSet(let c, let values, let negated):
            // NOT IN () is true even for NULL; with an empty set every non-null value is outside it.
            predicate = values.isEmpty && !negated ? .isNull(column(c), negated: true)
                : .inList(column(c), values.map { .literal($0) }, negated: !negated)
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
        case .columnPair(let l, let op, let r, let skip):
            predicate = violatedUnlessSkipped(.binary(op, column(l), column(r)), columns: [l, r], skip: skip)
        case .uniqueWithinRecord(let columns, let skip):
            var equalities: [Expr] = []
            for (i, a) in columns.enumerated() {
                for b in columns[(i + 1)...] { equalities.append(.binary(.equal, column(a), column(b))) }
            }
            guard let anyEqual = Expr.or(equalities) else { throw PlanError("unique_within_record needs two or more columns") }
            predicate = skipped(columns, skip).map { .binary(.and, .not($0), anyEqual) } ?? anyEqual
        case .sumEquals(let columns, let total, let skip):
            guard let first = columns.first else { throw PlanError("sum_equals needs one or more columns") }
            guard columns.count < ConditionLimits.maxDepth else {
                throw PlanError("sum_equals adds \(columns.count) columns; at most \(ConditionLimits.maxDepth - 1) (the nesting limit)")
            }
            let sum = columns.dropFirst().reduce(column(first)) { .binary(.plus, $0, column($1)) }
            predicate = violatedUnlessSkipped(.binary(.equal, sum, .literal(total)), columns: columns, skip: skip)
        case .dateFormat(let c, let format):
            // A date or timestamp column is checked in its text form (how SQLite stores it; PostgreSQL's ISO output).
            let text = schema.column(named: c)?.type.isTemporal == true ? Expr.cast(column(c), .text) : column(c)
            func matching(_ pattern: String, _ negated: Bool = false) -> Expr {
                .regex(text, pattern: .literal(.string(pattern)), caseInsensitive: true, negated: negated)
            }
            // Not in the format, or in it but a day the month does not have (as strptime rejects it).
            var invalid = [matching(format.pattern, true)] + format.impossibleDays.map { matching($0) }
            if let leap = format.leapDays { invalid.append(.binary(.and, matching(leap.any), matching(leap.leap, true))) }
            predicate = Expr.or(invalid)!
        case .rule(let condition, let violationWhen):
            predicate = violationWhen ? condition.expr : .not(condition.expr)
        default:
            throw PlanError("\(check.kind.name) does not count violating rows")
        }
        try typeCheck(predicate)
        return (predicate, textDateColumns(in: predicate))
    }

    /// The columns `expr` reads as dates that the engine keeps as text, so that some values may not be dates.
    func textDateColumns(in expr: Expr) -> [String] {
        ExprTyper(schema: schema, text: conditionText).temporalColumns(in: expr).filter { name in
            schema.column(named: name).map { dialect.storesTemporalAsText($0.type) } ?? false
        }
    }

    /// The constraint that makes a violation impossible, if the database enforces one: NOT NULL for not_null,
    /// a PRIMARY KEY or UNIQUE constraint on (a subset of) the columns for unique, an enforced FOREIGN KEY
    /// for references.
    func provingConstraint() -> String? {
        switch check.kind {
        case .notNull(let c):
            return schema.column(named: c)?.isNullable == false ? "the NOT NULL constraint on \(resolved(c))" : nil
        case .unique(let columns, _):
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
    func catalogueMeasure() -> Measure {
        let names = schema.columns.map(\.name)
        switch check.kind {
        case .columnExists(let c, let position):
            guard let index = names.firstIndex(where: { $0.lowercased() == c.lowercased() }) else {
                return .catalogue(passed: false, observed: nil, problems: 1, message: "missing column(s) \(c)")
            }
            if let position, position != index {
                return .catalogue(passed: false, observed: .integer(Int64(index)), problems: 1,
                                  message: "column \(names[index]) is at position \(index), expected \(position)")
            }
            return .catalogue(passed: true, observed: nil, problems: 0, message: "schema as expected")
        case .columnSet(let expected, let exact, let ordered):
            if ordered {
                let same = names.map { $0.lowercased() } == expected.map { $0.lowercased() }
                return .catalogue(passed: same, observed: .text(names.joined(separator: ", ")), problems: nil,
                                  message: same ? "columns in the expected order"
                                      : "columns are \(names.joined(separator: ", ")); expected \(expected.joined(separator: ", "))")
            }
            let missing = expected.filter { schema.column(named: $0) == nil }
            let unexpected = exact ? names.filter { name in !expected.contains { $0.lowercased() == name.lowercased() } } : []
            var problems: [String] = []
            if !missing.isEmpty { problems.append("missing column(s) \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { problems.append("unexpected column(s) \(unexpected.joined(separator: ", "))") }
            return .catalogue(passed: problems.isEmpty, observed: .text(names.joined(separator: ", ")), problems: missing.count + unexpected.count,
                              message: problems.isEmpty ? "schema as expected" : problems.joined(separator: "; "))
        case .columnCount(let bounds):
            let passed = bounds.contains(Double(names.count))
            return .catalogue(passed: passed, observed: .integer(Int64(names.count)), problems: nil,
                              message: "\(names.count) columns" + (passed ? "" : ", expected \(bounds)"))
        case .columnType(let c, let types):
            let declared = schema.column(named: c)?.declaredType ?? ""
            let passed = types.contains { DeclaredType.matches(declared, $0) }
            return .catalogue(passed: passed, observed: .text(declared), problems: nil,
                              message: "\(resolved(c)) is \(declared)" + (passed ? "" : ", expected \(types.joined(separator: " or "))"))
        default:
            return .invalid("\(check.kind.name) is not a schema check")
        }
    }
}
