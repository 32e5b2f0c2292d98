import Synchronization

/// The first source-wide failure of a run (server gone, login refused, file locked), shared by every table's task
/// so that the cause is recorded once and the remaining statements are not sent to a source that cannot answer.
final class SourceFailureLatch: Sendable {
    private let first = Mutex<SourceError?>(nil)

    /// The recorded failure, if any.
    var failure: SourceError? { first.withLock { $0 } }

    /// Records `error` when it is source-wide and nothing was recorded before. Returns the run's recorded failure
    /// when `error` is source-wide (the first such error wins), `nil` for an error of one statement.
    @discardableResult
    func record(_ error: SourceError) -> SourceError? {
        guard error.isSourceWide else { return nil }
        return first.withLock { current in
            if current == nil { current = error }
            return current
        }
    }

    /// What each check the failure stopped says: the short kind; the full cause is in the report once.
    static func message(for failure: SourceError) -> String {
        "source unavailable: \(failure.summary) (cause reported once for the run)"
    }
}
