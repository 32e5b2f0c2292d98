import Foundation

/// Where a run reads "now": the instant windows and freshness are measured from and every check of the run
/// shares. Inject a ``FixedClock`` (or the test-support module's manual clock) to control time.
public protocol RunClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct WallClock: RunClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always reads the same instant: a run "as of" a moment.
public struct FixedClock: RunClock {
    public var instant: Date

    public init(_ instant: Date) { self.instant = instant }

    /// The clock at a civil UTC instant.
    public init(_ instant: CivilDateTime) { self.instant = Date(timeIntervalSince1970: instant.epochSeconds) }

    public func now() -> Date { instant }
}

extension CivilDateTime {
    /// The instant of `date` in UTC, to the millisecond.
    public init(_ date: Date) {
        self.init(epochSeconds: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// The current instant in UTC, to the millisecond.
    public static func now() -> CivilDateTime { CivilDateTime(Date()) }
}
