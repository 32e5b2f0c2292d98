import AssayCore
import Foundation
import Logging
import ServiceLifecycle

/// The sending side of the monitor as a `Service`: every `interval`, and at once when the tracker queues alerts, it
/// ticks the incidents (escalations, reminders, ends of suppressions) and drains the outbox; a slow or failing
/// channel delays only this loop, never a check. A graceful shutdown cuts a pass short (what it was sending stays
/// `sending` and is sent again, with the same event id, after the next start), then one last pass of at most
/// `lastPass` sends what the final checks queued; what is still pending is sent after the next start.
public struct OutboxService: Service {
    let tracker: IncidentTracker
    let dispatcher: OutboxDispatcher
    let clock: any RunClock
    let interval: Duration
    let lastPass: Duration
    let logger: Logger

    public init(tracker: IncidentTracker, dispatcher: OutboxDispatcher, clock: any RunClock = WallClock(),
                interval: Duration = .seconds(1), lastPass: Duration = .seconds(3), logger: Logger = Logger(label: "assay.outbox")) {
        self.tracker = tracker
        self.dispatcher = dispatcher
        self.clock = clock
        self.interval = interval
        self.lastPass = lastPass
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await cancelWhenGracefulShutdown { await pass() }
            await cancelWhenGracefulShutdown { [tracker, interval] in await tracker.doorbell.wait(upTo: interval) }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pass() }
            group.addTask { [lastPass] in try? await Task.sleep(for: lastPass) }
            await group.next()
            group.cancelAll()
        }
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
