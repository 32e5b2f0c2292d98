import AssayCore
import Foundation

/// Where an incident's alerts go: a route matches incidents by severity, table, owner and tag, and names the
/// channels that carry them and how they are grouped, repeated and held back.
public struct AlertRoute: Sendable, Hashable {
    public var name: String
    /// Empty sets match everything; table patterns may use `*` (`credit_*`).
    public var severities: Set<Severity>
    public var tables: [String]
    public var owners: Set<String>
    public var tags: Set<String>
    /// Channel names (`email`, `slack`, `pagerduty`, a webhook's name).
    public var channels: [String]
    /// Alerts of one table arriving within this wait go out as one message (0: each at once).
    public var groupWaitSeconds: Double
    /// The seed's digest rule: the route takes a run's alerts only when the run's results it matches hold a FAIL or
    /// an ERROR, or more than 5 WARN (see ``digestWorthy(_:)``), and then hears of every incident the run finds still
    /// open too, so its message lists them all; a quieter run's incidents are stored and shown, not sent.
    public var digest: Bool
    public var quietHours: QuietHours?
    /// Whether a matching incident also goes on to the next routes (otherwise the first match wins).
    public var `continue`: Bool

    public init(name: String, severities: Set<Severity> = [], tables: [String] = [], owners: Set<String> = [],
                tags: Set<String> = [], channels: [String], groupWaitSeconds: Double = 0, digest: Bool = false,
                quietHours: QuietHours? = nil, continue: Bool = false) {
        self.name = name
        self.severities = severities
        self.tables = tables
        self.owners = owners
        self.tags = tags
        self.channels = channels
        self.groupWaitSeconds = max(0, groupWaitSeconds)
        self.digest = digest
        self.quietHours = quietHours
        self.continue = `continue`
    }

    /// Whether the route takes an incident of `table` with `severity`, owned by `owner` and tagged `tags`.
    public func matches(table: String, severity: Severity, owner: String?, tags: Set<String>) -> Bool {
        (severities.isEmpty || severities.contains(severity))
            && (self.tables.isEmpty || self.tables.contains { Self.glob($0, table) })
            && (owners.isEmpty || owner.map(owners.contains) == true)
            && (self.tags.isEmpty || !self.tags.isDisjoint(with: tags))
    }

    /// The seed's rule for a run's statuses: any FAIL or ERROR, or more than five WARN.
    public static func digestWorthy(_ statuses: some Sequence<CheckStatus>) -> Bool {
        var warnings = 0
        for status in statuses {
            if status >= .fail { return true }
            if status == .warn { warnings += 1 }
        }
        return warnings > 5
    }

    /// `*` matches any run of characters; everything else itself (case-insensitive, as table names are).
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.lowercased()), t = Array(text.lowercased())
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == t[ti] { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// The routes an incident's alerts take: in order, the first match, or every match up to and including the first
/// that does not `continue`.
public struct AlertRouter: Sendable, Hashable {
    public var routes: [AlertRoute]

    public init(routes: [AlertRoute]) { self.routes = routes }

    public func routes(table: String, severity: Severity, owner: String?, tags: Set<String>) -> [AlertRoute] {
        var taken: [AlertRoute] = []
        for route in routes where route.matches(table: table, severity: severity, owner: owner, tags: tags) {
            taken.append(route)
            if !route.continue { break }
        }
        return taken
    }
}
