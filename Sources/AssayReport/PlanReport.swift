import AssayCore

/// What `assay plan` prints: every statement that would run, per table, and the checks it serves.
public struct PlanReport: Sendable {
    public var dialect: any SQLDialect

    public init(dialect: any SQLDialect) { self.dialect = dialect }

    /// - Parameter polls: the incremental tables' poll statements, printed after the table's own plan.
    public func render(_ plans: [TablePlan], polls: [PollPreview] = []) -> String {
        var out = ""
        var statements = 0
        for plan in plans {
            defer { if let poll = polls.first(where: { $0.table == plan.table }) { out += render(poll) } }
            out += "-- table \(plan.table): \(plan.checks.count) checks, \(plan.queries.count) statement(s)\n"
            if let error = plan.tableError { out += "-- ERROR: \(error.message)\n\n"; continue }
            let scans = plan.queries.count { $0.purpose == .scan }
            var scan = 0
            for query in plan.queries {
                statements += 1
                out += header(query, scans: scans, scan: &scan)
                out += statement(query.sql)
            }
            for planned in plan.checks {
                if let strategy = planned.strategy { out += "-- \(planned.check.id): \(strategy)\n" }
                switch planned.measure {
                case .invalid(let reason): out += "-- ERROR \(planned.check.id): \(reason)\n"
                case .catalogue: out += "-- \(planned.check.id): decided from the catalogue, no scan\n"
                case .proven(_, let constraint): out += "-- \(planned.check.id): proven by \(constraint), no scan\n"
                default: break
                }
            }
        }
        out += "-- \(statements) statement(s) in all, after the catalogue query; failing-row samples only for checks that fail\n"
        return out
    }

    /// An incremental table's polls: the next rows past the watermark, then the row checks on exactly those rows.
    private func render(_ poll: PollPreview) -> String {
        let spec = poll.spec
        var out = "-- incremental: polled every \(TimeSpan(seconds: spec.poll.seconds)) on \(spec.column)"
            + (poll.key.map { " (rows told apart by \($0))" } ?? "") + ", at most \(spec.batch) rows a poll"
            + (spec.lateness > 0 ? ", late rows re-read within \(poll.lateness)" : "") + "\n"
        if let error = poll.error { return out + "-- ERROR: \(error)\n\n" }
        if let next = poll.nextRows {
            out += "-- 1. the next rows past the watermark (its newest value, less the lateness; keys already counted left out):\n" + statement(next)
        }
        if let checks = poll.checks {
            out += "-- 2. the row checks (\(checks.checks.map(\.check.id).joined(separator: ", "))) on exactly those rows:\n"
            var scan = 0
            let scans = checks.queries.count { $0.purpose == .scan }
            for query in checks.queries {
                out += header(query, scans: scans, scan: &scan) + statement(query.sql)
            }
        }
        if !poll.scheduled.isEmpty { out += "-- on the table's schedule, over all its rows: \(poll.scheduled.joined(separator: ", "))\n\n" }
        return out
    }

    private func statement(_ sql: SQLFragment) -> String {
        var out = dialect.render(sql) + ";\n"
        if !sql.bindings.isEmpty {
            out += "-- parameters: " + sql.bindings.enumerated().map { "\($0.offset + 1)=\($0.element.sqlLiteral)" }.joined(separator: ", ") + "\n"
        }
        return out + "\n"
    }

    private func header(_ query: PlannedQuery, scans: Int, scan: inout Int) -> String {
                switch query.purpose {
                case .scan where scans > 1:
                    scan += 1
                    return "-- scan \(scan) of \(scans) (the aggregates pass \(dialect.name)'s limit of \(dialect.maxResultColumns) result "
                        + "columns or \(dialect.maxBoundValues) bound values per statement) for: \(query.checkIDs.joined(separator: ", "))\n"
                case .scan: return "-- one scan for: \(query.checkIDs.joined(separator: ", "))\n"
                case .references(let id): return "-- anti-join for: \(id)\n"
                case .ordered: return "-- row order for: \(query.checkIDs.joined(separator: ", "))\n"
                case .values: return "-- distinct values for: \(query.checkIDs.joined(separator: ", "))\n"
                }
    }
}
