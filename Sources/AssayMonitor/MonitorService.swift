import AssayCore
import AssayMonitorCore
import AssayStore
import Foundation
import Logging
import ServiceLifecycle

/// The scheduler as a swift-service-lifecycle `Service`: divides the suite into jobs (``MonitorPlan``) and runs each
/// on its own schedule, side by side, against one open source. A scheduled job's run is recorded and moves the
/// incidents; an incremental table's poll checks only the rows past its stored watermark, moves the incidents of
/// its row checks, and stores the advanced watermark after the incidents (a crash in between re-reads those rows,
/// and the stored incidents make the replay harmless). Sending is the ``OutboxService``'s, beside it in the group,
/// so a slow channel never delays a check. On graceful shutdown each job finishes what it is doing and returns.
public struct MonitorService: Service {
    let suite: Suite
    let engine: RunEngine
    let defaultSchedule: Schedule
    let results: any ResultStore
    let watermarks: (any WatermarkStore)?
    let tracker: IncidentTracker
    let metrics: MonitorMetrics?
    /// Automatic remediation of failed checks (the suite's `remediation: {apply: true}`); `nil`: none.
    let remediation: AuditedRemediation?
    let clock: any RunClock
    let logger: Logger
    /// Hears of each scheduled run (OpenLineage), beside it and once it is recorded; polls are not emitted.
    let emitter: (any RunEmitter)?

    /// - Parameters:
    ///   - defaultSchedule: for checks without a schedule of their own or their table's (``SuiteMonitoring/schedule(suite:)``).
    ///   - watermarks: where incremental tables' watermarks are kept; without one, polls start afresh at each start.
    ///   - remediation: applied, after the incidents, to each run's and poll's failed checks whose remediation is automatic.
    ///   - emitter: told of each scheduled run; its warnings are logged.
    public init(suite: Suite, engine: RunEngine, defaultSchedule: Schedule, results: any ResultStore, watermarks: (any WatermarkStore)?,
                tracker: IncidentTracker, metrics: MonitorMetrics? = nil, remediation: AuditedRemediation? = nil, clock: any RunClock = WallClock(),
                logger: Logger = Logger(label: "assay.monitor"), emitter: (any RunEmitter)? = nil) {
        self.suite = suite
        self.engine = engine
        self.defaultSchedule = defaultSchedule
        self.results = results
        self.watermarks = watermarks
        self.tracker = tracker
        self.metrics = metrics
        self.remediation = remediation
        self.clock = clock
        self.logger = logger
        self.emitter = emitter
    }

    public func run() async throws {
        try await tracker.load()
        // The catalogue once, for the seed's recent-rows window (applied to the tables that have its column).
        let prepared = await engine.prepare(suite)
        var columns: [String: [String]] = [:]
        for table in suite.tables { columns[table.name] = prepared.columns(of: table.name)?.map(\.name) }
        let plan = try MonitorPlan(suite: suite, defaultSchedule: defaultSchedule, columns: columns)
        for job in plan.jobs { logger.info("job", metadata: ["job": "\(job.name)", "tables": "\(job.suite.tables.map(\.name))"]) }
        await withTaskGroup(of: Void.self) { group in
            for job in plan.jobs { group.addTask { await self.loop(job) } }
        }
    }

    /// One job, on its schedule, until shutdown.
    private func loop(_ job: MonitorPlan.Job) async {
        var prepared = PreparedSuite(job.suite)
        var watermark = Watermark()
        if case .poll(let table) = job.kind { watermark = await storedWatermark(table) }
        var next = clock.now()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let began = ContinuousClock.now
            var backlog = false
            switch job.kind {
            case .scheduled:
                let start = InstantText.rounded(engine.clock.now())
                let id = RunID(startingAt: start)
                async let started = emitter?.runStarted(id, suite: job.suite, source: SourceURL.redacted(engine.source.displayName), at: start) ?? []
                let result = await engine.run(&prepared, context: RunContext(id: id))
                await record(result)
                await observe(result, excluding: job.polledElsewhere)
                // The emitter's problems are its own: logged by it, never the run's.
                _ = await started + (emitter?.runRecorded(result, suite: job.suite, schemas: prepared.schemas) ?? [])
                await remediate(result, prepared: prepared, excluding: job.polledElsewhere)
            case .poll(let table):
                let poll = await engine.poll(&prepared, table: table, watermark: watermark)
                if let result = poll.result {
                    await observe(result, firstBadRow: poll.firstBadRow)
                    await remediate(result, prepared: prepared)
                }
                metrics?.poll(table: table, rows: poll.rows, watermark: poll.watermark, now: clock.now())
                if poll.watermark != watermark { await save(poll.watermark, table: table) }
                watermark = poll.watermark
                backlog = poll.full
            }
            metrics?.job(job.name, suite: suite.name, seconds: (ContinuousClock.now - began).seconds)
            if backlog {
                // A full batch: the next one at once, on a grid that starts again from now.
                next = clock.now()
                continue
            }
            next = job.schedule.next(after: next, notBefore: clock.now()) ?? .distantFuture
            let wait = max(0, next.timeIntervalSince(clock.now()))
            // Only the wait is cut short by a shutdown, never a check.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(wait * 1_000))) }
        }
    }

    /// A finished run is recorded before its incidents move (a store that fails is logged; the next run tries again).
    private func record(_ result: SuiteResult) async {
        logger.info("run finished", metadata: ["run_id": "\(result.runID)", "status": "\(result.status.rawValue)"])
        do {
            try await results.record(result)
        } catch {
            logger.error("the run was not recorded", metadata: ["error": "\(error.message)"])
        }
    }

    private func observe(_ result: SuiteResult, excluding keys: Set<CheckKey> = [], firstBadRow: [CheckKey: Date] = [:]) async {
        var judged = result
        if !keys.isEmpty { judged.results.removeAll { keys.contains($0.key) } }
        metrics?.succeeded(result)
        do {
            for action in try await tracker.observe(judged, firstBadRow: firstBadRow) {
                if case .opened(let incident) = action, let seconds = incident.detectionSeconds { metrics?.detected(after: seconds, severity: incident.severity) }
            }
        } catch {
            logger.error("incidents not updated", metadata: ["error": "\(error.message)"])
        }
    }

    /// Fixes the rows of the failed checks with `fix:`, then quarantines or flags the rows of the failed checks with
    /// automatic remediation, after their incidents opened
    /// (so each action is entered on its incident); a poll acts on its new rows only.
    private func remediate(_ result: SuiteResult, prepared: PreparedSuite, excluding keys: Set<CheckKey> = []) async {
        guard let remediation else { return }
        let fixes = FixableCheck.select(from: result, prepared: prepared).filter { !keys.contains($0.key) }
        for outcome in await remediation.fix(fixes, with: FixApplier(settings: remediation.remediator.settings), suite: suite.name, run: result.runID, at: clock.now()) {
            if let message = outcome.message, !outcome.applied {
                logger.error("fixes not applied", metadata: ["check": "\(outcome.key)", "error": "\(message)"])
            } else {
                logger.info("fixed", metadata: ["check": "\(outcome.key)", "rows": "\(outcome.fixed)", "review": "\(outcome.review)"])
            }
        }
        let targets = RemediationTarget.select(from: result, prepared: prepared, automaticOnly: true).filter { !keys.contains($0.key) }
        guard !targets.isEmpty else { return }
        for outcome in await remediation.apply(targets, suite: suite.name, run: result.runID, at: clock.now()) {
            if let message = outcome.message, !outcome.applied {
                logger.error("remediation not done", metadata: ["check": "\(outcome.key)", "error": "\(message)"])
            } else {
                logger.info("remediated", metadata: ["check": "\(outcome.key)", "action": "\(outcome.action.rawValue)", "rows": "\(outcome.rows)", "target": "\(outcome.target)"])
            }
        }
    }

    private func storedWatermark(_ table: String) async -> Watermark {
        guard let watermarks else { return Watermark() }
        do {
            return try await watermarks.watermark(suite: suite.name, table: table) ?? Watermark()
        } catch {
            logger.error("the watermark could not be read; polling starts afresh", metadata: ["table": "\(table)", "error": "\(error.message)"])
            return Watermark()
        }
    }

    private func save(_ watermark: Watermark, table: String) async {
        do {
            try await watermarks?.save(watermark, suite: suite.name, table: table)
        } catch {
            logger.error("the watermark was not stored; a restart re-reads these rows", metadata: ["table": "\(table)", "error": "\(error.message)"])
        }
    }
}
