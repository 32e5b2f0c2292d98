/// Judging the distribution checks: statistics, quantiles, value sets, the most common value.
extension Evaluator {
    /// Each quantile's value against its range.
    func quantiles(_ values: [SQLValue], check: Check, make: ResultMaker) throws(MeasureFailure) -> CheckResult {
        guard case .quantiles(let column, let ranges) = check.kind else { throw MeasureFailure(message: "not quantiles") }
        var outside: [String] = []
        for (value, bound) in zip(values, ranges) {
            let label = "q\(bound.quantile.formatted(maxFractionDigits: 4))=\(shown(value, of: column))"
            guard !value.isNull else { outside.append(label); continue }
            guard let inside = bound.range.contains(value) else {
                throw MeasureFailure(message: "quantile \(shown(value, of: column)) cannot be compared with the bounds \(bound.range)")
            }
            if !inside { outside.append(label + " not in \(bound.range)") }
        }
        var outcome = make(outside.isEmpty ? .pass : .fail, violations: outside.count,
                           message: outside.isEmpty ? "quantiles of \(column) within bounds" : outside.joined(separator: "; "))
        outcome.observedValues = values
        return outcome
    }

    /// The distinct values against the set: none outside it, none of it missing, or both.
    func distinctSet(unexpected: Int, missing: Int, distinct: [SQLValue], check: Check, make: ResultMaker) throws(MeasureFailure) -> CheckResult {
        guard case .distinctValues(let column, let set, let relation) = check.kind else { throw MeasureFailure(message: "not a value set") }
        var problems: [String] = []
        if relation != .contains, unexpected > 0 {
            let outside = distinct.filter { v in !set.contains { LiteralOrder.compare(v, $0) == 0 } }
            problems.append("\(unexpected) value(s) outside the set" + listing(outside, of: unexpected, column: column))
        }
        if relation != .within, missing > 0 {
            let absent = set.filter { l in !distinct.contains { LiteralOrder.compare($0, l) == 0 } }.map(\.sqlValue)
            problems.append("\(missing) value(s) of the set missing" + listing(absent, of: missing, column: column))
        }
        var outcome = make(problems.isEmpty ? .pass : .fail, violations: (relation == .contains ? 0 : unexpected) + (relation == .within ? 0 : missing),
                           message: problems.isEmpty ? "\(distinct.count) distinct value(s) of \(column) as expected" : problems.joined(separator: "; "))
        outcome.observedValues = distinct
        return outcome
    }

    /// The most frequent values (all of them on a tie) against the set.
    func mostCommon(_ frequencies: [[SQLValue]], check: Check, make: ResultMaker) throws(MeasureFailure) -> CheckResult {
        guard case .mostCommonValue(let column, let set, let tiesOkay) = check.kind else { throw MeasureFailure(message: "not most common value") }
        let top = frequencies.first.flatMap { $0.count > 1 ? $0[1].int : nil } ?? 0
        let modes = frequencies.filter { $0.count > 1 && $0[1].int == top }.compactMap(\.first)
        let inSet = modes.filter { v in set.contains { LiteralOrder.compare(v, $0) == 0 } }
        let passed = tiesOkay ? !inSet.isEmpty : (modes.count == 1 && inSet.count == 1)
        let modesText = modes.map { shown($0, of: column) }.joined(separator: ", ")
        var outcome = make(passed ? .pass : .fail, observed: nil,
                           message: modes.isEmpty ? "\(column) has no values" : "most common \(column): \(modesText) (\(top) rows)"
                               + (passed ? "" : modes.count > 1 && !tiesOkay ? ", a tie" : ", not in the set"))
        outcome.observedValues = modes
        return outcome
    }

    /// Judges a measured statistic against the check's range.
    func statistic(_ value: SQLValue, check: Check, make result: ResultMaker) throws(MeasureFailure) -> CheckResult {
        guard case .statistic(let column, let statistic, let range) = check.kind else { throw MeasureFailure(message: "not a statistic") }
        let name = statistic.rawValue.replacingOccurrences(of: "_", with: " ")
        guard !value.isNull else {
            let status: CheckStatus = range.min == nil && range.max == nil ? .pass : .fail
            return result(status, message: "\(column) has no values to take the \(name) of")
        }
        guard let inside = range.contains(value) else {
            throw MeasureFailure(message: "the \(name) \(shown(value, of: column)) cannot be compared with the bounds \(range)")
        }
        var outcome = result(inside ? .pass : .fail, observed: value.double, message: "\(name) of \(column) is \(shown(value, of: column))" + (inside ? "" : ", expected \(range)"))
        outcome.observedValue = value
        return outcome
    }

    /// `: a, b, c` for up to five values, when the listing is complete enough to name them.
    func listing(_ values: [SQLValue], of count: Int, column: String) -> String {
        guard !values.isEmpty else { return "" }
        let text = values.prefix(5).map { shown($0, of: column) }.joined(separator: ", ")
        return ": " + text + (count > 5 ? ", ..." : "")
    }
}
