/// Turns measured values into PASS / WARN / FAIL / ERROR against each check's limits.
package struct Evaluator: Sendable {
    /// The instant the run treats as "now", for freshness.
    package var now: CivilDateTime
    /// Columns whose values are masked in messages and observed values (personal data).
    package var maskedColumns: Set<String>

    package init(now: CivilDateTime, maskedColumns: Set<String> = []) {
        self.now = now
        self.maskedColumns = maskedColumns
    }

    /// How far the newest value of a freshness check may lie after the run's start and still count as just
    /// written (rows inserted while the run is under way, a database clock slightly ahead): 5 minutes.
    /// Further ahead, the check FAILs as "in the future".
    package static let clockSkew: Double = 300

    /// Evaluates every check of a planned table.
    package func evaluate(_ plan: TablePlan, results: QueryResults) -> [CheckResult] {
        plan.checks.map { evaluate($0, table: plan.spec, results: results) }
    }

    /// Judges one planned check from its table's query results; a check that cannot be judged is ERROR with the
    /// reason as its message.
    package func evaluate(_ planned: PlannedCheck, table: TableSpec, results: QueryResults) -> CheckResult {
        judge(planned, table: table, results: results).result
    }

    /// A judged check, and for an ERROR what stopped it.
    package struct Judgement: Sendable {
        package var result: CheckResult
        package var cause: MeasureFailure?
    }

    package func judge(_ planned: PlannedCheck, table: TableSpec, results: QueryResults) -> Judgement {
        let check = planned.check
        let make = ResultMaker(check: check, table: table)
        do throws(MeasureFailure) {
            var result = masking(try measure(planned, results: results, make: make), of: check)
            result.metrics = metrics(planned, results: results)
            return Judgement(result: result, cause: nil)
        } catch {
            return Judgement(result: make(.error, message: "\(table.name).\(check.id) could not run: \(error.message)"), cause: error)
        }
    }

    private func measure(_ planned: PlannedCheck, results: QueryResults, make result: ResultMaker) throws(MeasureFailure) -> CheckResult {
        let check = planned.check
        switch planned.measure {
        case .invalid(let reason):
            throw MeasureFailure(message: reason)
        case .violations(let rowsRef, let violationsRef):
            let rows = try results.count(rowsRef)
            let violations = try results.count(violationsRef)
            return violationResult(check, rows: rows, violations: violations, make: result)
        case .counted(let rowsRef, let violationsRef, let valuesRef, let notDates):
            let rows = try results.count(rowsRef)
            var violations = try results.count(violationsRef)
            let count = try notDates.map { n throws(MeasureFailure) in try results.count(n.rows) } ?? 0
            if let notDates { violations += count - (try results.count(notDates.alsoViolating)) }
            var outcome = violationResult(check, rows: rows, values: try valuesRef.map { ref throws(MeasureFailure) in try results.count(ref) },
                                          violations: violations, make: result)
            if let notDates, count > 0 {
                let what = count == 1 ? "1 value is not an ISO-8601 date" : "\(count) values are not ISO-8601 dates"
                outcome.message += "; \(what) (\(notDates.columns.joined(separator: ", "))), counted as violations"
            }
            return outcome
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
            return result(.pass, rows: rows, violations: 0, message: "no violations in \(rows) rows: proven by \(constraint), no scan needed")
        case .rowCount(let rowsRef):
            guard case .rowCount(let fail, let warn) = check.kind else { throw MeasureFailure(message: "not a row count") }
            let rows = try results.count(rowsRef)
            let status: CheckStatus = !fail.contains(Double(rows)) ? .fail : (warn.map { !$0.contains(Double(rows)) } ?? false) ? .warn : .pass
            return result(status, rows: rows, observed: Double(rows), message: "\(rows) rows" + (status == .pass ? "" : ", expected \(status == .fail ? fail : warn ?? fail)"))
        case .newest(let rowsRef, let newestRef):
            guard case .freshness(let column, let warnAfter, let failAfter) = check.kind else { throw MeasureFailure(message: "not freshness") }
            let rows = try results.count(rowsRef)
            guard let newest = try results.value(newestRef).get().double else {
                return result(.fail, rows: rows, message: "no \(column) values: the table has no data to be fresh")
            }
            if newest - now.epochSeconds > Self.clockSkew {
                // A newest value in the future is not fresh data: the clock or the loader is wrong.
                let ahead = TimeSpan(seconds: (newest - now.epochSeconds).rounded()).humanized
                // The observed age is negative: how far ahead of the run's start the newest value lies.
                return result(.fail, rows: rows, observed: now.epochSeconds - newest, message: "newest \(column) is \(shown(.timestamp(CivilDateTime(epochSeconds: newest.rounded()).description), of: column)) (\(ahead) in the future)")
            }
            let age = max(0, now.epochSeconds - newest)
            let status: CheckStatus = age > failAfter.seconds ? .fail : (warnAfter.map { age > $0.seconds } ?? false) ? .warn : .pass
            let newestText = shown(.timestamp(CivilDateTime(epochSeconds: newest.rounded()).description), of: column)
            return result(status, rows: rows, observed: age, message: "newest \(column) is \(newestText) (\(TimeSpan(seconds: age.rounded()).humanized) old)")
        case .catalogue(let passed, let observed, let problems, let message):
            var outcome = result(passed ? .pass : .fail, violations: problems, observed: observed?.double, message: message)
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
            var values: [SQLValue] = []
            for ref in refs { values.append(try results.value(ref).get()) }
            return try quantiles(values, check: check, make: result)
        case .distinctSet(let unexpectedRef, let foundRef, let expected, let valuesRef):
            return try distinctSet(unexpected: try results.count(unexpectedRef), missing: expected - (try results.count(foundRef)),
                                   distinct: try results.list(valuesRef).compactMap(\.first), check: check, make: result)
        case .mostCommon(let valuesRef):
            return try mostCommon(try results.list(valuesRef), check: check, make: result)
        }
    }

    /// `values`, when given, is the number of non-null values tested by a check that skips NULLs.
    private func violationResult(_ check: Check, rows: Int, values: Int? = nil, violations: Int,
                                 make: ResultMaker) -> CheckResult {
        let status = check.thresholds.status(violations: violations, rows: rows)
        let percent = rows > 0 ? (Double(violations) * 100 / Double(rows)).formatted(maxFractionDigits: 2) : "0"
        var message = violations == 0
            ? "no violations in \(rows) rows"
            : "\(violations) of \(rows) rows violate (\(percent)%)"
        if let values, values < rows {
            let nulls = values == 0 ? "all NULL" : "\(rows - values) NULL"
            message = violations == 0
                ? "no violations in \(values) values checked (\(rows) rows, \(nulls))"
                : "\(violations) of \(values) values checked violate (\(percent)% of \(rows) rows, \(nulls))"
        }
        var outcome = make(status, rows: rows, violations: violations, message: message)
        outcome.valuesChecked = values
        return outcome
    }
}

/// Builds one check's result; every measure fills in what it measured.
struct ResultMaker {
    let check: Check
    let key: CheckKey
    let fingerprint: CheckFingerprint
    let table: String

    init(check: Check, table: TableSpec) {
        self.check = check
        self.table = table.name
        key = check.key(in: table)
        fingerprint = CheckFingerprint(check, in: table)
    }

    func callAsFunction(_ status: CheckStatus, rows: Int? = nil, violations: Int? = nil, observed: Double? = nil,
                        message: String) -> CheckResult {
        CheckResult(check, table: table, key: key, fingerprint: fingerprint, status: status, rowsChecked: rows,
                    violations: violations, observed: observed, message: message)
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
