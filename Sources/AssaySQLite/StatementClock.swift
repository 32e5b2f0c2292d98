import Glibc
import Synchronization

/// The deadline of the statement running on one SQLite connection. SQLite's progress handler and our `regexp()`
/// read it, so a long scan and a long regular-expression match both stop at the statement timeout.
final class StatementClock: Sendable {
    /// Monotonic nanoseconds after which the statement must stop; 0 when no statement runs.
    private let deadline = Atomic<UInt64>(0)
    private let tripped = Atomic<Bool>(false)

    /// Starts a statement that may run for `seconds`.
    func start(seconds: Double) {
        tripped.store(false, ordering: .relaxed)
        deadline.store(Self.now() + UInt64(max(0, seconds) * 1e9), ordering: .relaxed)
    }

    /// Ends the statement; returns whether it ran out of time.
    @discardableResult
    func stop() -> Bool {
        deadline.store(0, ordering: .relaxed)
        return tripped.load(ordering: .relaxed)
    }

    /// Whether the running statement is past its deadline (and records that it was).
    var isExpired: Bool {
        let limit = deadline.load(ordering: .relaxed)
        guard limit != 0, Self.now() >= limit else { return false }
        tripped.store(true, ordering: .relaxed)
        return true
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
