/// The statements of an incremental poll (see ``IncrementalSpec``): the keys of the next rows past the watermark,
/// the table's newest value (where a poll that starts at the latest row begins), the restriction of the table's
/// checks to exactly those rows, and the oldest violating row's time. Every value is bound, never spliced.
struct IncrementalPlanner: Sendable {
    let table: TableSpec
    let spec: IncrementalSpec
    let schema: TableSchema
    let dialect: any SQLDialect
    let compiler: SQLCompiler
    /// The column rows are told apart by: the named key, else the one-column primary key.
    let key: String

    /// - Throws: ``PlanError`` when the column or key does not exist, the column is neither a number nor a date or
    ///   timestamp, or the table has no single-column primary key and none is named.
    init(table: TableSpec, schema: TableSchema, dialect: any SQLDialect, now: CivilDateTime) throws(PlanError) {
        guard let spec = table.incremental else { throw PlanError("table '\(table.name)' is not incremental") }
        self.table = table
        self.spec = spec
        self.schema = schema
        self.dialect = dialect
        compiler = SQLCompiler(dialect: dialect, schema: schema, now: now)
        guard let column = schema.column(named: spec.column) else {
            throw PlanError("incremental column '\(spec.column)' is not a column of '\(table.name)'"
                            + Suggestion.hint(for: spec.column, in: schema.columns.map(\.name)))
        }
        // The watermark orders rows by the column's value as a number or an instant; text (other than SQLite's
        // untyped columns, which hold whatever was written) has no such order the watermark could follow.
        guard column.type.isNumeric || column.type.isTemporal || column.type == .unknown else {
            throw PlanError("incremental column '\(spec.column)' must be a number, date or timestamp column; it is \(column.declaredType)")
        }
        key = try Self.keyColumn(spec, table: table.name, schema: schema)
    }

    private static func keyColumn(_ spec: IncrementalSpec, table: String, schema: TableSchema) throws(PlanError) -> String {
        if let key = spec.key {
            guard let column = schema.column(named: key) else {
                throw PlanError("incremental key '\(key)' is not a column of '\(table)'" + Suggestion.hint(for: key, in: schema.columns.map(\.name)))
            }
            return column.name
        }
        let primary = schema.primaryKey
        guard primary.count == 1 else {
            throw PlanError("table '\(table)' has \(primary.isEmpty ? "no primary key" : "a primary key of \(primary.count) columns"); name the column that tells rows apart: incremental: {column: \(spec.column), key: COLUMN}")
        }
        return primary[0]
    }

    /// The most rows one poll reads: the batch, within what the database lets one statement bind.
    var batch: Int { min(spec.batch, dialect.maxBoundValues / 2) }

    /// `SELECT key, column FROM t WHERE column IS NOT NULL [AND column >= bound] [AND key NOT IN (counted)] ORDER BY
    /// column, key LIMIT batch`.
    func nextKeys(after watermark: Watermark) throws(PlanError) -> SQLFragment {
        var conditions: [Expr] = [.isNull(.column(ColumnRef(spec.column)), negated: true)]
        if let bound = watermark.lowerBound(lateness: spec.lateness), let high = watermark.high {
            conditions.append(.binary(.greaterOrEqual, .column(ColumnRef(spec.column)), .literal(Self.literal(bound, like: high))))
        }
        if !watermark.counted.isEmpty {
            conditions.append(.inList(.column(ColumnRef(key)), watermark.counted.map { .literal(Self.literal($0.key)) }, negated: true))
        }
        let condition = try compile(Expr.and(conditions) ?? .literal(.boolean(true)), role: "watermark")
        return "SELECT " + compiler.column(key) + ", " + compiler.column(spec.column) + " FROM " + SQLFragment(dialect.quote(schema.table))
            + " WHERE " + condition + " ORDER BY " + compiler.column(spec.column) + ", " + compiler.column(key) + " LIMIT \(batch)"
    }

    /// `SELECT MAX(column) FROM t`: where a table that starts at its latest row begins.
    var newest: SQLFragment {
        "SELECT MAX(" + compiler.column(spec.column) + ") FROM " + SQLFragment(dialect.quote(schema.table))
    }

    /// The table's checks restricted to exactly the rows of `keys`.
    func restriction(to keys: [SQLValue]) -> Condition {
        Condition(expr: .inList(.column(ColumnRef(key)), keys.map { .literal(Self.literal($0)) }, negated: false),
                         text: "\(key) IN (the \(keys.count) new rows)")
    }

    /// `SELECT MIN(column) FROM ... WHERE <the check's violating rows>`: when the oldest bad row was written.
    func oldestViolation(_ rows: RowSelection) -> SQLFragment {
        let column = SQLFragment(rows.alias.map { $0 + "." } ?? "") + SQLFragment(dialect.quote(schema.column(named: spec.column)?.name ?? spec.column))
        return "SELECT MIN(" + column + ") FROM " + SQLFragment(dialect.quote(rows.table)) + SQLFragment(rows.alias.map { " " + $0 } ?? "")
            + " WHERE " + rows.condition
    }

    private func compile(_ expr: Expr, role: String) throws(PlanError) -> SQLFragment {
        do throws(ConditionError) {
            try ExprTyper(schema: schema, text: spec.column).checkCondition(expr)
            return try compiler.compile(expr)
        } catch {
            throw PlanError("the \(role) of '\(table.name)' cannot be compared: \(error.explanation)")
        }
    }

    /// A value read from the table as a literal of the same kind.
    static func literal(_ value: SQLValue) -> Literal {
        switch value {
        case .null: .null
        case .boolean(let b): .boolean(b)
        case .integer(let v): .integer(v)
        case .double(let v): .decimal(v)
        case .text(let s): .string(s)
        case .date(let s): .date(s)
        case .timestamp(let s): .timestamp(s)
        }
    }

    /// A lower bound (a number, or seconds since 1970) as a literal like the column's value `like`.
    static func literal(_ bound: Double, like value: SQLValue) -> Literal {
        switch value {
        case .integer: .integer(Int64(bound.rounded(.down)))
        case .double: .decimal(bound)
        case .date, .timestamp: .timestamp(CivilDateTime(epochSeconds: bound).description)
        case .text(let s):
            TemporalText.parseTimestamp(s) != nil ? .timestamp(CivilDateTime(epochSeconds: bound).description) : .string(s)
        case .null, .boolean: .null
        }
    }
}
