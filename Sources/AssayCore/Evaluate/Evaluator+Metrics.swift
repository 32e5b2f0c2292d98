extension Evaluator {
    /// The raw values the plan measured for a check, by name (``Measure/namedReferences``), with values of
    /// personal-data columns masked; a statement that failed leaves its metrics out.
    func metrics(_ planned: PlannedCheck, results: QueryResults) -> [String: SQLValue] {
        var found: [String: SQLValue] = [:]
        let masked = reportsValues(planned.check.kind) && planned.check.kind.columns.contains(where: maskedColumns.contains)
        for (name, ref) in planned.measure.namedReferences {
            guard case .success(let value) = results.value(ref) else { continue }
            found[name] = masked && !Self.countNames.contains(name) ? PersonalData.mask(value) : value
        }
        if case .groupedDuplicates(_, let ref) = planned.measure, case .success(let value) = results.value(ref),
           let grouped = try? GroupedDuplicates(value) {
            found["violations"] = .integer(Int64(grouped.violations))
        }
        return found
    }

    /// Metrics that count rows or values, never show a value of the column, and so are never masked.
    private static let countNames: Set<String> = [
        "rows", "violations", "values", "not_dates", "not_dates_violating", "complete", "distinct", "denominator",
        "unexpected", "found",
    ]
}
