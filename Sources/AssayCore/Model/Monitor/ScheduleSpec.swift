/// When a table's or check's checks run, as the suite wrote it (`every: 15m` or `cron: "*/5 * * * *"`). The
/// monitor turns it into a schedule; the configuration loader has already checked that it can.
public struct ScheduleSpec: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case every(TimeSpan)
        /// A five-field cron expression on the wall clock of an IANA time zone (UTC when `nil`).
        case cron(String, timeZone: String?)
    }

    public var kind: Kind
    public var location: SourceLocation?

    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    public var description: String {
        switch kind {
        case .every(let span): "every \(span)"
        case .cron(let text, let zone): "cron \(text)" + (zone.map { " (\($0))" } ?? "")
        }
    }
}
