import AssayCore

/// What a run measured of one table, gathered from its checks for the `dataQualityMetrics` facet. Only checks that
/// look at the table's own scope (no filter or window of their own) and that ran count: a check with its own
/// filter measured other rows.
///
/// | metric | from |
/// |---|---|
/// | `rowCount` | the rows in scope of any such check (`row_count` and every row check measure it) |
/// | `nullCount` | `not_null` (its violations); checks that skip NULLs (rows − values tested); one-column `unique` (rows − complete) |
/// | `count` | non-null values: checks that skip NULLs, one-column `unique` |
/// | `distinctCount` | one-column `unique` (distinct values), `distinct_count` |
/// | `min`, `max`, `sum` | the statistics of those names, when numeric |
/// | `quantiles` | `quantiles` (each quantile), `median` (0.5) |
struct TableMeasurements {
    var rowCount: Int?
    var columns: [String: DataQualityMetricsFacet.ColumnMetrics] = [:]

    init(table: TableSpec?, results: [CheckResult], schema: TableSchema?) {
        for result in results where result.status != .error {
            guard let check = table?.checks.first(where: { $0.id == result.check }), check.filter == nil, check.window == nil else { continue }
            let m = result.metrics
            let rows = m["rows"]?.int
            if let rows { rowCount = rows }
            func column(_ name: String, _ update: (inout DataQualityMetricsFacet.ColumnMetrics) -> Void) {
                let key = schema?.column(named: name)?.name ?? name
                update(&columns[key, default: .init()])
            }
            if let values = m["values"]?.int, let rows, result.columns.count == 1 {
                column(result.columns[0]) { $0.count = Double(values); $0.nullCount = rows - values }
            }
            switch check.kind {
            case .notNull(let c):
                if let violations = m["violations"]?.int { column(c) { $0.nullCount = violations } }
            case .unique(let cs, _) where cs.count == 1:
                if let complete = m["complete"]?.int, let distinct = m["distinct"]?.int {
                    column(cs[0]) { metrics in
                        metrics.distinctCount = distinct
                        metrics.count = Double(complete)
                        if let rows { metrics.nullCount = rows - complete }
                    }
                }
            case .statistic(let c, .median, _):
                if let lower = Self.number(m["lower"]), let upper = Self.number(m["upper"]) {
                    column(c) { $0.quantiles = ($0.quantiles ?? [:]).merging(["0.5": (lower + upper) / 2]) { _, new in new } }
                }
            case .statistic(let c, let statistic, _):
                guard let value = Self.number(m["value"]) else { break }
                switch statistic {
                case .min: column(c) { $0.min = value }
                case .max: column(c) { $0.max = value }
                case .sum: column(c) { $0.sum = value }
                case .distinctCount: column(c) { $0.distinctCount = Int(value) }
                default: break
                }
            case .quantiles(let c, let ranges):
                var found: [String: Double] = [:]
                for (index, range) in ranges.enumerated() {
                    if let value = Self.number(m["q\(index + 1)"]) { found[range.quantile.formatted(maxFractionDigits: 6)] = value }
                }
                if !found.isEmpty { column(c) { $0.quantiles = ($0.quantiles ?? [:]).merging(found) { _, new in new } } }
            default:
                break
            }
        }
        columns = columns.filter { !$0.value.isEmpty }
    }

    /// A measured number: an integer, a finite double, or a decimal as text (a masked value, which always holds `*`,
    /// a date or other text is not one).
    private static func number(_ value: SQLValue?) -> Double? {
        switch value {
        case .integer(let v): Double(v)
        case .double(let v) where v.isFinite: v
        case .text(let s): Double(s).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }
}
