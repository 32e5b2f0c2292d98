import Foundation
import Logging

/// Runs suites against one source, in stages: prepare (catalogue and plans, reused across runs while the schema is
/// unchanged) → execute (each table's statements: raw metrics and typed failures) → evaluate (results, scorecards).
///
/// ```swift
/// let engine = RunEngine(source: try SQLiteSource(path: "bank.db"))
/// var prepared = PreparedSuite(suite)
/// let first = await engine.run(&prepared)          // reads the catalogue once
/// let second = await engine.run(&prepared)         // sends only the scans
/// ```
///
/// A run never throws: anything that goes wrong becomes an ERROR result pointing at a ``RunFailure``.
public struct RunEngine: Sendable {
    public var source: any DataSource
    public var options: RunOptions
    public var clock: any RunClock
    /// Receives the run's events (start, each table, failures at `warning`, each statement at `trace`), with the
    /// run id as metadata.
    public var logger: Logger

    public init(source: any DataSource, options: RunOptions = RunOptions(), clock: any RunClock = WallClock(),
                logger: Logger = Logger(label: "assay.run")) {
        self.source = source
        self.options = options
        self.clock = clock
        self.logger = logger
    }

    /// Prepares a suite: reads the catalogue and plans every table, without scanning (what `assay plan` prints).
    public func prepare(_ suite: Suite) async -> PreparedSuite {
        let now = CivilDateTime(clock.now())
        return await source.open {
            var prepared = PreparedSuite(suite)
            await refresh(&prepared, now: now, ledger: FailureLedger(), logger: logger)
            return prepared
        }
    }

    /// Runs a suite once: prepare, execute, evaluate.
    public func run(_ suite: Suite, context: RunContext = RunContext()) async -> SuiteResult {
        var prepared = PreparedSuite(suite)
        return await run(&prepared, context: context)
    }

    /// Runs a prepared suite and keeps `prepared` up to date for the next run.
    public func run(_ prepared: inout PreparedSuite, context: RunContext = RunContext()) async -> SuiteResult {
        let start = InstantText.rounded(clock.now())
        let id = context.id ?? RunID(startingAt: start)
        var logger = logger
        logger[metadataKey: "run_id"] = "\(id)"
        let input = prepared
        let (result, next) = await source.open { [logger] in
            await execute(input, id: id, start: start, context: context, logger: logger)
        }
        prepared = next
        return result
    }

    /// - Parameters:
    ///   - unreadable: a failure met before the run (an incremental poll that could not read its new rows): every
    ///     statement fails with it, so every check is ERROR and a source-wide failure is the run's.
    ///   - refreshed: `input` was brought up to date just before (a poll): re-plan from its catalogue, do not ask the
    ///     source for its schema version again.
    func execute(_ input: PreparedSuite, id: RunID, start: Date, context: RunContext, logger: Logger,
                 unreadable: SourceError? = nil, refreshed: Bool = false) async -> (SuiteResult, PreparedSuite) {
        let elapsed = ContinuousClock()
        let began = elapsed.now
        let now = CivilDateTime(start)
        let suite = input.suite
        let info = RunInfo(id: id, suite: suite.name, source: SourceURL.redacted(source.displayName), startedAt: start, tables: suite.tables.map(\.name))
        logger.debug("run started", metadata: ["suite": "\(suite.name)", "source": "\(SourceURL.redacted(source.displayName))"])
        await context.observer?.runStarted(info)
        let ledger = FailureLedger()
        var prepared = input
        if let unreadable {
            ledger.record(unreadable)
        } else if refreshed, let catalogue = prepared.catalogue, prepared.plans.count == prepared.suite.tables.count {
            replan(&prepared, from: catalogue, preparation: preparation(now: now, ledger: ledger))
        } else {
            await refresh(&prepared, now: now, ledger: ledger, logger: logger)
        }
        let plans = prepared.plans
        let deadline = context.deadline.map { began + $0 }
        ledger.deadline = deadline
        let observer = context.observer
        let tables = Task { [source, options] in
            await Self.executeTables(plans, source: source, options: options, now: now, ledger: ledger, logger: logger,
                                     unreadable: unreadable, maxConcurrent: context.maxConcurrentTables, weights: suite.scoring,
                                     info: info, observer: observer)
        }
        // The deadline on a dispatch timer, not a task: it must fire even while every cooperative thread is busy. It
        // marks the ledger (statements not yet sent are not sent) and cancels the tables' tasks (statements in flight
        // are interrupted).
        let timer = DispatchWorkItem {
            ledger.markDeadlinePassed()
            tables.cancel()
        }
        if let deadline {
            let remaining = max(.zero, deadline - ContinuousClock.now)
            DispatchQueue.global().asyncAfter(deadline: .now() + remaining.dispatchInterval, execute: timer)
        }
        let perTable = await withTaskCancellationHandler { await tables.value } onCancel: { tables.cancel() }
        timer.cancel()
        let results = plans.indices.flatMap { perTable[$0] ?? [] }
        // A statement that failed on its own may have met a changed schema: read the catalogue again next time.
        if results.contains(where: { $0.failure.map { $0.id.hasPrefix("statement:") } ?? false }) { prepared.stale = true }
        let failures = ledger.failures
        for failure in failures where failure.scope == .source || failure.scope == .run {
            logger.warning("run stopped", metadata: ["code": "\(failure.code)", "cause": "\(failure.message)", "checks": "\(failure.checks)"])
        }
        let finishedAt = InstantText.rounded(start.addingTimeInterval((elapsed.now - began).seconds))
        let result = SuiteResult(
            runID: id, suite: suite.name, source: SourceURL.redacted(source.displayName), startedAt: start, finishedAt: finishedAt,
            durationSeconds: (elapsed.now - began).seconds, results: results,
            scorecards: plans.map { plan in Scorecard(table: plan.table, results: results.filter { $0.table == plan.table }, weights: suite.scoring) },
            failures: failures, notices: suite.notices)
        logger.debug("run finished", metadata: ["status": "\(result.status.rawValue)", "seconds": "\(result.durationSeconds)"])
        await context.observer?.runFinished(result)
        return (result, prepared)
    }

    /// Brings `prepared` up to date for a run at `now`: reads the catalogue unless the cached one is complete and the
    /// source's schema version is unchanged, and re-plans the tables whose statements depend on the clock.
    func refresh(_ prepared: inout PreparedSuite, now: CivilDateTime, ledger: FailureLedger, logger: Logger) async {
        let preparation = preparation(now: now, ledger: ledger)
        let names = prepared.tableNames
        var version: String?
        var versionKnown = false
        do {
            version = try await source.schemaVersion(of: names)
            versionKnown = version != nil
        } catch let raw {
            let error = raw.redacted
            ledger.record(error)
        }
        if let cached = prepared.catalogue, cached.isComplete, !prepared.stale, versionKnown, version == prepared.schemaVersion,
           prepared.plans.count == prepared.suite.tables.count {
            replan(&prepared, from: cached, preparation: preparation)
            return
        }
        logger.debug("reading the catalogue", metadata: ["tables": "\(names.count)"])
        let catalogue = await preparation.catalogue(names)
        prepared.catalogue = catalogue.isComplete ? catalogue : nil
        prepared.schemaVersion = version
        prepared.stale = false
        prepared.plans = prepared.suite.tables.map { preparation.plan(prepared.restricted($0), catalogue: catalogue) }
    }
}

extension RunEngine {
    /// Checks the tables, at most `maxConcurrent` at once, telling the observer of each as it completes.
    private static func executeTables(_ plans: [TablePlan], source: any DataSource, options: RunOptions, now: CivilDateTime, ledger: FailureLedger,
                                      logger: Logger, unreadable: SourceError?, maxConcurrent: Int, weights: ScoringWeights, info: RunInfo,
                                      observer: (any RunObserver)?) async -> [Int: [CheckResult]] {
        var perTable: [Int: [CheckResult]] = [:]
        await withTaskGroup(of: (Int, [CheckResult], Duration).self) { group in
            var next = 0
            func startTable() {
                guard next < plans.count else { return }
                let index = next
                next += 1
                let execution = TableExecution(plan: plans[index], source: source, options: options, now: now, ledger: ledger, logger: logger,
                                               unreadable: unreadable)
                group.addTask {
                    let tableStart = ContinuousClock.now
                    return (index, await execution.run(), ContinuousClock.now - tableStart)
                }
            }
            for _ in 0..<min(maxConcurrent, plans.count) { startTable() }
            while let (index, results, took) = await group.next() {
                perTable[index] = results
                startTable()
                let table = TableResult(table: plans[index].table, results: results,
                                        scorecard: Scorecard(table: plans[index].table, results: results, weights: weights),
                                        failures: ledger.failures.filter { f in results.contains { $0.failure?.id == f.id } },
                                        durationSeconds: took.seconds)
                logger.debug("table finished", metadata: ["table": "\(table.table)", "score": "\(table.scorecard.score)"])
                await observer?.tableFinished(table, of: info)
            }
        }
        return perTable
    }

    private func preparation(now: CivilDateTime, ledger: FailureLedger) -> Preparation {
        Preparation(source: source, planner: Planner(dialect: source.dialect, now: now, sampleLimit: options.sampleLimit), ledger: ledger)
    }

    /// Plans again, from the cached catalogue, the tables whose statements depend on the clock or on a restriction.
    private func replan(_ prepared: inout PreparedSuite, from catalogue: Catalogue, preparation: Preparation) {
        prepared.plans = zip(prepared.suite.tables, prepared.plans).map { table, plan in
            let wanted = prepared.restricted(table)
            return plan.readsClock || plan.spec.restriction != wanted.restriction ? preparation.plan(wanted, catalogue: catalogue) : plan
        }
    }
}

extension Duration {
    /// The duration in seconds.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// The duration for a dispatch timer.
    var dispatchInterval: DispatchTimeInterval {
        .nanoseconds(Int(min(Double(Int.max), (seconds * 1e9).rounded())))
    }
}
