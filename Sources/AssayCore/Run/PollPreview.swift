/// What the polls of an incremental table send (`assay plan` prints it): the statement reading the next rows past
/// the watermark, and the table's row-by-row checks restricted to exactly those rows. The other checks of the table
/// (counts, statistics, duplicates, order, schema) look at more than one row and run on the table's schedule.
public struct PollPreview: Sendable {
    public var table: String
    public var spec: IncrementalSpec
    /// The column that tells rows apart.
    public var key: String?
    /// The next rows past an example watermark (a newest value and one counted key).
    public var nextRows: SQLFragment?
    /// The row checks over an example batch of new rows.
    public var checks: TablePlan?
    /// The checks only the table's scheduled run checks (the row checks run there too, over all the table's rows).
    public var scheduled: [String]
    /// How late a row may be and still be read: a duration for a date or timestamp column, else a number.
    public var lateness: String
    /// Why the table cannot be polled (no such column, no key), when it cannot.
    public var error: String?
}

extension RunEngine {
    /// The poll statements of each incremental table of a prepared suite (see ``poll(_:table:watermark:context:)``).
    public func pollPreviews(_ prepared: PreparedSuite) -> [PollPreview] {
        let now = CivilDateTime(clock.now())
        let planner = Planner(dialect: source.dialect, now: now, sampleLimit: options.sampleLimit)
        return zip(prepared.suite.tables, prepared.plans).compactMap { table, plan -> PollPreview? in
            guard let spec = table.incremental else { return nil }
            let rowChecks = Set(table.checks.filter { $0.kind.judgedRowByRow && $0.schedule == nil }.map(\.id))
            let type = prepared.catalogue?.schemas[table.name]?.column(named: spec.column)?.type ?? .unknown
            var preview = PollPreview(table: table.name, spec: spec, scheduled: table.checks.map(\.id).filter { !rowChecks.contains($0) },
                                      lateness: type.isNumeric ? spec.lateness.formatted(maxFractionDigits: 3) : "\(TimeSpan(seconds: spec.lateness))")
            guard let schema = prepared.catalogue?.schemas[table.name] else {
                preview.error = plan.tableError?.message ?? "the table's columns could not be read"
                return preview
            }
            do throws(PlanError) {
                let incremental = try IncrementalPlanner(table: table, schema: schema, dialect: source.dialect, now: now)
                preview.key = incremental.key
                let example = Self.example(type)
                preview.nextRows = try incremental.nextKeys(after: Watermark(high: example, started: true,
                                                                              counted: [Watermark.Counted(key: .integer(1), position: Watermark.position(example) ?? 0)]))
                var restricted = table
                restricted.checks = table.checks.filter { rowChecks.contains($0.id) }
                restricted.restriction = incremental.restriction(to: [.integer(1), .integer(2), .integer(3)])
                preview.checks = planner.plan(restricted, schemas: prepared.catalogue?.schemas ?? [:])
            } catch {
                preview.error = error.message
            }
            return preview
        }
    }

    private static func example(_ type: ValueType) -> SQLValue {
        switch type {
        case .integer: .integer(1_000)
        case .decimal: .double(1_000)
        case .date: .date("2026-01-01")
        default: .timestamp("2026-01-01 00:00:00")
        }
    }
}
