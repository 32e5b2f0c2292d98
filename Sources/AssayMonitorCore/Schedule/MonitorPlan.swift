import AssayCore

/// How the monitor divides a suite into jobs, each a part of the suite on one schedule: every check runs on its own
/// schedule (`every:` / `cron:`), else its table's, else the suite's; checks sharing a schedule share a job, so each
/// table is still read once per job. The row-by-row checks of an incremental table are also a poll job of their own:
/// the polls judge the new rows (incidents and alerts), the scheduled run checks every row and is recorded.
public struct MonitorPlan: Sendable, Hashable {
    public struct Job: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// The job's checks over their whole scope, recorded as a run.
            case scheduled
            /// An incremental table's row checks over the rows past its watermark.
            case poll(table: String)
        }

        /// `every 15m`, `cron */5 * * * * (UTC)`, `poll transactions`.
        public var name: String
        public var kind: Kind
        public var schedule: Schedule
        /// The part of the suite the job runs (the suite's name, settings and only the job's tables and checks).
        public var suite: Suite
        /// Checks whose incidents come from a poll job, not from this one (an incremental table's row checks).
        public var polledElsewhere: Set<CheckKey> = []
    }

    public var jobs: [Job]

    /// - Parameters:
    ///   - defaultSchedule: for checks without a schedule of their own or their table's.
    ///   - columns: per table, its columns, for the seed's recent-rows window (applied where the column exists).
    /// - Throws: ``Schedule/Invalid`` for a schedule that cannot be read (the configuration loader reports these first).
    public init(suite: Suite, defaultSchedule: Schedule, columns: [String: [String]] = [:]) throws(Schedule.Invalid) {
        var groups: [Schedule: [TableSpec]] = [:]
        var order: [Schedule] = []
        var polls: [Job] = []
        var polledKeys: Set<CheckKey> = []
        for original in suite.tables {
            let table = Self.withRecentWindow(original, suite: suite, columns: columns[original.name])
            let tableSchedule = try table.schedule.map { spec throws(Schedule.Invalid) in try Schedule(spec) } ?? defaultSchedule
            var polled: [Check] = []
            var byTable: [Schedule: [Check]] = [:]
            var tableOrder: [Schedule] = []
            for check in table.checks {
                if table.incremental != nil, check.schedule == nil, check.kind.judgedRowByRow {
                    polled.append(check)
                    polledKeys.insert(check.key(in: table))
                }
                let schedule = try check.schedule.map { spec throws(Schedule.Invalid) in try Schedule(spec) } ?? tableSchedule
                if byTable[schedule] == nil { tableOrder.append(schedule) }
                byTable[schedule, default: []].append(check)
            }
            for schedule in tableOrder {
                var part = table
                part.checks = byTable[schedule] ?? []
                if groups[schedule] == nil { order.append(schedule) }
                groups[schedule, default: []].append(part)
            }
            if let incremental = table.incremental, !polled.isEmpty {
                var part = table
                part.checks = polled
                var pollSuite = suite
                pollSuite.tables = [part]
                polls.append(Job(name: "poll \(table.name)", kind: .poll(table: table.name),
                                 schedule: .every(seconds: max(Schedule.shortestInterval, incremental.poll.seconds)), suite: pollSuite))
            }
        }
        jobs = order.map { schedule in
            var part = suite
            part.tables = groups[schedule] ?? []
            return Job(name: schedule.description, kind: .scheduled, schedule: schedule, suite: part, polledElsewhere: polledKeys)
        } + polls
    }

    /// The seed's monitor checks each rule over the recent rows (`created_date` in the last 15 minutes): a table of a
    /// suite with that window and without one of its own gets it, where the table has the column.
    static func withRecentWindow(_ table: TableSpec, suite: Suite, columns: [String]?) -> TableSpec {
        guard let window = suite.monitoring?.recentWindow, table.window == nil, table.incremental == nil,
              let columns, columns.contains(where: { $0.lowercased() == window.column.lowercased() }) else { return table }
        var copy = table
        copy.window = window
        return copy
    }
}

extension Schedule {
    /// The schedule a suite wrote.
    /// - Throws: ``Invalid`` for a cron expression or time zone that cannot be read.
    public init(_ spec: ScheduleSpec) throws(Invalid) {
        switch spec.kind {
        case .every(let span): self = .every(seconds: max(Schedule.shortestInterval, span.seconds))
        case .cron(let text, let zone): self = try Schedule.cron(text, zone: zone)
        }
    }
}
