import Foundation
import Synchronization

/// The failures of one run, shared by every table's task: the first source-wide failure (after which nothing more
/// is sent to the source), whether the deadline passed, and one record per cause with the number of checks it hit.
final class FailureLedger: Sendable {
    private struct State {
        var source: SourceError?
        var deadlinePassed = false
        var deadline: ContinuousClock.Instant?
        var records: [String: RunFailure] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())

    /// The source-wide failure recorded, if any.
    var sourceFailure: SourceError? { state.withLock { $0.source } }

    /// Whether the run's deadline passed: marked by its timer, or seen on the clock (a timer can fire late).
    var deadlinePassed: Bool {
        state.withLock { current in
            if !current.deadlinePassed, let deadline = current.deadline, ContinuousClock.now >= deadline { current.deadlinePassed = true }
            return current.deadlinePassed
        }
    }

    /// When the run must end, if it has a deadline.
    var deadline: ContinuousClock.Instant? {
        get { state.withLock { $0.deadline } }
        set { state.withLock { $0.deadline = newValue } }
    }

    func markDeadlinePassed() { state.withLock { $0.deadlinePassed = true } }

    /// Records `error` when it is source-wide and nothing was recorded before. Returns the run's recorded failure
    /// when `error` is source-wide (the first such error wins), `nil` for an error of one statement.
    @discardableResult
    func record(_ error: SourceError) -> SourceError? {
        guard error.isSourceWide else { return nil }
        return state.withLock { current in
            if current.source == nil { current.source = error }
            return current.source
        }
    }

    /// Why nothing more may be sent: the deadline, the source, or the task's cancellation.
    func stop() -> Stop? {
        if deadlinePassed { return .deadline }
        if let source = sourceFailure { return .source(source) }
        if Task.isCancelled { return .cancelled }
        return nil
    }

    enum Stop: Sendable {
        case deadline, cancelled
        case source(SourceError)
    }

    /// The failure `id`, recorded the first time and counted once more for each check it stops.
    func hit(_ id: String, _ make: () -> RunFailure) -> RunFailure.Reference {
        state.withLock { current in
            if current.records[id] == nil {
                current.records[id] = make()
                current.order.append(id)
            }
            current.records[id]!.checks += 1
            return current.records[id]!.reference
        }
    }

    /// The recorded failures, most general first (run, source, tables, statements, checks), each group by id.
    var failures: [RunFailure] {
        let scopes: [RunFailure.Scope] = [.run, .source, .table, .statement, .check]
        return state.withLock { current in
            current.order.compactMap { current.records[$0] }.sorted { a, b in
                let (ra, rb) = (scopes.firstIndex(of: a.scope) ?? 0, scopes.firstIndex(of: b.scope) ?? 0)
                return ra != rb ? ra < rb : a.id.localizedStandardCompare(b.id) == .orderedAscending
            }
        }
    }

    /// The message each check a run-wide stop hits says: the short kind; the full cause is in the report once.
    static func message(for stop: Stop) -> String {
        switch stop {
        case .source(let failure): "source unavailable: \(failure.summary) (cause reported once for the run)"
        case .deadline: "not run: the run's deadline passed"
        case .cancelled: "not run: the run was cancelled"
        }
    }

    /// The failure record of a stop.
    static func failure(for stop: Stop) -> RunFailure {
        switch stop {
        case .source(let error):
            RunFailure(id: "source", code: RunFailure.Code(error.code), scope: .source, message: error.message)
        case .deadline:
            RunFailure(id: "deadline", code: .deadlineExceeded, scope: .run, message: "the run's deadline passed before every statement was answered")
        case .cancelled:
            RunFailure(id: "cancelled", code: .cancelled, scope: .run, message: "the run was cancelled before every statement was answered")
        }
    }
}
