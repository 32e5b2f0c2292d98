import AssayCore
import Foundation
import Logging
import ServiceLifecycle

/// The sending side of the monitor as a `Service`: every `interval`, and at once when the tracker queues alerts, it
/// ticks the incidents (escalations, reminders, ends of suppressions) and drains the outbox; a slow or failing
/// channel delays only this loop, never a check. On graceful shutdown it makes one last pass and returns; what is
/// still pending is sent after the next start.
public struct OutboxService: Service {
    let tracker: IncidentTracker
    let dispatcher: OutboxDispatcher
    let clock: any RunClock
    let interval: Duration
    let logger: Logger

    public init(tracker: IncidentTracker, dispatcher: OutboxDispatcher, clock: any RunClock = WallClock(),
                interval: Duration = .seconds(1), logger: Logger = Logger(label: "assay.outbox")) {
        self.tracker = tracker
        self.dispatcher = dispatcher
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await pass()
            await cancelWhenGracefulShutdown { [tracker, interval] in await tracker.doorbell.wait(upTo: interval) }
        }
        await pass()
    }

    private func pass() async {
        let now = clock.now()
        do {
            _ = try await tracker.tick(now: now)
            _ = try await dispatcher.drain(now: now)
        } catch {
            logger.error("the outbox could not be drained", metadata: ["error": "\(error.message)"])
        }
    }
}
