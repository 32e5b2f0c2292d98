import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Alert routing, the digest rule, quiet hours and the seed's alerting")
struct RoutingTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)     // 2027-01-15 08:00:00 UTC, a Friday
    static func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

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

    @Test("the seed's digest: a run is worth a message with any FAIL or ERROR, or more than 5 WARN")
    func digest() {
        #expect(!AlertRoute.digestWorthy(Array(repeating: CheckStatus.warn, count: 5) + [.pass]), "five warnings are not worth a digest")
        #expect(AlertRoute.digestWorthy(Array(repeating: CheckStatus.warn, count: 6)))
        #expect(AlertRoute.digestWorthy([.pass, .fail]))
        #expect(AlertRoute.digestWorthy([.error]))
        #expect(!AlertRoute.digestWorthy([CheckStatus]()))
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
