import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Blast radius: kept on the incident from the observation, named by every channel's message")
struct BlastRadiusMessageTests {
    static let radius = BlastRadius(assets: [
        .init(name: "risk_mart", kind: .mart, depth: 1, owners: ["risk@bank.example"], regulatoryReport: false),
        .init(name: "basel_capital_report", kind: .report, depth: 2, owners: ["regulatory@bank.example", "risk@bank.example"], regulatoryReport: true),
    ])

    static func alert(radius: BlastRadius?) -> AlertEvent {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-1" }
        let opened = machine.observe(CheckObservation(check: CheckKey("transactions.amount_positive"), table: "transactions", severity: .critical,
                                                      status: .fail, message: "1 of 3 rows violate", violations: 1,
                                                      at: Date(timeIntervalSince1970: 1_800_000_000), blastRadius: radius))
        return AlertEvent(opened, id: "evt-1", at: Date(timeIntervalSince1970: 1_800_000_000))!
    }

    @Test("the incident keeps it (and it survives the store's JSON); a later failure without one keeps the first")
    func kept() throws {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-1" }
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        _ = machine.observe(CheckObservation(check: CheckKey("t.c"), table: "t", severity: .high, status: .fail, message: "m", at: at, blastRadius: Self.radius))
        _ = machine.observe(CheckObservation(check: CheckKey("t.c"), table: "t", severity: .high, status: .fail, message: "m", at: at.addingTimeInterval(60)))
        #expect(machine.incident?.blastRadius == Self.radius)
        let data = try JSONEncoder().encode(machine.state)
        #expect(try JSONDecoder().decode(IncidentStateMachine.State.self, from: data).incident?.blastRadius == Self.radius)
        let old = #"{"open":{"_0":{"id":"i","check":"t.c","table":"t","severity":"HIGH","status":"OPEN","worst":"FAIL","latest":"FAIL","message":"m","failingRuns":1,"openedAt":0,"lastSeenAt":0,"escalations":0,"reopened":0,"alerted":true},"passes":0,"lastAlertAt":0}}"#
        #expect(try JSONDecoder().decode(IncidentStateMachine.State.self, from: Data(old.utf8)).incident?.blastRadius == nil,
                "an incident stored before lineage reads back")
    }

    @Test("text, Slack and email name what is downstream and the reports at risk; PagerDuty's details list them")
    func messages() throws {
        let text = AlertText(table: "transactions", alerts: [Self.alert(radius: Self.radius)])
        let line = "Downstream: 2 downstream (1 regulatory report at risk: basel_capital_report): risk_mart, basel_capital_report"
        #expect(text.plain.contains(line))
        #expect(text.html.contains("basel_capital_report"))
        let slack = String(decoding: try JSONEncoder().encode(SlackMessage(text)), as: UTF8.self)
        #expect(slack.contains("*Downstream:* 2 downstream"))
        #expect(!AlertText(table: "transactions", alerts: [Self.alert(radius: nil)]).plain.contains("Downstream"))
        #expect(!AlertText(table: "transactions", alerts: [Self.alert(radius: BlastRadius(assets: []))]).plain.contains("Downstream"))
        let event = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(PagerDutyEvent(Self.alert(radius: Self.radius), routingKey: "k", source: "s"))) as? [String: Any])
        let details = try #require((event["payload"] as? [String: Any])?["custom_details"] as? [String: String])
        #expect(details["downstream"] == "risk_mart, basel_capital_report")
        #expect(details["regulatory_reports_at_risk"] == "basel_capital_report")
        #expect(details["downstream_owners"] == "risk@bank.example, regulatory@bank.example")
    }
}
