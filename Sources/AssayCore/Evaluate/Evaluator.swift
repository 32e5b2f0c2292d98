/// Turns measured values into PASS / WARN / FAIL / ERROR against each check's limits.
public struct Evaluator: Sendable {
    /// The instant the run treats as "now", for freshness.
    public var now: CivilDateTime

    public init(now: CivilDateTime) { self.now = now }

    /// Evaluates every check of a planned table.
    public func evaluate(_ plan: TablePlan, results: QueryResults) -> [CheckResult] {
        plan.checks.map { evaluate($0, table: plan.table, results: results) }
    }

    public func evaluate(_ planned: PlannedCheck, table: String, results: QueryResults) -> CheckResult {
        let check = planned.check
        do throws(MeasureFailure) {
            return try measure(planned, table: table, results: results)
        } catch {
            return .error(check, table: table, message: "\(table).\(check.id) could not run: \(error.message)")
        }
    }

    private func measure(_ planned: PlannedCheck, table: String, results: QueryResults) throws(MeasureFailure) -> CheckResult {
        let check = planned.check
        func result(_ status: CheckStatus, rows: Int? = nil, violations: Int? = nil, observed: Double? = nil,
                    thresholds: String, message: String) -> CheckResult {
            var outcome = CheckResult(table: table, check: check.id, kind: check.kind.name, columns: check.kind.columns,
                                      status: status, severity: check.severity, dimension: check.dimension, rowsChecked: rows,
                                      violations: violations, observed: observed, thresholds: thresholds, message: message)
            outcome.origin = check.origin
            return outcome
        }
        switch planned.measure {
        case .invalid(let reason):
            throw MeasureFailure(message: reason)
        case .violations(let rowsRef, let violationsRef):
            let rows = try results.count(rowsRef)
            let violations = try results.count(violationsRef)
            return violationResult(check, rows: rows, violations: violations, make: result)
        case .duplicates(let rowsRef, let completeRef, let distinctRef):
            let rows = try results.count(rowsRef)
            let violations = max(0, try results.count(completeRef) - results.count(distinctRef))
            return violationResult(check, rows: rows, violations: violations, make: result)
        case .groupedDuplicates(let rowsRef, let resultRef):
            let rows = try results.count(rowsRef)
            let grouped = try GroupedDuplicates(try results.value(resultRef).get())
            var outcome = violationResult(check, rows: rows, violations: grouped.violations, make: result)
            if !grouped.sample.isEmpty { outcome.sample = SampleRows(columns: planned.sampleColumns, values: grouped.sample) }
            return outcome
        case .proven(let rowsRef, let constraint):
            let rows = try results.count(rowsRef)
            return result(.pass, rows: rows, violations: 0, thresholds: "fail > 0",
                          message: "no violations in \(rows) rows: proven by \(constraint), no scan needed")
        case .rowCount(let rowsRef):
            guard case .rowCount(let fail, let warn) = check.kind else { throw MeasureFailure(message: "not a row count") }
            let rows = try results.count(rowsRef)
            let status: CheckStatus = !fail.contains(Double(rows)) ? .fail : (warn.map { !$0.contains(Double(rows)) } ?? false) ? .warn : .pass
            let limits = "fail outside \(fail)" + (warn.map { ", warn outside \($0)" } ?? "")
            return result(status, rows: rows, observed: Double(rows), thresholds: limits,
                          message: "\(rows) rows" + (status == .pass ? "" : ", expected \(status == .fail ? fail : warn ?? fail)"))
        case .newest(let rowsRef, let newestRef):
            guard case .freshness(let column, let warnAfter, let failAfter) = check.kind else { throw MeasureFailure(message: "not freshness") }
            let rows = try results.count(rowsRef)
            let limits = "fail after \(failAfter)" + (warnAfter.map { ", warn after \($0)" } ?? "")
            guard let newest = try results.value(newestRef).get().double else {
                return result(.fail, rows: rows, thresholds: limits, message: "no \(column) values: the table has no data to be fresh")
            }
            let age = max(0, now.epochSeconds - newest)
            let status: CheckStatus = age > failAfter.seconds ? .fail : (warnAfter.map { age > $0.seconds } ?? false) ? .warn : .pass
            let newestText = CivilDateTime(epochSeconds: newest.rounded()).description
            return result(status, rows: rows, observed: age, thresholds: limits,
                          message: "newest \(column) is \(newestText) (\(TimeSpan(seconds: age.rounded()).humanized) old)")
        case .catalogue(let passed, let observed, let problems, let message):
            var outcome = result(passed ? .pass : .fail, violations: problems, observed: observed?.double, thresholds: "exact", message: message)
            outcome.observedValue = observed
            return outcome
        case .statistic(let valueRef, let denominatorRef):
            var value = try results.value(valueRef).get()
            if let denominatorRef {
                let denominator = try results.count(denominatorRef)
                value = denominator > 0 && value.double != nil ? .double(value.double! / Double(denominator)) : .null
            }
            return try statistic(value, check: check, make: result)
        case .median(let lowerRef, let upperRef):
            let lower = try results.value(lowerRef).get(), upper = try results.value(upperRef).get()
            guard let a = lower.double, let b = upper.double else { return try statistic(.null, check: check, make: result) }
            return try statistic(.double((a + b) / 2), check: check, make: result)
        case .quantiles(let refs):
            guard case .quantiles(let column, let ranges) = check.kind else { throw MeasureFailure(message: "not quantiles") }
            var values: [SQLValue] = []
            var outside: [String] = []
            for (ref, bound) in zip(refs, ranges) {
                let value = try results.value(ref).get()
                values.append(value)
                let label = "q\(bound.quantile.formatted(maxFractionDigits: 4))=\(value)"
                guard !value.isNull else { outside.append(label); continue }
                guard let inside = bound.range.contains(value) else {
                    throw MeasureFailure(message: "quantile \(value) cannot be compared with the bounds \(bound.range)")
                }
                if !inside { outside.append(label + " not in \(bound.range)") }
            }
            var outcome = result(outside.isEmpty ? .pass : .fail, violations: outside.count,
                                 thresholds: ranges.map { "q\($0.quantile.formatted(maxFractionDigits: 4)) in \($0.range)" }.joined(separator: ", "),
                                 message: outside.isEmpty ? "quantiles of \(column) within bounds" : outside.joined(separator: "; "))
            outcome.observedValues = values
            return outcome
        case .distinctSet(let unexpectedRef, let foundRef, let expected, let valuesRef):
            guard case .distinctValues(let column, let set, let relation) = check.kind else { throw MeasureFailure(message: "not a value set") }
            let unexpected = try results.count(unexpectedRef)
            let missing = expected - (try results.count(foundRef))
            let distinct = try results.list(valuesRef).compactMap(\.first)
            var problems: [String] = []
            if relation != .contains, unexpected > 0 {
                let outside = distinct.filter { v in !set.contains { LiteralOrder.compare(v, $0) == 0 } }
                problems.append("\(unexpected) value(s) outside the set" + Self.listing(outside, of: unexpected))
            }
            if relation != .within, missing > 0 {
                let absent = set.filter { l in !distinct.contains { LiteralOrder.compare($0, l) == 0 } }.map(\.sqlValue)
                problems.append("\(missing) value(s) of the set missing" + Self.listing(absent, of: missing))
            }
            var outcome = result(problems.isEmpty ? .pass : .fail, violations: (relation == .contains ? 0 : unexpected) + (relation == .within ? 0 : missing),
                                 thresholds: "\(relation.rawValue) {\(set.map(\.display).joined(separator: ", "))}",
                                 message: problems.isEmpty ? "\(distinct.count) distinct value(s) of \(column) as expected" : problems.joined(separator: "; "))
            outcome.observedValues = distinct
            return outcome
        case .mostCommon(let valuesRef):
            guard case .mostCommonValue(let column, let set, let tiesOkay) = check.kind else { throw MeasureFailure(message: "not most common value") }
            let frequencies = try results.list(valuesRef)
            let top = frequencies.first.flatMap { $0.count > 1 ? $0[1].int : nil } ?? 0
            let modes = frequencies.filter { $0.count > 1 && $0[1].int == top }.compactMap(\.first)
            let inSet = modes.filter { v in set.contains { LiteralOrder.compare(v, $0) == 0 } }
            let passed = tiesOkay ? !inSet.isEmpty : (modes.count == 1 && inSet.count == 1)
            let shown = modes.map(\.description).joined(separator: ", ")
            var outcome = result(passed ? .pass : .fail, observed: nil,
                                 thresholds: "in {\(set.map(\.display).joined(separator: ", "))}" + (tiesOkay ? ", ties okay" : ""),
                                 message: modes.isEmpty ? "\(column) has no values" : "most common \(column): \(shown) (\(top) rows)"
                                     + (passed ? "" : modes.count > 1 && !tiesOkay ? ", a tie" : ", not in the set"))
            outcome.observedValues = modes
            return outcome
        }
    }

    /// Judges a measured statistic against the check's range.
    private func statistic(_ value: SQLValue, check: Check,
                           make result: (CheckStatus, Int?, Int?, Double?, String, String) -> CheckResult) throws(MeasureFailure) -> CheckResult {
        guard case .statistic(let column, let statistic, let range) = check.kind else { throw MeasureFailure(message: "not a statistic") }
        let name = statistic.rawValue.replacingOccurrences(of: "_", with: " ")
        guard !value.isNull else {
            let status: CheckStatus = range.min == nil && range.max == nil ? .pass : .fail
            return result(status, nil, nil, nil, "\(range)", "\(column) has no values to take the \(name) of")
        }
        guard let inside = range.contains(value) else {
            throw MeasureFailure(message: "the \(name) \(value) cannot be compared with the bounds \(range)")
        }
        var outcome = result(inside ? .pass : .fail, nil, nil, value.double, "\(range)",
                             "\(name) of \(column) is \(value)" + (inside ? "" : ", expected \(range)"))
        outcome.observedValue = value
        return outcome
    }

    /// `: a, b, c` for up to five values, when the listing is complete enough to name them.
    private static func listing(_ values: [SQLValue], of count: Int) -> String {
        guard !values.isEmpty else { return "" }
        let shown = values.prefix(5).map(\.description).joined(separator: ", ")
        return ": " + shown + (count > 5 ? ", ..." : "")
    }

    private func violationResult(_ check: Check, rows: Int, violations: Int,
                                 make: (CheckStatus, Int?, Int?, Double?, String, String) -> CheckResult) -> CheckResult {
        let t = check.thresholds
        let status = t.status(violations: violations, rows: rows)
        var limits: [String] = []
        if let warn = t.warn { limits.append("warn > \(warn)") }
        if let fail = t.fail { limits.append("fail > \(fail)") }
        if limits.isEmpty { limits.append("fail > 0") }
        let percent = rows > 0 ? (Double(violations) * 100 / Double(rows)).formatted(maxFractionDigits: 2) : "0"
        let message = violations == 0
            ? "no violations in \(rows) rows"
            : "\(violations) of \(rows) rows violate (\(percent)%)"
        return make(status, rows, violations, nil, limits.joined(separator: ", "), message)
    }
}

extension TimeSpan {
    /// `3d 4h`, `15m`, `42s`.
    public var humanized: String {
        var rest = Int(seconds)
        var parts: [String] = []
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size || (unit == "s" && parts.isEmpty) {
            parts.append("\(rest / size)\(unit)")
            rest %= size
            if parts.count == 2 { break }
        }
        return parts.joined(separator: " ")
    }
}
