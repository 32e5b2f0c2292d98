import AssayCore
import AssayMonitorCore
import Foundation

/// Decodes what the monitor reads from a suite: `every:` / `cron:` on a table or check, a table's `incremental:`
/// and `tags:`, and the suite's `monitor:` section (see ``MonitorSpec``). Schedules, time zones and quiet hours are
/// checked here, so `assay validate` reports them and the monitor never meets one it cannot read.
enum MonitorDecoder {
    static let monitorKeys = ["every", "cron", "time_zone", "opens_on", "resolve_after", "reopen_within", "repeat_after",
                              "escalate_after", "alert_after", "channels", "routes"]
    static let channelKinds = ["slack", "webhook", "pagerduty", "email"]
    static let routeKeys = ["name", "severity", "tables", "owner", "tags", "channels", "group_wait", "digest", "quiet_hours", "continue"]
    static let incrementalKeys = ["column", "key", "lateness", "poll", "batch", "start"]

    /// The schedule of a mapping that may hold `every:` or `cron:` (with `time_zone:` beside it); `nil` when neither.
    static func schedule(_ map: ConfigMapping, problems: inout ConfigProblems) -> ScheduleSpec? {
        let every = map["every"], cron = map["cron"], zone = map["time_zone"]
        if every != nil, let cron {
            problems.add(ConfigError(.conflict, "a schedule is 'every' or 'cron', not both", at: cron.location))
            return nil
        }
        if let every {
            return problems.attempt { () throws(ConfigError) -> ScheduleSpec in
                let text = try every.string("every")
                let parsed: Schedule
                do throws(Schedule.Invalid) { parsed = try Schedule.every(text) } catch { throw every.fail(.invalidValue, error.message) }
                guard case .every(let seconds) = parsed else { throw every.fail(.invalidValue, "every: '\(text)' is not an interval") }
                return ScheduleSpec(.every(TimeSpan(seconds: seconds)), location: every.location)
            }
        }
        if let cron {
            return problems.attempt { () throws(ConfigError) -> ScheduleSpec in
                let text = try cron.string("cron")
                let zoneName = try zone?.string("time_zone")
                do throws(Schedule.Invalid) { _ = try Schedule.cron(text, zone: zoneName) } catch { throw cron.fail(.invalidValue, error.message) }
                return ScheduleSpec(.cron(text, timeZone: zoneName), location: cron.location)
            }
        }
        if let zone { problems.add(zone.fail(.conflict, "time_zone applies to a 'cron' schedule, and there is none here")) }
        return nil
    }

    /// `incremental: {column: created_at, key: id, lateness: 30s, poll: 1s, batch: 10000, start: latest}`.
    static func incremental(_ node: ConfigNode) throws(ConfigError) -> IncrementalSpec {
        var problems = ConfigProblems()
        if case .scalar = node.value { return IncrementalSpec(column: try node.name("incremental")) }
        let map = try node.mapping("incremental", allowed: incrementalKeys, problems: &problems)
        let column = problems.attempt { () throws(ConfigError) in try map.required("column").name("incremental.column") }
        let key = problems.attempt { () throws(ConfigError) in try map["key"]?.name("incremental.key") } ?? nil
        let lateness = problems.attempt { () throws(ConfigError) -> Double? in
            guard let n = map["lateness"] else { return nil }
            let text = try n.string("lateness")
            if let span = TimeSpan(parsing: text) { return span.seconds }
            guard let units = Double(text), units >= 0, units.isFinite else {
                throw n.fail(.invalidValue, "lateness is a duration (30s, 5m) for a timestamp column, or a number for a number column, not '\(text)'")
            }
            return units
        } ?? nil
        let poll = problems.attempt { () throws(ConfigError) -> TimeSpan? in
            guard let n = map["poll"] else { return nil }
            let span = try CheckDecoder.timeSpan(n)
            guard span.seconds >= Schedule.shortestInterval else { throw n.fail(.invalidValue, "poll: \(span) is shorter than the shortest interval, 1 second") }
            return span
        } ?? nil
        let batch = problems.attempt { () throws(ConfigError) -> Int? in
            guard let n = map["batch"] else { return nil }
            let size = try n.int("batch")
            guard (1...16_000).contains(size) else { throw n.fail(.invalidValue, "batch is the most rows one poll checks, 1 to 16000, not \(size)") }
            return size
        } ?? nil
        let start = problems.attempt { () throws(ConfigError) -> IncrementalSpec.Start? in
            guard let n = map["start"] else { return nil }
            let text = try n.string("start")
            guard let start = IncrementalSpec.Start(rawValue: text) else { throw n.fail(.invalidValue, "start is 'latest' or 'earliest', not '\(text)'") }
            return start
        } ?? nil
        try problems.throwIfAny()
        return IncrementalSpec(column: column ?? "", key: key, lateness: lateness ?? 0,
                               poll: poll ?? TimeSpan(seconds: 1), batch: batch ?? IncrementalSpec.defaultBatch, start: start ?? .latest)
    }

    /// `tags: [pii, payments]` (or one tag).
    static func tags(_ node: ConfigNode) throws(ConfigError) -> Set<String> {
        let names = try node.names("tags")
        if let empty = names.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw node.fail(.invalidValue, "tags lists an empty tag '\(empty)'")
        }
        return Set(names)
    }

    /// The suite's `monitor:` section.
    static func monitor(_ node: ConfigNode) throws(ConfigError) -> MonitorSpec {
        var problems = ConfigProblems()
        let map = try node.mapping("monitor", allowed: monitorKeys, problems: &problems)
        var spec = MonitorSpec()
        spec.schedule = schedule(map, problems: &problems)
        spec.opensOn = problems.attempt { () throws(ConfigError) -> Set<CheckStatus>? in
            guard let n = map["opens_on"] else { return nil }
            var statuses: Set<CheckStatus> = []
            for text in try n.names("opens_on") {
                guard let status = CheckStatus(rawValue: text.uppercased()), [.fail, .warn, .error].contains(status) else {
                    throw n.fail(.invalidValue, "opens_on lists FAIL, WARN or ERROR, not '\(text)'")
                }
                statuses.insert(status)
            }
            return statuses
        } ?? nil
        spec.resolveAfterPasses = problems.attempt { () throws(ConfigError) -> Int? in
            guard let n = map["resolve_after"] else { return nil }
            let runs = try n.int("resolve_after")
            guard runs >= 1 else { throw n.fail(.invalidValue, "resolve_after is a number of passing runs, at least 1, not \(runs)") }
            return runs
        } ?? nil
        spec.reopenWithin = problems.attempt { () throws(ConfigError) in try map["reopen_within"].map { n throws(ConfigError) in try CheckDecoder.timeSpan(n) } } ?? nil
        spec.repeatAfter = problems.attempt { () throws(ConfigError) -> TimeSpan? in
            guard let n = map["repeat_after"] else { return nil }
            let span = try CheckDecoder.timeSpan(n)
            guard span.seconds >= 60 else { throw n.fail(.invalidValue, "repeat_after must be at least 1m, not \(span)") }
            return span
        } ?? nil
        spec.escalateAfter = problems.attempt { () throws(ConfigError) in
            try bySeverity(map["escalate_after"], "escalate_after") { n throws(ConfigError) in
                let span = try CheckDecoder.timeSpan(n)
                guard span.seconds > 0 else { throw n.fail(.invalidValue, "escalate_after must be longer than 0") }
                return span
            }
        } ?? [:]
        spec.alertAfter = problems.attempt { () throws(ConfigError) in
            try bySeverity(map["alert_after"], "alert_after") { n throws(ConfigError) in
                let runs = try n.int("alert_after")
                guard runs >= 1 else { throw n.fail(.invalidValue, "alert_after is a number of failing runs, at least 1, not \(runs)") }
                return runs
            }
        } ?? [:]
        if let channels = map["channels"], let entries = problems.attempt({ () throws(ConfigError) in try channels.entries("channels") }) {
            for entry in entries {
                if let channel = problems.attempt({ () throws(ConfigError) in try Self.channel(entry.key, entry.value, at: entry.keyLocation) }) {
                    spec.channels.append(channel)
                }
            }
        }
        if let routes = map["routes"], let items = problems.attempt({ () throws(ConfigError) in try routes.list("routes") }) {
            let names = Set(spec.channels.map(\.name))
            for (index, item) in items.enumerated() {
                if let route = problems.attempt({ () throws(ConfigError) in try Self.route(item, index: index, channels: names) }) {
                    spec.routes.append(route)
                }
            }
        }
        try problems.throwIfAny()
        return spec
    }

    private static func bySeverity<T>(_ node: ConfigNode?, _ what: String,
                                      _ value: (ConfigNode) throws(ConfigError) -> T) throws(ConfigError) -> [Severity: T] {
        guard let node else { return [:] }
        var result: [Severity: T] = [:]
        for entry in try node.entries(what) {
            guard let severity = Severity(rawValue: entry.key.uppercased()) else {
                throw ConfigError(.invalidValue, "\(what): unknown severity '\(entry.key)'; expected LOW, MEDIUM, HIGH or CRITICAL", at: entry.keyLocation)
            }
            result[severity] = try value(entry.value)
        }
        return result
    }

    /// `NAME: {slack: URL}`, `{webhook: URL | {url, secret}}`, `{pagerduty: {routing_key, endpoint}}`,
    /// `{email: {server, from, to, password, ca_file}}`. Errors never quote a URL, key or password.
    static func channel(_ name: String, _ node: ConfigNode, at location: SourceLocation) throws(ConfigError) -> ChannelSpec {
        let map = try node.mapping("channel '\(name)'", allowed: channelKinds)
        guard map.keys.count == 1, let kind = map.keys.first, let body = map[kind] else {
            throw ConfigError(.missingKey, "channel '\(name)' needs exactly one kind: \(channelKinds.joined(separator: ", "))", at: location)
        }
        func url(_ n: ConfigNode, _ what: String) throws(ConfigError) -> WebhookURL {
            let text = try n.string(what)
            guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
                throw n.fail(.invalidValue, "\(what) of channel '\(name)' must be an http(s) URL")
            }
            return WebhookURL(text)
        }
        switch kind {
        case "slack":
            return ChannelSpec(name: name, kind: .slack(try url(body, "slack")), location: location)
        case "webhook":
            if case .scalar = body.value { return ChannelSpec(name: name, kind: .webhook(try url(body, "webhook"), secret: nil), location: location) }
            let m = try body.mapping("webhook", allowed: ["url", "secret"])
            return ChannelSpec(name: name, kind: .webhook(try url(try m.required("url"), "url"), secret: try m["secret"].map { n throws(ConfigError) in Secret(try n.string("secret")) }),
                               location: location)
        case "pagerduty":
            let m = try body.mapping("pagerduty", allowed: ["routing_key", "endpoint"])
            let key = try m.required("routing_key").string("routing_key")
            guard !key.isEmpty else { throw body.fail(.invalidValue, "routing_key of channel '\(name)' is empty") }
            return ChannelSpec(name: name, kind: .pagerDuty(routingKey: Secret(key), endpoint: try m["endpoint"].map { n throws(ConfigError) in try url(n, "endpoint").url }),
                               location: location)
        default:
            let m = try body.mapping("email", allowed: ["server", "from", "to", "password", "ca_file", "to_downstream_owners"])
            let serverNode = try m.required("server")
            let server = try serverNode.string("server")
            guard ["smtp://", "smtps://"].contains(where: server.lowercased().hasPrefix), let parts = URLComponents(string: server),
                  parts.host?.isEmpty == false else {
                throw serverNode.fail(.invalidValue, "server of channel '\(name)' is smtp://[USER@]HOST[:PORT] (STARTTLS) or smtps://[USER@]HOST[:PORT] (TLS)")
            }
            guard parts.password == nil else {
                throw serverNode.fail(.invalidValue, "server of channel '\(name)' holds a password; write it as password: \"${VARIABLE}\" instead")
            }
            for item in parts.queryItems ?? [] where item.name != "security" || !["starttls", "tls", "none"].contains(item.value?.lowercased() ?? "") {
                throw serverNode.fail(.invalidValue, "server of channel '\(name)' takes only ?security=starttls|tls|none")
            }
            let from = try m.required("from").string("from")
            let to = try m.required("to").names("to")
            for address in [from] + to where !Self.isAddress(address) {
                throw body.fail(.invalidValue, "'\(address)' in channel '\(name)' is not an email address")
            }
            guard !to.isEmpty else { throw body.fail(.invalidValue, "channel '\(name)' sends to nobody: 'to' is empty") }
            var email = EmailChannelSpec(server: server, from: from, to: to,
                                         password: try m["password"].map { n throws(ConfigError) in Secret(try n.string("password")) },
                                         caFile: try m["ca_file"]?.string("ca_file"))
            email.toDownstreamOwners = try m["to_downstream_owners"]?.bool("to_downstream_owners") ?? false
            return ChannelSpec(name: name, kind: .email(email), location: location)
        }
    }

    /// An address a mail header can carry: one `@`, no spaces, no line breaks, no angle brackets.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains { $0.isWhitespace || "<>,;\"".contains($0) }
    }

    static func route(_ node: ConfigNode, index: Int, channels known: Set<String>) throws(ConfigError) -> RouteSpec {
        var problems = ConfigProblems()
        let map = try node.mapping("route \(index + 1)", allowed: routeKeys, problems: &problems)
        let name = problems.attempt { () throws(ConfigError) in try map["name"]?.string("name") } ?? nil
        let severities = problems.attempt { () throws(ConfigError) -> Set<Severity> in
            guard let n = map["severity"] else { return [] }
            var set: Set<Severity> = []
            for text in try n.names("severity") {
                guard let s = Severity(rawValue: text.uppercased()) else {
                    throw n.fail(.invalidValue, "unknown severity '\(text)'; expected LOW, MEDIUM, HIGH or CRITICAL")
                }
                set.insert(s)
            }
            return set
        } ?? []
        let tables = problems.attempt { () throws(ConfigError) in try map["tables"]?.names("tables") } ?? nil
        let owners = problems.attempt { () throws(ConfigError) in try map["owner"]?.names("owner") } ?? nil
        let tags = problems.attempt { () throws(ConfigError) in try map["tags"].map { n throws(ConfigError) in try Self.tags(n) } } ?? nil
        let channels = problems.attempt { () throws(ConfigError) -> [String] in
            let n = try map.required("channels")
            let names = try n.names("channels")
            for channel in names where !known.contains(channel) {
                throw n.fail(.invalidValue, "route \(index + 1) names channel '\(channel)', which monitor.channels does not define"
                             + Suggestion.hint(for: channel, in: known.sorted()))
            }
            return names
        }
        let groupWait = problems.attempt { () throws(ConfigError) in try map["group_wait"].map { n throws(ConfigError) in try CheckDecoder.timeSpan(n) } } ?? nil
        let digest = problems.attempt { () throws(ConfigError) in try map["digest"]?.bool("digest") } ?? nil
        let proceed = problems.attempt { () throws(ConfigError) in try map["continue"]?.bool("continue") } ?? nil
        let quiet = problems.attempt { () throws(ConfigError) in try map["quiet_hours"].map { n throws(ConfigError) in try Self.quietHours(n) } } ?? nil
        try problems.throwIfAny()
        return RouteSpec(name: name ?? "route-\(index + 1)", severities: severities, tables: tables ?? [], owners: Set(owners ?? []),
                         tags: tags ?? [], channels: channels ?? [], groupWait: groupWait, digest: digest ?? false, quietHours: quiet,
                         continue: proceed ?? false, location: node.location)
    }

    /// `quiet_hours: {hours: "22:00-07:00", time_zone: Europe/London, weekdays: [1, 2, 3, 4, 5], except: CRITICAL}`.
    static func quietHours(_ node: ConfigNode) throws(ConfigError) -> QuietHoursSpec {
        let map = try node.mapping("quiet_hours", allowed: ["hours", "time_zone", "weekdays", "except"])
        let hoursNode = try map.required("hours"), zoneNode = try map.required("time_zone")
        let hours = try hoursNode.string("hours")
        let zoneName = try zoneNode.string("time_zone")
        guard let zone = TimeZone(identifier: zoneName) else {
            throw zoneNode.fail(.invalidValue, "time zone '\(zoneName)' is not an IANA zone name such as Europe/London")
        }
        var weekdays: Set<Int> = []
        if let n = map["weekdays"] {
            for item in try n.list("weekdays") {
                let day = try item.int("a weekday")
                guard (0...6).contains(day) else { throw item.fail(.invalidValue, "weekdays are 0 (Sunday) to 6 (Saturday), not \(day)") }
                weekdays.insert(day)
            }
        }
        let breakThrough = try map["except"].map { n throws(ConfigError) in try CheckDecoder.severity(n) }
        do throws(Schedule.Invalid) { _ = try QuietHours(parsing: hours, zone: zone) } catch { throw hoursNode.fail(.invalidValue, error.message) }
        return QuietHoursSpec(hours: hours, timeZone: zoneName, weekdays: weekdays, breakThrough: breakThrough)
    }
}
