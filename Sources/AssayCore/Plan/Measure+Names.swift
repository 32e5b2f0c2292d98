extension Measure {
    /// The raw values the measure reads, by name: `rows`, `violations`, `values` (non-null values tested),
    /// `not_dates`, `complete`, `distinct`, `newest` (seconds since 1970), `value`, `denominator`, `lower`/`upper`
    /// (a median's middle values), `q1`, `q2`, ... (the quantiles in the check's order), `unexpected`, `found`. A name is stable for a check, so with the
    /// check's key it names one series of measurements.
    public var namedReferences: [(name: String, ref: MetricRef)] {
        switch self {
        case .violations(let rows, let violations): [("rows", rows), ("violations", violations)]
        case .counted(let rows, let violations, let values, let notDates):
            [("rows", rows), ("violations", violations)] + (values.map { [("values", $0)] } ?? [])
                + (notDates.map { [("not_dates", $0.rows), ("not_dates_violating", $0.alsoViolating)] } ?? [])
        case .duplicates(let rows, let complete, let distinct): [("rows", rows), ("complete", complete), ("distinct", distinct)]
        case .groupedDuplicates(let rows, _): [("rows", rows)]
        case .rowCount(let rows): [("rows", rows)]
        case .newest(let rows, let newest): [("rows", rows), ("newest", newest)]
        case .statistic(let value, let denominator): [("value", value)] + (denominator.map { [("denominator", $0)] } ?? [])
        case .median(let lower, let upper): [("lower", lower), ("upper", upper)]
        case .quantiles(let refs): refs.enumerated().map { ("q\($0.offset + 1)", $0.element) }
        case .distinctSet(let unexpected, let found, _, _): [("unexpected", unexpected), ("found", found)]
        case .proven(let rows, _): [("rows", rows)]
        case .mostCommon, .catalogue, .invalid: []
        }
    }
}
