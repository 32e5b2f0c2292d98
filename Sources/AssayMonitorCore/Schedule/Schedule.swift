import AssayCore
import Foundation

/// When a table's or check's checks run: every fixed interval, or on a cron expression's minutes.
public enum Schedule: Sendable, Hashable, CustomStringConvertible {
    /// Every `seconds`, counted from the previous run's planned time (so a slow run does not drift the schedule).
    case every(seconds: Double)
    /// At the minutes a cron expression names, on the wall clock of a time zone.
    case cron(CronExpression, zone: TimeZone)

    /// Why a schedule cannot be read.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The shortest interval: a poll every second.
    public static let shortestInterval = 1.0

    /// `every: 15m` (a time span: `250ms` … `2w`, at least 1 s).
    /// - Throws: ``Invalid`` for text that is not a time span, or one below a second.
    public static func every(_ text: String) throws(Invalid) -> Schedule {
        guard let span = TimeSpan(parsing: text) else {
            throw Invalid(message: "every: '\(text)' is not a time span like 30s, 15m or 1h")
        }
        return try every(seconds: span.seconds, as: "every: '\(text)'")
    }

    /// The seed's `monitoring.check_interval_minutes` (fractions allowed: 0.05 is every 3 s).
    /// - Throws: ``Invalid`` for an interval below a second or not finite.
    public static func everyMinutes(_ minutes: Double) throws(Invalid) -> Schedule {
        try every(seconds: minutes * 60, as: "check_interval_minutes \(minutes.formatted(maxFractionDigits: 4))")
    }

    private static func every(seconds: Double, as shown: String) throws(Invalid) -> Schedule {
        guard seconds.isFinite, seconds >= shortestInterval else {
            throw Invalid(message: "\(shown) is shorter than the shortest interval, 1 second")
        }
        return .every(seconds: seconds)
    }

    /// `cron: "*/5 * * * *"`, on the wall clock of `zone` (an IANA name such as `Europe/London`; default UTC).
    /// - Throws: ``Invalid`` for an expression or a zone that cannot be read.
    public static func cron(_ text: String, zone: String? = nil) throws(Invalid) -> Schedule {
        guard let tz = TimeZone(identifier: zone ?? "UTC") else {
            throw Invalid(message: "time zone '\(zone ?? "")' is not an IANA zone name such as Europe/London")
        }
        do {
            return .cron(try CronExpression(text), zone: tz)
        } catch {
            throw Invalid(message: error.message)
        }
    }

    /// The first time after `previous` (a run's planned time) that the schedule runs; `nil` for a cron expression
    /// that never matches.
    public func next(after previous: Date) -> Date? {
        switch self {
        case .every(let seconds): previous.addingTimeInterval(seconds)
        case .cron(let expression, let zone): expression.next(after: previous, in: zone)
        }
    }

    /// The next planned time at or after `now`, skipping the runs a stopped or slow monitor missed (they are not run
    /// late one after another): for an interval, the first multiple of it after `previous` that is not in the past.
    public func next(after previous: Date, notBefore now: Date) -> Date? {
        switch self {
        case .every(let seconds):
            guard let first = next(after: previous) else { return nil }
            guard first < now else { return first }
            let missed = ((now.timeIntervalSince(first)) / seconds).rounded(.up)
            return first.addingTimeInterval(missed * seconds)
        case .cron:
            guard let first = next(after: previous) else { return nil }
            return first >= now ? first : next(after: now.addingTimeInterval(-0.001))
        }
    }

    public var description: String {
        switch self {
        case .every(let seconds): "every \(TimeSpan(seconds: seconds))"
        case .cron(let expression, let zone): "cron \(expression) (\(zone.identifier == "GMT" ? "UTC" : zone.identifier))"
        }
    }
}
