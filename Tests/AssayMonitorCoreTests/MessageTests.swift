import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Alert messages: text, Slack Block Kit within its limits, PagerDuty events")
struct MessageTests {
    static func alert(_ id: String, kind: AlertEvent.Kind = .opened, table: String = "customers", message: String = "5 of 1000 rows violate",
                      severity: Severity = .high) -> AlertEvent {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-" + id }
        let opened = machine.observe(CheckObservation(check: CheckKey("\(table).c_\(id)"), table: table, severity: severity, status: .fail,
                                                      message: message, violations: 12_345, at: Date(timeIntervalSince1970: 1_800_000_000)))
        var event = AlertEvent(opened, id: "evt-" + id, at: Date(timeIntervalSince1970: 1_800_000_000))!
        event.kind = kind
        return event
    }

    static func json(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    @Test("the text carries the seed's fields")
    func text() {
        let text = AlertText(table: "customers", alerts: [Self.alert("a")], dashboard: "http://127.0.0.1:8080/")
        #expect(text.subject == "[HIGH] customers: data quality incident")
        for part in ["Incident ID: inc-a", "Table: customers", "Severity: HIGH", "Description: 5 of 1000 rows violate",
                     "Affected Records: 12,345", "Detected At: 2027-01-15T08:00:00.000Z", "Dashboard: http://127.0.0.1:8080/"] {
            #expect(text.plain.contains(part), "\(part)")
        }
        #expect(AlertText(table: "t", alerts: [Self.alert("b", kind: .resolved)]).subject == "[HIGH] t: resolved")
    }

    @Test("Slack: long content and many alerts are cut with a note, never past Slack's limits; mrkdwn is escaped")
    func slackLimits() throws {
        let long = String(repeating: "x", count: 5_000)
        let many = (0..<80).map { Self.alert("\($0)", table: String(repeating: "t", count: 200), message: long) }
        let message = SlackMessage(AlertText(table: String(repeating: "t", count: 200), alerts: many))
        #expect(message.blocks.count <= SlackMessage.blockLimit)
        let body = try Self.json(message)
        let blocks = try #require(body["blocks"] as? [[String: Any]])
        let header = try #require((blocks[0]["text"] as? [String: Any])?["text"] as? String)
        #expect(header.count <= SlackMessage.headerLimit && header.contains("more characters"))
        for block in blocks.dropFirst() where block["type"] as? String == "section" {
            let text = try #require((block["text"] as? [String: Any])?["text"] as? String)
            #expect(text.count <= SlackMessage.sectionLimit && text.hasSuffix("more characters)"))
        }
        let context = try #require(blocks.last?["elements"] as? [[String: Any]])
        #expect((context.first?["text"] as? String)?.contains("… and 32 more alerts not shown here") == true)
        #expect((body["text"] as? String)?.count ?? .max <= SlackMessage.textLimit)
        let hostile = SlackMessage(AlertText(table: "t", alerts: [Self.alert("h", message: "<!channel> & <http://x|y>")]))
        let section = try #require(try Self.json(hostile)["blocks"] as? [[String: Any]])[1]
        #expect(((section["text"] as? [String: Any])?["text"] as? String)?.contains("&lt;!channel&gt; &amp; &lt;http://x|y&gt;") == true)
    }

    @Test("PagerDuty: the incident id is the dedup key; open triggers, acknowledge and resolve act on it")
    func pagerDuty() throws {
        let trigger = try Self.json(PagerDutyEvent(Self.alert("p", severity: .critical), routingKey: "R", source: "assay@host"))
        #expect(trigger["event_action"] as? String == "trigger" && trigger["dedup_key"] as? String == "inc-p" && trigger["routing_key"] as? String == "R")
        let payload = try #require(trigger["payload"] as? [String: Any])
        #expect(payload["severity"] as? String == "critical" && payload["component"] as? String == "customers")
        #expect((payload["summary"] as? String)?.hasPrefix("[CRITICAL] customers customers.c_p:") == true)
        let resolve = try Self.json(PagerDutyEvent(Self.alert("p", kind: .resolved), routingKey: "R", source: "s"))
        #expect(resolve["event_action"] as? String == "resolve" && resolve["dedup_key"] as? String == "inc-p" && resolve["payload"] == nil)
        #expect(try Self.json(PagerDutyEvent(Self.alert("p", kind: .acknowledged), routingKey: "R", source: "s"))["event_action"] as? String == "acknowledge")
    }
}
