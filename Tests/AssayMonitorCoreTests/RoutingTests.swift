import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Alert routing, grouping, quiet hours and the seed's alerting")
struct RoutingTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)     // 2027-01-15 08:00:00 UTC, a Friday
    static func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

    static func alert(_ id: String, table: String = "customers", severity: Severity = .high, worst: CheckStatus = .fail,
                      at seconds: Double = 0) -> AlertEvent {
        var machine = IncidentStateMachine(policy: IncidentPolicy(opensOn: [.warn, .fail, .error])) { _ in "inc-" + id }
        let action = machine.observe(CheckObservation(check: CheckKey("\(table).c"), table: table, severity: severity,
                                                      status: worst, message: "bad", at: at(seconds)))
        return AlertEvent(action, id: id, at: at(seconds))!
    }

    @Test("routes match by severity, table pattern, owner and tag; the first match wins unless it continues")
    func matching() {
        let router = AlertRouter(routes: [
            AlertRoute(name: "pager", severities: [.critical], channels: ["pagerduty"], continue: true),
            AlertRoute(name: "credit", tables: ["credit_*"], channels: ["slack"]),
            AlertRoute(name: "risk", owners: ["risk-team"], tags: ["regulatory"], channels: ["email"]),
            AlertRoute(name: "default", channels: ["email"]),
        ])
        #expect(router.routes(table: "credit_scores", severity: .critical, owner: nil, tags: []).map(\.name) == ["pager", "credit"])
        #expect(router.routes(table: "Credit_Scores", severity: .low, owner: nil, tags: []).map(\.name) == ["credit"])
        #expect(router.routes(table: "reports", severity: .low, owner: "risk-team", tags: ["regulatory", "x"]).map(\.name) == ["risk"])
        #expect(router.routes(table: "reports", severity: .low, owner: "risk-team", tags: []).map(\.name) == ["default"])
    }

    @Test("a table's alerts within the grouping wait go out as one message; another table's apart")
    func grouping() {
        var grouper = AlertGrouper()
        let route = AlertRoute(name: "slack", channels: ["slack"], groupWaitSeconds: 60)
        #expect(grouper.add(Self.alert("a"), route: route, now: Self.t0).isEmpty)
        #expect(grouper.add(Self.alert("b"), route: route, now: Self.at(30)).isEmpty)
        #expect(grouper.add(Self.alert("c", table: "accounts"), route: route, now: Self.at(40)).isEmpty)
        #expect(grouper.nextDue == Self.at(60))
        let first = grouper.tick(now: Self.at(60))
        #expect(first.map(\.table) == ["customers"] && first[0].alerts.map(\.id) == ["a", "b"])
        #expect(grouper.tick(now: Self.at(100)).map(\.table) == ["accounts"])
        #expect(grouper.waiting == 0)
        let now = AlertRoute(name: "now", channels: ["pagerduty"])
        #expect(grouper.add(Self.alert("d"), route: now, now: Self.t0).map { $0.alerts.map(\.id) } == [["d"]])
    }

    @Test("the seed's digest: a group goes out with any FAIL, or more than 5 WARN")
    func digest() {
        var grouper = AlertGrouper()
        let route = AlertRoute(name: "digest", channels: ["email"], groupWaitSeconds: 10, digest: true)
        for i in 0..<5 { _ = grouper.add(Self.alert("w\(i)", worst: .warn), route: route, now: Self.t0) }
        #expect(grouper.tick(now: Self.at(10)).isEmpty, "five warnings are not worth a digest")
        for i in 0..<6 { _ = grouper.add(Self.alert("v\(i)", worst: .warn), route: route, now: Self.at(20)) }
        #expect(grouper.tick(now: Self.at(30)).first?.alerts.count == 6)
        _ = grouper.add(Self.alert("f", worst: .fail), route: route, now: Self.at(40))
        #expect(grouper.tick(now: Self.at(50)).count == 1)
    }

    @Test("quiet hours hold alerts until they end, across midnight, in the route's zone; a severe one breaks through")
    func quiet() throws {
        let london = TimeZone(identifier: "Europe/London")!
        let night = try QuietHours(parsing: "22:00-07:00", zone: london, breakThrough: .critical)
        let late = ScheduleTests.date("2026-12-01 23:30:00", zone: london)
        #expect(night.release(of: .high, at: late) == ScheduleTests.date("2026-12-02 07:00:00", zone: london))
        let early = ScheduleTests.date("2026-12-02 06:10:00", zone: london)
        #expect(night.release(of: .high, at: early) == ScheduleTests.date("2026-12-02 07:00:00", zone: london))
        let day = ScheduleTests.date("2026-12-02 12:00:00", zone: london)
        #expect(night.release(of: .high, at: day) == day)
        #expect(night.release(of: .critical, at: late) == late)
        // Weekdays name the day the quiet hours start on: Saturday night's run into Sunday morning.
        let weekend = try QuietHours(parsing: "22:00-07:00", zone: london, weekdays: [6])
        #expect(weekend.release(of: .low, at: ScheduleTests.date("2026-12-06 05:00:00", zone: london))
            == ScheduleTests.date("2026-12-06 07:00:00", zone: london))
        #expect(weekend.release(of: .low, at: ScheduleTests.date("2026-12-02 05:00:00", zone: london))
            == ScheduleTests.date("2026-12-02 05:00:00", zone: london))
        #expect(throws: Schedule.Invalid.self) { try QuietHours(parsing: "late", zone: london) }
        var grouper = AlertGrouper()
        let route = AlertRoute(name: "mail", channels: ["email"], quietHours: night)
        #expect(grouper.add(Self.alert("q"), route: route, now: late).isEmpty)
        #expect(grouper.tick(now: ScheduleTests.date("2026-12-02 07:00:00", zone: london)).count == 1)
    }

    @Test("the seed's settings: alert thresholds, immediate, escalate_after_minutes, email and Slack")
    func seed() {
        let monitoring = MonitoringSettings(checkIntervalMinutes: 15, batchSize: 10_000, alertThresholds: [.critical: 1, .high: 3])
        let alerting = AlertingSettings(emailRecipients: ["dq@financeflow.example"], slackWebhook: WebhookURL("https://hooks.slack.com/services/x"),
                                        escalationRules: [.critical: EscalationRule(immediate: true, escalateAfterMinutes: 15),
                                                          .high: EscalationRule(immediate: false, escalateAfterMinutes: 60)])
        let critical = SeedAlerting.policy(for: .critical, monitoring: monitoring, alerting: alerting)
        #expect(critical.alertAfterFailingRuns == 1 && critical.escalateAfterSeconds == 900)
        let high = SeedAlerting.policy(for: .high, monitoring: monitoring, alerting: alerting)
        #expect(high.alertAfterFailingRuns == 3 && high.escalateAfterSeconds == 3_600)
        #expect(SeedAlerting.policy(for: .low, monitoring: monitoring, alerting: alerting).alertAfterFailingRuns == 1)
        let router = AlertRouter(routes: SeedAlerting.routes(alerting))
        let now = router.routes(table: "customers", severity: .critical, owner: nil, tags: [])
        #expect(now.map(\.name) == ["seed-immediate"] && now[0].groupWaitSeconds == 0 && now[0].channels == ["email", "slack"])
        #expect(router.routes(table: "customers", severity: .high, owner: nil, tags: []).first?.groupWaitSeconds == SeedAlerting.defaultGroupWaitSeconds)
        #expect(SeedAlerting.routes(AlertingSettings()).isEmpty)
    }
}
