import AssayCore

/// What `assay plan` prints: every statement that would run, per table, and the checks it serves.
public struct PlanReport: Sendable {
    public var dialect: any SQLDialect

    public init(dialect: any SQLDialect) { self.dialect = dialect }

    public func render(_ plans: [TablePlan]) -> String {
        var out = ""
        var statements = 0
        for plan in plans {
            out += "-- table \(plan.table): \(plan.checks.count) checks, \(plan.queries.count) statement(s)\n"
            if let error = plan.tableError { out += "-- ERROR: \(error.message)\n\n"; continue }
            let scans = plan.queries.count { $0.purpose == .scan }
            var scan = 0
            for query in plan.queries {
                statements += 1
                switch query.purpose {
                case .scan where scans > 1:
                    scan += 1
                    out += "-- scan \(scan) of \(scans) (the aggregates pass \(dialect.name)'s limit of \(dialect.maxResultColumns) result "
                        + "columns or \(dialect.maxBoundValues) bound values per statement) for: \(query.checkIDs.joined(separator: ", "))\n"
                case .scan: out += "-- one scan for: \(query.checkIDs.joined(separator: ", "))\n"
                case .references(let id): out += "-- anti-join for: \(id)\n"
                case .ordered: out += "-- row order for: \(query.checkIDs.joined(separator: ", "))\n"
                case .values: out += "-- distinct values for: \(query.checkIDs.joined(separator: ", "))\n"
                }
                out += dialect.render(query.sql) + ";\n"
                if !query.sql.bindings.isEmpty {
                    out += "-- parameters: " + query.sql.bindings.enumerated().map { "\($0.offset + 1)=\($0.element.sqlLiteral)" }.joined(separator: ", ") + "\n"
                }
                out += "\n"
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
}
