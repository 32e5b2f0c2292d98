import Foundation
import Logging

/// What one incremental poll found.
public struct PollResult: Sendable {
    /// The checks' results over exactly the rows this poll read; `nil` when no new row had arrived (nothing to judge).
    public var result: SuiteResult?
    /// Where the next poll starts (store it: a restart resumes from it).
    public var watermark: Watermark
    /// Rows this poll checked.
    public var rows: Int
    /// Per check that warned or failed, when its oldest violating row was written (the incident's detection time is
    /// measured from it).
    public var firstBadRow: [CheckKey: Date]
    /// Whether the poll read a full batch (more rows may be waiting: poll again at once).
    public var full = false
}

extension RunEngine {
    /// Polls an incremental table (``IncrementalSpec``): reads the keys of the rows past `watermark` (at most a
    /// batch), checks exactly those rows, and returns the results with the advanced watermark. `prepared` holds the
    /// table's checks that look at one row at a time; it is kept up to date as ``run(_:context:)`` keeps it.
    ///
    /// A table that starts at its latest row first takes the newest value as its watermark and checks nothing. A
    /// poll that cannot read its new rows returns every check as ERROR (a source-wide failure as the run's) and the
    /// watermark unchanged, so no row is skipped.
    public func poll(_ prepared: inout PreparedSuite, table name: String, watermark: Watermark,
                     context: RunContext = RunContext()) async -> PollResult {
        let start = InstantText.rounded(clock.now())
        let id = context.id ?? RunID(startingAt: start)
        var logger = logger
        logger[metadataKey: "run_id"] = "\(id)"
        let input = prepared
        let (outcome, next) = await source.open { [logger] () async -> (PollResult, PreparedSuite) in
            var prepared = input
            await refresh(&prepared, now: CivilDateTime(start), ledger: FailureLedger(), logger: logger)
            return await pollPrepared(prepared, table: name, watermark: watermark, id: id, start: start, context: context, logger: logger)
        }
        prepared = next
        return outcome
    }

    private func pollPrepared(_ input: PreparedSuite, table name: String, watermark: Watermark, id: RunID, start: Date,
                              context: RunContext, logger: Logger) async -> (PollResult, PreparedSuite) {
        var prepared = input
        prepared.restrictions[name] = nil
        guard let table = prepared.suite.tables.first(where: { $0.name == name }), let spec = table.incremental,
              let schema = prepared.catalogue?.schemas[name] else {
            // No such table (or no catalogue): a plain run says why, check by check.
            let (result, next) = await execute(prepared, id: id, start: start, context: context, logger: logger)
            return (PollResult(result: result, watermark: watermark, rows: 0, firstBadRow: [:]), next)
        }
        func failed(_ error: SourceError) async -> (PollResult, PreparedSuite) {
            let (result, next) = await execute(prepared, id: id, start: start, context: context, logger: logger, unreadable: error.redacted)
            return (PollResult(result: result, watermark: watermark, rows: 0, firstBadRow: [:]), next)
        }
        let planner: IncrementalPlanner
        do throws(PlanError) {
            planner = try IncrementalPlanner(table: table, schema: schema, dialect: source.dialect, now: CivilDateTime(start))
        } catch {
            return await failed(SourceError(.sql, "incremental: \(error.message)"))
        }
        var mark = watermark
        do throws(SourceError) {
            if !mark.started, spec.start == .latest {
                // Begin at the newest row: remember it (and its ties) as counted, check nothing yet.
                mark.high = try await source.fetchOne(planner.newest).first.flatMap { $0 == .null ? nil : $0 }
                let present = mark.high == nil ? [] : try await source.fetchAll(try statement(planner, after: mark), limit: planner.batch)
                var begun = mark.advanced(by: present, lateness: spec.lateness)
                begun.rowsChecked = watermark.rowsChecked
                return (PollResult(result: nil, watermark: begun, rows: 0, firstBadRow: [:]), prepared)
            }
            let rows = try await source.fetchAll(try statement(planner, after: mark), limit: planner.batch)
            mark.started = true
            guard !rows.isEmpty else { return (PollResult(result: nil, watermark: mark, rows: 0, firstBadRow: [:]), prepared) }
            prepared.restrictions[name] = planner.restriction(to: rows.map { $0[0] })
            let (result, next) = await execute(prepared, id: id, start: start, context: context, logger: logger, refreshed: true)
            let firstBad = await oldestViolations(result, plans: next.plans, planner: planner)
            return (PollResult(result: result, watermark: mark.advanced(by: rows, lateness: spec.lateness), rows: rows.count,
                               firstBadRow: firstBad, full: rows.count >= planner.batch), next)
        } catch {
            return await failed(error)
        }
    }

    /// The statement reading the next keys; a watermark that cannot be compared with the column is an SQL error.
    private func statement(_ planner: IncrementalPlanner, after mark: Watermark) throws(SourceError) -> SQLFragment {
        do throws(PlanError) { return try planner.nextKeys(after: mark) } catch { throw SourceError(.sql, "incremental: \(error.message)") }
    }

    /// When the oldest violating row of each check that warned or failed was written (one short statement each).
    private func oldestViolations(_ result: SuiteResult, plans: [TablePlan], planner: IncrementalPlanner) async -> [CheckKey: Date] {
        var found: [CheckKey: Date] = [:]
        for check in result.results where check.status == .fail || check.status == .warn {
            guard let rows = plans.lazy.flatMap(\.checks).first(where: { $0.check.key(in: planner.table) == check.key })?.violatingRows,
                  let value = try? await source.fetchOne(planner.oldestViolation(rows)).first,
                  let seconds = Watermark.position(value), Watermark.isTemporal(value) else { continue }
            found[check.key] = Date(timeIntervalSince1970: seconds)
        }
        return found
    }
}
