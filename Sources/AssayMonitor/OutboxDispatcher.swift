import AssayAlerting
import AssayMonitorCore
import AssayStore
import Foundation
import Logging

/// Sends what the outbox holds: each pass takes the deliveries that are due (and those a crash left `sending`),
/// groups those of one route, channel and table into one message, sends it on the channel's notifier, and stores
/// each delivery's new state. A delivery is marked `sending` before it is sent, so a crash between sending and
/// marking it sent resends it (with the same event id) rather than losing it. Nothing is ever dropped: a permanent
/// failure stays in the outbox as `failed`, counted and logged.
public struct OutboxDispatcher: Sendable {
    let store: any IncidentStore
    let notifiers: [String: any Notifier]
    let policy: DeliveryPolicy
    let logger: Logger
    let random: @Sendable () -> Double
    let dashboard: String?
    let metrics: MonitorMetrics?

    /// - Parameters:
    ///   - notifiers: by channel name; a delivery for a channel without one fails permanently (visible, not lost).
    ///   - random: uniform in 0..<1, for the retry jitter (injected so tests can fix it).
    public init(store: any IncidentStore, notifiers: [any Notifier], policy: DeliveryPolicy = DeliveryPolicy(),
                dashboard: String? = nil, metrics: MonitorMetrics? = nil, logger: Logger = Logger(label: "assay.outbox"),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.metrics = metrics
        self.store = store
        self.notifiers = Dictionary(notifiers.map { ($0.channel, $0) }, uniquingKeysWith: { first, _ in first })
        self.policy = policy
        self.dashboard = dashboard
        self.logger = logger
        self.random = random
    }

    /// What one pass did.
    public struct Pass: Sendable, Hashable {
        public var sent: Int, retried: Int, failed: Int

        public init(sent: Int = 0, retried: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retried = retried
            self.failed = failed
        }
    }

    /// How many messages a pass sends at once: one slow or unreachable receiver does not hold up the others.
    public static let concurrentMessages = 8

    /// One pass over the due deliveries at `now`.
    /// - Throws: ``StoreError`` when the store cannot be read or written (the pass stops; nothing is lost).
    public func drain(now: Date, limit: Int = 500) async throws(StoreError) -> Pass {
        let due = try await store.dueDeliveries(now: now, limit: limit)
        var groups: [GroupKey: [QueuedAlert]] = [:]
        var order: [GroupKey] = []
        for delivery in due {
            // What a crash left `sending` went out (or nearly) as one message: resent as that message, under its
            // event id, never merged with alerts that fell due since.
            let key = GroupKey(route: delivery.route, channel: delivery.channel, table: delivery.event.incident.table,
                               resent: delivery.status == .sending)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(delivery)
        }
        // At most one message per route, channel and table is ever `sending`: the alerts that fell due beside a message
        // being resent wait for the next pass. Otherwise a crash while both were in flight would leave two messages
        // `sending`, resent after it as one message under another event id.
        order.removeAll { key in !key.resent && groups[GroupKey(route: key.route, channel: key.channel, table: key.table, resent: true)] != nil }
        let outcomes = await withTaskGroup(of: Result<Pass, StoreError>.self) { tasks in
            var results: [Result<Pass, StoreError>] = []
            var next = order.makeIterator()
            func start() {
                guard let key = next.next() else { return }
                let deliveries = groups[key] ?? []
                tasks.addTask {
                    var pass = Pass()
                    do throws(StoreError) {
                        try await send(deliveries, channel: key.channel, table: key.table, now: now, into: &pass)
                        return .success(pass)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for _ in 0..<Self.concurrentMessages { start() }
            while let result = await tasks.next() {
                results.append(result)
                start()
            }
            return results
        }
        var pass = Pass()
        for outcome in outcomes {
            switch outcome {
            case .success(let part):
                pass.sent += part.sent
                pass.retried += part.retried
                pass.failed += part.failed
            case .failure(let error): throw error
            }
        }
        return pass
    }

    private struct GroupKey: Hashable { var route: String, channel: String, table: String, resent: Bool }

    private func send(_ deliveries: [QueuedAlert], channel: String, table: String, now: Date, into pass: inout Pass) async throws(StoreError) {
        var machines: [(QueuedAlert, DeliveryStateMachine)] = []
        var expired: [QueuedAlert] = []
        for var delivery in deliveries {
            var machine = DeliveryStateMachine(queuedAt: delivery.queuedAt, policy: policy, state: delivery.delivery)
            _ = machine.recoverAfterCrash(now: now)
            switch machine.due(now: now) {
            case .send:
                delivery.delivery = machine.state
                machines.append((delivery, machine))
            case .markFailed(let reason):
                delivery.delivery = machine.state
                expired.append(delivery)
                pass.failed += 1
                metrics?.alert(channel: channel, outcome: "failed", count: 1)
                logger.error("alert not delivered", metadata: ["channel": "\(channel)", "event": "\(delivery.event.id)", "reason": "\(reason)"])
            default:
                continue
            }
        }
        // The whole message is `sending` in one transaction: a crash from here on resends exactly it.
        try await store.update(expired + machines.map(\.0))
        guard !machines.isEmpty else { return }
        let outcome: DeliveryStateMachine.Outcome
        if let notifier = notifiers[channel] {
            outcome = await notifier.deliver(AlertMessage(table: table, alerts: machines.map(\.0.event), dashboard: dashboard))
        } else {
            outcome = .permanent(reason: "no channel '\(channel)' is configured")
        }
        let before = pass
        var finished: [QueuedAlert] = []
        for (var delivery, var machine) in machines {
            let action = machine.finished(outcome, now: now, random: random())
            delivery.delivery = machine.state
            finished.append(delivery)
            switch action {
            case .markSent: pass.sent += 1
            case .retry: pass.retried += 1
            case .markFailed(let reason):
                pass.failed += 1
                logger.error("alert not delivered", metadata: ["channel": "\(channel)", "event": "\(delivery.event.id)", "reason": "\(reason)"])
            default: break
            }
        }
        // And its outcome in one transaction: a crash leaves all of it `sending` (resent as it was) or none of it.
        try await store.update(finished)
        metrics?.alert(channel: channel, outcome: "sent", count: pass.sent - before.sent)
        metrics?.alert(channel: channel, outcome: "retried", count: pass.retried - before.retried)
        metrics?.alert(channel: channel, outcome: "failed", count: pass.failed - before.failed)
    }
}
