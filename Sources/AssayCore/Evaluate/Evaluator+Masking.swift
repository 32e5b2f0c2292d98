/// Personal data in results: values of masked columns never reach a message or an observed value.
extension Evaluator {
    /// The value as a message may show it: masked when its column holds personal data.
    func shown(_ value: SQLValue, of column: String) -> String {
        maskedColumns.contains(column) ? PersonalData.mask(value).description : value.description
    }

    /// The result with the measured values of a personal column masked. Counts (rows, violations, distinct
    /// counts, proportions) are not values of the column and stay.
    func masking(_ result: CheckResult, of check: Check) -> CheckResult {
        guard reportsValues(check.kind), check.kind.columns.contains(where: maskedColumns.contains) else { return result }
        var masked = result
        masked.observedValue = masked.observedValue.map(PersonalData.mask)
        masked.observed = nil
        masked.observedValues = masked.observedValues?.map(PersonalData.mask)
        return masked
    }

    func reportsValues(_ kind: CheckKind) -> Bool {
        switch kind {
        case .statistic(_, let statistic, _): statistic != .distinctCount && statistic != .uniqueProportion
        case .quantiles, .distinctValues, .mostCommonValue: true
        default: false
        }
    }
}
