import Synchronization

/// Wakes a waiting loop early: the incident tracker rings it when it queues alerts, so the outbox sends them within
/// a few milliseconds instead of at its next tick. A ring while nobody waits is kept for the next wait.
final class Doorbell: Sendable {
    private let rung = Atomic<Bool>(false)
    /// How often a wait looks for a ring.
    private let step: Duration

    init(step: Duration = .milliseconds(20)) { self.step = step }

    func ring() { rung.store(true, ordering: .releasing) }

    /// Returns at the first ring (or one kept from before), after `limit` at the latest, or when cancelled.
    func wait(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while !rung.exchange(false, ordering: .acquiringAndReleasing), ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: min(step, deadline - ContinuousClock.now))
        }
    }
}
