import AssayCore
import Foundation

/// What a suite's monitor settings mean for incidents and routes: its `monitor:` section (``AssayCore/MonitorSpec``)
/// first, then the seed's `monitoring` and `alerting` sections (``SeedAlerting``).
public enum SuiteMonitoring {
    /// The incident policy of the suite's checks of `severity`.
    public static func policy(for severity: Severity, suite: Suite) -> IncidentPolicy {
        var policy = SeedAlerting.policy(for: severity, monitoring: suite.monitoring, alerting: suite.alerting)
        guard let spec = suite.monitor else { return policy }
        if let opens = spec.opensOn { policy.opensOn = opens }
        if let passes = spec.resolveAfterPasses { policy.resolveAfterPasses = max(1, passes) }
        if let reopen = spec.reopenWithin { policy.reopenWithinSeconds = reopen.seconds }
        if let repeatAfter = spec.repeatAfter { policy.repeatAfterSeconds = repeatAfter.seconds }
        if let escalate = spec.escalateAfter[severity] { policy.escalateAfterSeconds = escalate.seconds }
        if let runs = spec.alertAfter[severity] { policy.alertAfterFailingRuns = max(1, runs) }
        return policy
    }

    /// The routes of the suite: those of its `monitor:` section in order, then the seed's.
    /// - Throws: ``Schedule/Invalid`` for quiet hours that cannot be read (the configuration loader reports these first).
    public static func routes(suite: Suite) throws(Schedule.Invalid) -> [AlertRoute] {
        var routes: [AlertRoute] = []
        for spec in suite.monitor?.routes ?? [] {
            var quiet: QuietHours?
            if let hours = spec.quietHours {
                guard let zone = TimeZone(identifier: hours.timeZone) else {
                    throw Schedule.Invalid(message: "time zone '\(hours.timeZone)' is not an IANA zone name such as Europe/London")
                }
                quiet = try QuietHours(parsing: hours.hours, zone: zone, weekdays: hours.weekdays, breakThrough: hours.breakThrough)
            }
            routes.append(AlertRoute(name: spec.name, severities: spec.severities, tables: spec.tables, owners: spec.owners, tags: spec.tags,
                                     channels: spec.channels, groupWaitSeconds: spec.groupWait?.seconds ?? 0, digest: spec.digest,
                                     quietHours: quiet, continue: spec.continue))
        }
        return routes + SeedAlerting.routes(suite.alerting)
    }

    /// The default schedule of the suite: its `monitor.every` / `monitor.cron`, else the seed's
    /// `check_interval_minutes`, else every 15 minutes.
    public static func schedule(suite: Suite) throws(Schedule.Invalid) -> Schedule {
        if let spec = suite.monitor?.schedule { return try Schedule(spec) }
        if let minutes = suite.monitoring?.checkIntervalMinutes { return try Schedule.everyMinutes(minutes) }
        return .every(seconds: 900)
    }
}
