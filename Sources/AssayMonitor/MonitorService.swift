import AssayCore
import AssayMonitorCore
import AssayStore
import Foundation
import Logging
import ServiceLifecycle

/// The scheduler as a swift-service-lifecycle `Service`: runs the suite on its schedule against one open source with
/// a prepared suite (no catalogue query while the schema is unchanged), records each run and moves the incidents.
/// Sending is the ``OutboxService``'s, beside it in the group, so a slow channel never delays a run. On graceful
/// shutdown the run in flight finishes, its incidents and alerts are stored, and the service returns.
public struct MonitorService: Service {
    let suite: Suite
    let engine: RunEngine
    let schedule: Schedule
    let results: any ResultStore
    let tracker: IncidentTracker
    let clock: any RunClock
    let logger: Logger

    public init(suite: Suite, engine: RunEngine, schedule: Schedule, results: any ResultStore, tracker: IncidentTracker,
                clock: any RunClock = WallClock(), logger: Logger = Logger(label: "assay.monitor")) {
        self.suite = suite
        self.engine = engine
        self.schedule = schedule
        self.results = results
        self.tracker = tracker
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        try await tracker.load()
        var prepared = await engine.prepare(suite)
        var next = clock.now()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let result = await engine.run(&prepared)
            await handle(result)
            next = schedule.next(after: next, notBefore: clock.now()) ?? .distantFuture
            let wait = max(0, next.timeIntervalSince(clock.now()))
            // Only the wait is cut short by a shutdown, never a run.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(wait * 1_000))) }
        }
    }

    /// A finished run: recorded, then applied to the incidents (a store that fails is logged; the next run tries again).
    private func handle(_ result: SuiteResult) async {
        logger.info("run finished", metadata: ["run_id": "\(result.runID)", "status": "\(result.status.rawValue)"])
        do {
            try await results.record(result)
        } catch {
            logger.error("the run was not recorded", metadata: ["error": "\(error.message)"])
        }
        do {
            _ = try await tracker.observe(result)
        } catch {
            logger.error("incidents not updated", metadata: ["error": "\(error.message)"])
        }
    }
}
