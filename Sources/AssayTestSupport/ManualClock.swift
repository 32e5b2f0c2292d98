import AssayCore
import Foundation
import Synchronization

/// A run clock that moves only when told, so a test decides what "now" is for each run.
public final class ManualClock: RunClock {
    private let instant: Mutex<Date>

    public init(_ start: Date) { instant = Mutex(start) }

    /// The clock at a civil UTC instant.
    public convenience init(_ start: CivilDateTime) { self.init(Date(timeIntervalSince1970: start.epochSeconds)) }

    public func now() -> Date { instant.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { instant.withLock { $0 = date } }
}
