import Logging

/// The execute stage for one table: sends its statements one after another, judges its checks (the evaluate
/// stage), fetches failing rows for the checks that warn or fail, and records each cause of an ERROR once in the
/// run's ledger.
struct TableExecution: Sendable {
    let plan: TablePlan
    let source: any DataSource
    let options: RunOptions
    let now: CivilDateTime
    let ledger: FailureLedger
    let logger: Logger
    /// A failure every statement meets without being sent (see ``RunEngine``'s `execute`).
    var unreadable: SourceError?

    /// Why a statement has no result.
    private enum Cause {
        case stopped(FailureLedger.Stop)
        case statement(SourceError)
    }

    func run() async -> [CheckResult] {
        var outcome = QueryResults()
        var causes: [Int: Cause] = [:]
        for (index, query) in plan.queries.enumerated() {
            if let stop = ledger.stop() {
                causes[index] = .stopped(stop)
                outcome.failures[index] = SourceError(.sql, FailureLedger.message(for: stop))
                continue
            }
            logger.trace("statement", metadata: ["table": "\(plan.table)", "statement": "\(index + 1)"])
            do throws(SourceError) {
                if let unreadable { throw unreadable }
                if query.returnsRows {
                    outcome.lists[index] = try await source.fetchAll(query.sql, limit: Planner.valueLimit)
                } else {
                    outcome.rows[index] = try await source.fetchOne(query.sql)
                }
            } catch let raw {
                let error = raw.redacted
                let cause = classify(error)
                causes[index] = cause
                if case .stopped(let stop) = cause {
                    outcome.failures[index] = SourceError(error.code, FailureLedger.message(for: stop))
                } else {
                    outcome.failures[index] = error
                }
                logger.warning("statement failed", metadata: ["table": "\(plan.table)", "statement": "\(index + 1)",
                                                              "code": "\(error.code)", "cause": "\(error.message)"])
            }
        }
        let evaluator = Evaluator(now: now, maskedColumns: options.showPII ? [] : plan.maskedColumns)
        var results: [CheckResult] = []
        for planned in plan.checks {
            let judged = evaluator.judge(planned, table: plan.spec, results: outcome)
            var result = judged.result
            if let cause = judged.cause { attribute(cause, planned: planned, causes: causes, to: &result) }
            await fetchSample(planned, into: &result)
            if let sample = result.sample, !options.showPII { result.sample = sample.masking(plan.maskedColumns) }
            results.append(result)
        }
        return results
    }

    /// A statement's failure as the run sees it: the deadline, a cancellation, the whole source, or this statement.
    private func classify(_ error: SourceError) -> Cause {
        if ledger.deadlinePassed { return .stopped(.deadline) }
        if let failure = ledger.record(error) { return .stopped(.source(failure)) }
        if Task.isCancelled { return .stopped(.cancelled) }
        return .statement(error)
    }

    /// Points an ERROR result at the failure that caused it, recording the failure once.
    private func attribute(_ cause: MeasureFailure, planned: PlannedCheck, causes: [Int: Cause], to result: inout CheckResult) {
        let table = plan.table
        if let query = cause.query, let statementCause = causes[query] {
            switch statementCause {
            case .stopped(let stop):
                result.failure = ledger.hit(FailureLedger.failure(for: stop).id) { FailureLedger.failure(for: stop) }
                result.message = FailureLedger.message(for: stop)
            case .statement(let error):
                let purpose = plan.queries[query].purpose.label
                result.failure = ledger.hit("statement:\(table):\(query + 1)") {
                    RunFailure(id: "statement:\(table):\(query + 1)", code: RunFailure.Code(error.code), scope: .statement,
                               table: table, message: "statement \(query + 1) of '\(table)' (\(purpose)) failed: \(error.message)")
                }
            }
            return
        }
        guard case .invalid(let reason) = planned.measure else {
            result.failure = ledger.hit("check:\(result.key)") {
                RunFailure(id: "check:\(result.key)", code: .unexpectedResult, scope: .check, table: table, message: result.message)
            }
            return
        }
        if let tableError = plan.tableError {
            if tableError.sourceWide, let failure = ledger.sourceFailure {
                let stop = FailureLedger.Stop.source(failure)
                result.failure = ledger.hit("source") { FailureLedger.failure(for: stop) }
                result.message = FailureLedger.message(for: stop)
            } else {
                result.failure = ledger.hit("table:\(table)") {
                    RunFailure(id: "table:\(table)", code: tableError.code, scope: .table, table: table, message: tableError.message)
                }
            }
            return
        }
        let code: RunFailure.Code = if case .unsupported = planned.check.kind { .unsupported } else { .invalidCheck }
        result.failure = ledger.hit("check:\(result.key)") {
            RunFailure(id: "check:\(result.key)", code: code, scope: .check, table: table, message: reason)
        }
    }

    /// Fetches failing rows for a check that warns or fails (or any with violations, when asked), unless the source
    /// already failed; a failure to fetch them is noted in the message, never turns the result into an ERROR.
    private func fetchSample(_ planned: PlannedCheck, into result: inout CheckResult) async {
        let failing = (result.status == .fail || result.status == .warn || options.samplesWithinLimits) && (result.violations ?? 0) > 0
        guard options.samples, failing else {
            result.sample = nil
            return
        }
        guard result.sample == nil, let sample = planned.sample else { return }
        do throws(SourceError) {
            if let stop = ledger.stop() { throw SourceError(.sql, FailureLedger.message(for: stop)) }
            let rows = try await source.fetchAll(sample, limit: options.sampleLimit)
            result.sample = SampleRows(columns: planned.sampleColumns, values: rows)
        } catch let raw {
            let error = raw.redacted
            let shown = ledger.record(error).map { "source unavailable: \($0.summary)" } ?? error.message
            result.message += " (failing rows unavailable: \(shown))"
        }
    }
}

extension PlannedQuery.Purpose {
    /// What the statement is for, in a few words.
    var label: String {
        switch self {
        case .scan: "the scan"
        case .references(let id): "the anti-join of \(id)"
        case .ordered: "the row-order statement"
        case .values: "the value listing"
        }
    }
}
