/// Which column types a statistic or distribution check applies to. A check that does not apply to its column's
/// type is a configuration error: `assay validate` reports it, and `assay check` reports the check as ERROR.
///
/// | check | applies to |
/// |---|---|
/// | `mean`, `sum`, `stddev` | numbers (integer, decimal) and booleans as 0 and 1 (the mean is the share of true) |
/// | `median` (averages the two middle values) | numbers (integer, decimal) |
/// | `min`, `max`, `quantiles` (order statistics) | any ordered type: numbers, text, dates, timestamps, booleans, intervals |
/// | `distinct_count`, `unique_proportion`, `distinct_values` / `in_set`-style sets, `most_common_value` | any type |
///
/// A column whose declared type says nothing (SQLite columns without a type) is accepted: its values decide.
enum Applicability {
    /// Why `statistic` cannot be taken of a column of `type`, or `nil` when it can.
    static func problem(_ statistic: Statistic, column: String, type: ValueType) -> String? {
        guard type != .unknown else { return nil }
        switch statistic {
        case .mean, .sum, .stddev, .median:
            guard !type.isNumeric, type != .boolean || statistic == .median else { return nil }
            let hint = switch type {
            case .date, .timestamp, .text: "; use min, max or quantiles (order statistics) instead"
            case .boolean: "; the mean of a boolean column is the share of true values"
            default: ""
            }
            let what = statistic == .median ? "median (the mean of the two middle values)" : statistic.rawValue
            return "\(what) applies to numeric columns, but \(column) is \(type.rawValue)" + hint
        case .min, .max, .distinctCount, .uniqueProportion:
            return nil
        }
    }
}
