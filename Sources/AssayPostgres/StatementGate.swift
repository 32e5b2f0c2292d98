import AssayCore
import Synchronization

/// At most `permits` statements in flight, the others wait their turn in order. With as many permits as the pool
/// has connections, a statement that holds a permit never waits for another statement's connection, so its
/// connection lease can have a deadline of its own (the connect timeout).
final class StatementGate: Sendable {
    private struct State {
        var available: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(permits: Int) { state = Mutex(State(available: max(1, permits))) }

    /// Runs `body` holding a permit.
    func withPermit<T>(_ body: () async throws(SourceError) -> T) async throws(SourceError) -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state in
                guard state.available > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.available -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
