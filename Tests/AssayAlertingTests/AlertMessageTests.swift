import AssayAlerting
import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Alert messages: the event id receivers drop repeats by")
struct AlertMessageTests {
    static func alert(_ id: String) -> AlertEvent {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-" + id }
        let opened = machine.observe(CheckObservation(check: CheckKey("t.c_\(id)"), table: "t", severity: .high, status: .fail,
                                                      message: "bad", violations: 1, at: Date(timeIntervalSince1970: 1_800_000_000)))
        return AlertEvent(opened, id: "evt-" + id, at: Date(timeIntervalSince1970: 1_800_000_000))!
    }

    @Test("one alert keeps its id; a group's id is the same whatever the order, and differs for other alerts")
    func eventID() {
        #expect(AlertMessage(table: "t", alerts: [Self.alert("a")]).eventID == "evt-a")
        let ab = AlertMessage(table: "t", alerts: [Self.alert("a"), Self.alert("b")]).eventID
        #expect(ab.hasPrefix("group-"))
        #expect(ab == AlertMessage(table: "t", alerts: [Self.alert("b"), Self.alert("a")]).eventID)
        #expect(ab != AlertMessage(table: "t", alerts: [Self.alert("a"), Self.alert("c")]).eventID)
    }
}
