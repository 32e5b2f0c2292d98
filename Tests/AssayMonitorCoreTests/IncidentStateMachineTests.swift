import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Incident state machine")
struct IncidentStateMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func run(_ status: CheckStatus, _ seconds: Double, violations: Int? = 3, badRow: Double? = nil) -> CheckObservation {
        CheckObservation(check: CheckKey("customers.email_unique"), table: "customers", severity: .high, status: status,
                         message: "\(violations ?? 0) rows violate", violations: violations, at: at(seconds),
                         firstBadRowAt: badRow.map(at))
    }

    static func machine(_ policy: IncidentPolicy = IncidentPolicy()) -> IncidentStateMachine {
        let counter = Counter()
        return IncidentStateMachine(policy: policy) { _ in "inc-\(counter.next())" }
    }

    final class Counter: @unchecked Sendable {
        // Tests drive one machine from one task.
        private var value = 0
        func next() -> Int { value += 1; return value }
    }

    @Test("a failure opens one incident; later failures update it; a pass resolves it; detection is timed from the first bad row")
    func lifecycle() throws {
        var m = Self.machine()
        guard case .opened(let opened) = m.observe(Self.run(.fail, 60, badRow: 20)) else { Issue.record("not opened"); return }
        #expect(opened.id == "inc-1" && opened.status == .open && opened.affectedRecords == 3)
        #expect(opened.detectionSeconds == 40)
        guard case .updated(let updated) = m.observe(Self.run(.fail, 120, violations: 7, badRow: 10)) else { Issue.record("not updated"); return }
        #expect(updated.id == "inc-1" && updated.failingRuns == 2 && updated.affectedRecords == 7 && updated.lastSeenAt == Self.at(120))
        #expect(updated.firstBadRowAt == Self.at(10), "the earliest bad row")
        if case .updated(let warned) = m.observe(Self.run(.warn, 150)) {
            #expect(warned.latest == .warn && warned.status == .open, "a WARN neither resolves nor alerts")
        } else { Issue.record("a WARN is noted") }
        guard case .resolved(let resolved) = m.observe(Self.run(.pass, 180)) else { Issue.record("not resolved"); return }
        #expect(resolved.status == .resolved && resolved.resolution == .passed(runs: 1))
        #expect(resolved.resolutionSeconds == 120)
        #expect(m.observe(Self.run(.pass, 240)) == .none)
        // A later failure is a new incident.
        guard case .opened(let second) = m.observe(Self.run(.fail, 3_600)) else { Issue.record("not a new incident"); return }
        #expect(second.id == "inc-2")
    }

    @Test("WARN does not open an incident unless the policy says so; ERROR does")
    func statuses() {
        var m = Self.machine()
        #expect(m.observe(Self.run(.warn, 0)) == .none)
        if case .opened(let incident) = m.observe(Self.run(.error, 60)) { #expect(incident.worst == .error) } else { Issue.record("ERROR opens") }
        var warnings = Self.machine(IncidentPolicy(opensOn: [.warn, .fail]))
        if case .opened = warnings.observe(Self.run(.warn, 0)) {} else { Issue.record("WARN opens when asked") }
    }

    @Test("a flapping check resolves only after N passes in a row, and does not page twice")
    func flapping() {
        var m = Self.machine(IncidentPolicy(resolveAfterPasses: 3))
        var alerts = 0
        for (i, status) in [CheckStatus.fail, .pass, .fail, .pass, .pass, .fail, .pass, .pass, .pass].enumerated() {
            switch m.observe(Self.run(status, Double(i) * 60)) {
            case .opened, .resolved, .reopened: alerts += 1
            default: break
            }
        }
        #expect(alerts == 2, "one open and one resolve")
        #expect(m.incident?.status == .resolved && m.incident?.failingRuns == 3)
    }

    @Test("acknowledge stops escalation; escalation repeats per span; a reminder repeats after its span")
    func escalation() {
        var m = Self.machine(IncidentPolicy(escalateAfterSeconds: 600, repeatAfterSeconds: 3_600))
        _ = m.observe(Self.run(.fail, 0))
        #expect(m.tick(now: Self.at(599)) == .none)
        guard case .escalated(let first) = m.tick(now: Self.at(600)) else { Issue.record("escalates at 10 min"); return }
        #expect(first.escalations == 1)
        #expect(m.tick(now: Self.at(900)) == .none)
        if case .escalated(let second) = m.tick(now: Self.at(1_200)) { #expect(second.escalations == 2) } else { Issue.record("again at 20 min") }
        if case .acknowledged(let acked) = m.acknowledge(by: "ana", at: Self.at(1_300)) {
            #expect(acked.status == .acknowledged && acked.acknowledgedBy == "ana")
        } else { Issue.record("acknowledged") }
        #expect(m.tick(now: Self.at(1_800)) == .none, "no escalation once acknowledged")
        if case .repeated = m.tick(now: Self.at(1_200 + 3_600)) {} else { Issue.record("a reminder an hour after the last alert") }
        if case .rejected = m.acknowledge(by: "bo", at: Self.at(5_000)) {} else { Issue.record("acknowledged twice") }
    }

    @Test("suppressed: no alerts until the end; still failing then, it alerts again; resolution still happens")
    func suppression() {
        var m = Self.machine(IncidentPolicy(escalateAfterSeconds: 60))
        _ = m.observe(Self.run(.fail, 0))
        if case .suppressed(let s) = m.suppress(until: Self.at(1_000), by: "ops", at: Self.at(10)) {
            #expect(s.status == .suppressed && s.suppressedUntil == Self.at(1_000))
        } else { Issue.record("suppressed") }
        #expect(m.tick(now: Self.at(500)) == .none, "no escalation while suppressed")
        if case .updated = m.observe(Self.run(.fail, 600)) {} else { Issue.record("a failure during suppression is recorded, not alerted") }
        if case .reopened(let back) = m.observe(Self.run(.fail, 1_100)) { #expect(back.status == .open) } else { Issue.record("back after it ends") }
        if case .rejected = m.suppress(until: Self.at(50), by: "ops", at: Self.at(1_200)) {} else { Issue.record("an end in the past") }
        _ = m.suppress(until: Self.at(5_000), by: "ops", at: Self.at(1_200))
        if case .resolved = m.observe(Self.run(.pass, 1_300)) {} else { Issue.record("resolves while suppressed") }
    }

    @Test("manual resolve; a failure within the reopen window reopens the same incident, later opens a new one")
    func reopen() {
        var m = Self.machine(IncidentPolicy(reopenWithinSeconds: 300))
        _ = m.observe(Self.run(.fail, 0))
        if case .resolved(let r) = m.resolve(by: "ana", note: "fixed upstream", at: Self.at(60)) {
            #expect(r.resolution == .manual(by: "ana", note: "fixed upstream"))
        } else { Issue.record("resolved") }
        if case .rejected(let why) = m.resolve(by: "ana", at: Self.at(61)) { #expect(why.contains("resolved")) } else { Issue.record("twice") }
        #expect(m.observe(Self.run(.fail, 50)) == .none, "a run that began before the resolution says nothing about the data since")
        if case .reopened(let again) = m.observe(Self.run(.fail, 200)) {
            #expect(again.id == "inc-1" && again.reopened == 1 && again.resolvedAt == nil)
        } else { Issue.record("reopened") }
        _ = m.observe(Self.run(.pass, 260))
        if case .opened(let fresh) = m.observe(Self.run(.fail, 1_000)) { #expect(fresh.id == "inc-2") } else { Issue.record("new after the window") }
        var clear = Self.machine()
        if case .rejected(let why) = clear.acknowledge(by: "x", at: Self.t0) { #expect(why.contains("no incident")) } else { Issue.record("nothing to ack") }
    }

    @Test("the seed's alert threshold: open and stored from the first failure, alerted at the Nth; never alerted, never 'resolved'")
    func alertThreshold() {
        var m = Self.machine(IncidentPolicy(escalateAfterSeconds: 60, alertAfterFailingRuns: 3))
        if case .updated(let quiet) = m.observe(Self.run(.fail, 0)) { #expect(quiet.status == .open && !quiet.alerted) } else { Issue.record("stored") }
        #expect(m.tick(now: Self.at(120)) == .none, "no escalation before the first alert")
        if case .updated = m.observe(Self.run(.fail, 60)) {} else { Issue.record("second run: still quiet") }
        if case .opened(let loud) = m.observe(Self.run(.fail, 120)) { #expect(loud.alerted && loud.failingRuns == 3) } else { Issue.record("third run alerts") }
        if case .resolved = m.observe(Self.run(.pass, 180)) {} else { Issue.record("resolved is told") }
        var short = Self.machine(IncidentPolicy(alertAfterFailingRuns: 3))
        _ = short.observe(Self.run(.fail, 0))
        if case .updated(let gone) = short.observe(Self.run(.pass, 60)) { #expect(gone.status == .resolved) } else { Issue.record("silent resolve") }
    }

    @Test("the state survives being stored: a machine rebuilt from it goes on the same way")
    func restart() {
        var m = Self.machine(IncidentPolicy(resolveAfterPasses: 2))
        _ = m.observe(Self.run(.fail, 0))
        _ = m.observe(Self.run(.pass, 60))
        var rebuilt = IncidentStateMachine(state: m.state, policy: m.policy) { _ in "unused" }
        if case .resolved(let r) = rebuilt.observe(Self.run(.pass, 120)) { #expect(r.id == "inc-1") } else { Issue.record("second pass resolves") }
    }
}
