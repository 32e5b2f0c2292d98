/// The suite's `monitor:` section: the default schedule, how incidents behave, the channels alerts go out on and the
/// routes that pick them. The monitor (AssayMonitorCore) gives it its behaviour.
///
/// ```yaml
/// monitor:
///   every: 15m
///   resolve_after: 2
///   repeat_after: 4h
///   escalate_after: {CRITICAL: 15m, HIGH: 1h}
///   channels:
///     oncall: {pagerduty: {routing_key: "${PAGERDUTY_KEY}"}}
///     team: {slack: "${SLACK_WEBHOOK}"}
///   routes:
///     - {severity: [CRITICAL], channels: [oncall, team], continue: true}
///     - {tables: ["credit_*"], channels: [team], group_wait: 2m, quiet_hours: {hours: "22:00-07:00", time_zone: Europe/London}}
/// ```
public struct MonitorSpec: Sendable, Hashable {
    /// Checks without a schedule of their own (or their table's) run on this one.
    public var schedule: ScheduleSpec?
    /// Which statuses open an incident (FAIL and ERROR when `nil`).
    public var opensOn: Set<CheckStatus>?
    public var resolveAfterPasses: Int?
    public var reopenWithin: TimeSpan?
    public var repeatAfter: TimeSpan?
    /// Per severity: an unacknowledged incident escalates after this long.
    public var escalateAfter: [Severity: TimeSpan]
    /// Per severity: failing runs in a row before the first alert.
    public var alertAfter: [Severity: Int]
    public var channels: [ChannelSpec]
    public var routes: [RouteSpec]

    public init(schedule: ScheduleSpec? = nil, opensOn: Set<CheckStatus>? = nil, resolveAfterPasses: Int? = nil,
                reopenWithin: TimeSpan? = nil, repeatAfter: TimeSpan? = nil, escalateAfter: [Severity: TimeSpan] = [:],
                alertAfter: [Severity: Int] = [:], channels: [ChannelSpec] = [], routes: [RouteSpec] = []) {
        self.schedule = schedule
        self.opensOn = opensOn
        self.resolveAfterPasses = resolveAfterPasses
        self.reopenWithin = reopenWithin
        self.repeatAfter = repeatAfter
        self.escalateAfter = escalateAfter
        self.alertAfter = alertAfter
        self.channels = channels
        self.routes = routes
    }
}

/// A named channel alerts go out on. Secrets (webhook URLs, keys, passwords) come from the environment through
/// `${VAR}` and print redacted.
public struct ChannelSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A Slack incoming webhook.
        case slack(WebhookURL)
        /// A generic webhook, signed with HMAC-SHA256 when a secret is given.
        case webhook(WebhookURL, secret: Secret?)
        /// PagerDuty Events API v2 (the events endpoint may be replaced, for a proxy or a test receiver).
        case pagerDuty(routingKey: Secret, endpoint: String?)
        case email(EmailChannelSpec)
    }

    public var name: String
    public var kind: Kind
    public var location: SourceLocation?

    public init(name: String, kind: Kind, location: SourceLocation? = nil) {
        self.name = name
        self.kind = kind
        self.location = location
    }
}

/// Mail over SMTP: `server: smtp://user@host:587` (STARTTLS), `smtps://user@host:465` (TLS from the start), or
/// `smtp://host:25?security=none` (no TLS: only to a relay on this machine when there is a user).
public struct EmailChannelSpec: Sendable, Hashable {
    public var server: String
    public var from: String
    public var to: [String]
    public var password: Secret?
    /// A PEM file of the certificate authorities to trust besides the system's (a private mail relay).
    public var caFile: String?
    /// Whether each mail also goes to the owners of what the incident's table feeds (its blast radius) that are
    /// email addresses (`to_downstream_owners: true`); `to` still gets every mail.
    public var toDownstreamOwners = false

    public init(server: String, from: String, to: [String], password: Secret? = nil, caFile: String? = nil) {
        self.server = server
        self.from = from
        self.to = to
        self.password = password
        self.caFile = caFile
    }
}

/// A value that must never be printed (a key, a password): it prints as `•••`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The value itself, for use; never print it.
    public var value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "•••" }
    public var debugDescription: String { "•••" }
}

/// One alert route as written: which incidents it takes, the channels it sends them on, and how.
public struct RouteSpec: Sendable, Hashable {
    public var name: String
    public var severities: Set<Severity>
    /// Table names; `*` matches any run of characters.
    public var tables: [String]
    public var owners: Set<String>
    public var tags: Set<String>
    public var channels: [String]
    public var groupWait: TimeSpan?
    /// The seed's digest rule: a group goes out only when it holds a FAIL or an ERROR, or more than 5 WARN.
    public var digest: Bool
    public var quietHours: QuietHoursSpec?
    public var `continue`: Bool
    public var location: SourceLocation?

    public init(name: String, severities: Set<Severity> = [], tables: [String] = [], owners: Set<String> = [], tags: Set<String> = [],
                channels: [String], groupWait: TimeSpan? = nil, digest: Bool = false, quietHours: QuietHoursSpec? = nil,
                continue: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.severities = severities
        self.tables = tables
        self.owners = owners
        self.tags = tags
        self.channels = channels
        self.groupWait = groupWait
        self.digest = digest
        self.quietHours = quietHours
        self.continue = `continue`
        self.location = location
    }
}

/// Quiet hours as written: `hours: "22:00-07:00"`, `time_zone: Europe/London`, optional weekdays they start on and
/// the lowest severity that is sent anyway.
public struct QuietHoursSpec: Sendable, Hashable {
    public var hours: String
    public var timeZone: String
    public var weekdays: Set<Int>
    public var breakThrough: Severity?

    public init(hours: String, timeZone: String, weekdays: Set<Int> = [], breakThrough: Severity? = nil) {
        self.hours = hours
        self.timeZone = timeZone
        self.weekdays = weekdays
        self.breakThrough = breakThrough
    }
}
