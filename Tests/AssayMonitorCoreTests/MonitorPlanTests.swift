import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("The monitor's plan: jobs by schedule, polls of incremental tables, the suite's incident and route settings")
struct MonitorPlanTests {
    static func check(_ id: String, _ kind: CheckKind, schedule: ScheduleSpec.Kind? = nil, severity: Severity = .medium) -> Check {
        var check = Check(id: id, idIsExplicit: true, kind: kind, severity: severity)
        check.schedule = schedule.map { ScheduleSpec($0) }
        return check
    }

    static let suite: Suite = {
        var transactions = TableSpec(name: "transactions", checks: [
            check("amount_positive", .rule(try! Condition("amount <= 0"), violationWhen: true)),
            check("id_unique", .unique(columns: ["id"])),
            check("nightly_count", .rowCount(fail: ValueBounds(min: 1, max: nil), warn: nil), schedule: .cron("0 2 * * *", timeZone: nil)),
        ])
        transactions.incremental = IncrementalSpec(column: "created_at", poll: TimeSpan(seconds: 2))
        var customers = TableSpec(name: "customers", checks: [check("email_present", .notNull(column: "email"))])
        customers.schedule = ScheduleSpec(.every(TimeSpan(seconds: 300)))
        let accounts = TableSpec(name: "accounts", checks: [check("balance_present", .notNull(column: "balance"))])
        return Suite(name: "bank", tables: [transactions, customers, accounts])
    }()

    @Test("checks share a job per schedule; an incremental table's row checks are also polled, their incidents from the poll")
    func jobs() throws {
        let plan = try MonitorPlan(suite: Self.suite, defaultSchedule: .every(seconds: 900))
        #expect(plan.jobs.map(\.name) == ["every 15m", "cron 0 2 * * * (UTC)", "every 5m", "poll transactions"], "\(plan.jobs.map(\.name))")
        let main = plan.jobs[0]
        #expect(main.suite.tables.map(\.name) == ["transactions", "accounts"])
        #expect(main.suite.tables[0].checks.map(\.id) == ["amount_positive", "id_unique"], "the row check also runs over every row, recorded")
        #expect(main.polledElsewhere == [CheckKey("transactions.amount_positive")], "but its incidents come from the polls")
        #expect(plan.jobs[1].suite.tables.map { $0.checks.map(\.id) } == [["nightly_count"]])
        #expect(plan.jobs[2].suite.tables.map(\.name) == ["customers"] && plan.jobs[2].schedule == .every(seconds: 300))
        let poll = plan.jobs[3]
        #expect(poll.kind == .poll(table: "transactions") && poll.schedule == .every(seconds: 2))
        #expect(poll.suite.tables.map { $0.checks.map(\.id) } == [["amount_positive"]], "only the checks judged row by row")
        #expect(poll.suite.name == "bank")
    }

    @Test("the seed's recent-rows window applies to tables that have its column and no window of their own")
    func recentWindow() throws {
        var suite = Self.suite
        suite.monitoring = MonitoringSettings(checkIntervalMinutes: 15)
        let plan = try MonitorPlan(suite: suite, defaultSchedule: .every(seconds: 900),
                                   columns: ["accounts": ["balance", "created_date"], "customers": ["email"]])
        let tables = plan.jobs.flatMap(\.suite.tables)
        #expect(tables.first { $0.name == "accounts" }?.window == Window(column: "created_date", last: TimeSpan(seconds: 900)))
        #expect(tables.first { $0.name == "customers" }?.window == nil, "no created_date column")
        #expect(tables.filter { $0.name == "transactions" }.allSatisfy { $0.window == nil }, "incremental tables poll instead")
    }

    @Test("the monitor section overrides the seed's settings; routes come in order, the seed's last")
    func settings() throws {
        var suite = Self.suite
        suite.monitoring = MonitoringSettings(checkIntervalMinutes: 0.05, alertThresholds: [.high: 3])
        suite.alerting = AlertingSettings(slackWebhook: WebhookURL("https://hooks.slack.com/services/x"),
                                          escalationRules: [.critical: EscalationRule(immediate: true, escalateAfterMinutes: 15)])
        #expect(try SuiteMonitoring.schedule(suite: suite) == .every(seconds: 3), "check_interval_minutes 0.05 is every 3 s")
        #expect(SuiteMonitoring.policy(for: .high, suite: suite).alertAfterFailingRuns == 3)
        suite.monitor = MonitorSpec(schedule: ScheduleSpec(.every(TimeSpan(seconds: 60))), resolveAfterPasses: 3, repeatAfter: TimeSpan(seconds: 3_600),
                                    escalateAfter: [.critical: TimeSpan(seconds: 300)], alertAfter: [.high: 1],
                                    routes: [RouteSpec(name: "night", channels: ["mail"], groupWait: TimeSpan(seconds: 120), digest: true,
                                                       quietHours: QuietHoursSpec(hours: "22:00-07:00", timeZone: "Europe/London", breakThrough: .critical))])
        #expect(try SuiteMonitoring.schedule(suite: suite) == .every(seconds: 60))
        let critical = SuiteMonitoring.policy(for: .critical, suite: suite)
        #expect(critical.escalateAfterSeconds == 300 && critical.resolveAfterPasses == 3 && critical.repeatAfterSeconds == 3_600)
        #expect(SuiteMonitoring.policy(for: .high, suite: suite).alertAfterFailingRuns == 1)
        let routes = try SuiteMonitoring.routes(suite: suite)
        #expect(routes.map(\.name) == ["night", "seed-immediate", "seed"])
        #expect(routes[0].groupWaitSeconds == 120 && routes[0].digest && routes[0].quietHours?.breakThrough == .critical)
        #expect(routes[0].quietHours?.zone.identifier == "Europe/London" && routes[0].quietHours?.startMinute == 22 * 60)
    }

    @Test("a bad cron expression in a suite built by hand is an error, not a silent default")
    func invalid() {
        var suite = Self.suite
        suite.tables[2].schedule = ScheduleSpec(.cron("every day", timeZone: nil))
        #expect(throws: Schedule.Invalid.self) { try MonitorPlan(suite: suite, defaultSchedule: .every(seconds: 900)) }
    }
}
