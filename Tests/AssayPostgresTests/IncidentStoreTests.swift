import Assay
import AssayMonitorCore
import AssayTestSupport
import Foundation
import Testing

/// The monitor's incidents and alert outbox in the store, on both backends: an incident's change and its alerts in one
/// transaction, machines rebuilt from what was stored, deliveries that survive a crash.
@Suite("Incidents and the alert outbox in the store")
struct IncidentStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }
    static let key = CheckKey("customers.c_email_unique")

    static func observation(_ status: CheckStatus, _ seconds: Double) -> CheckObservation {
        CheckObservation(check: key, table: "customers", severity: .high, status: status, message: "5 rows violate",
                         violations: 5, at: at(seconds))
    }

    static func alerts(for action: IncidentStateMachine.Action, at seconds: Double) -> [QueuedAlert] {
        guard let event = AlertEvent(action, id: "evt-\(Int(seconds))", at: at(seconds)) else { return [] }
        return ["email", "webhook"].map { QueuedAlert(event: event, channel: $0, route: "default", queuedAt: at(seconds)) }
    }

    /// `body` with the incident store of a fresh store of `backend`.
    static func with(_ backend: StoreBackend, _ body: @escaping (any IncidentStore) async throws -> Void) async throws {
        let fresh = try FreshStore(backend)
        do {
            try await withStore(fresh.url) { store in try await body(try #require(store as? any IncidentStore)) }
        } catch {
            await fresh.remove()
            throw error
        }
        await fresh.remove()
    }

    @Test("an opened incident and its alerts are stored together; a rebuilt machine resolves it; deliveries move on",
          arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        try await Self.with(backend) { store in try await Self.roundTrip(store) }
    }

    static func roundTrip(_ store: any IncidentStore) async throws {
        var machine = IncidentStateMachine(policy: IncidentPolicy(resolveAfterPasses: 2)) { _ in "inc-1" }
        let opened = machine.observe(Self.observation(.fail, 0))
        try await store.save(IncidentRecord(suite: "shop", check: Self.key, state: machine.state), alerts: Self.alerts(for: opened, at: 0))
        // Saving the same change again (a retried transaction) queues nothing twice.
        try await store.save(IncidentRecord(suite: "shop", check: Self.key, state: machine.state), alerts: Self.alerts(for: opened, at: 0))
        var summary = try await store.outboxSummary()
        #expect(summary.pending == 2 && summary.oldestUnsent == Self.t0)

        // A restart: the machine comes back from the store and goes on.
        let states = try await store.incidentStates(suite: "shop")
        #expect(states.count == 1 && states[0].state == machine.state)
        var rebuilt = IncidentStateMachine(state: states[0].state, policy: machine.policy) { _ in "unused" }
        let first = rebuilt.observe(Self.observation(.pass, 60))
        try await store.save(IncidentRecord(suite: "shop", check: Self.key, state: rebuilt.state), alerts: Self.alerts(for: first, at: 60))
        let resolved = rebuilt.observe(Self.observation(.pass, 120))
        guard case .resolved = resolved else { Issue.record("two passes resolve"); return }
        try await store.save(IncidentRecord(suite: "shop", check: Self.key, state: rebuilt.state), alerts: Self.alerts(for: resolved, at: 120))
        #expect(try await store.incidents(status: .resolved, last: 10).map(\.id) == ["inc-1"])
        #expect(try await store.incidents(status: .open, last: 10).isEmpty)
        #expect(try await store.incident(id: "inc-1").state == rebuilt.state)
        await #expect(throws: StoreError.self) { try await store.incident(id: "nope") }

        // The dispatcher: the opened alert's two deliveries and the resolved one's two are due, oldest first.
        var due = try await store.dueDeliveries(now: Self.at(200), limit: 10)
        #expect(due.map(\.event.kind) == [.opened, .opened, .resolved, .resolved])
        var delivery = DeliveryStateMachine(queuedAt: due[0].queuedAt, policy: DeliveryPolicy(), state: due[0].delivery)
        #expect(delivery.due(now: Self.at(200)) == .send(attempt: 1))
        due[0].delivery = delivery.state
        try await store.update(due[0])
        // A crash here: the delivery left `sending` is due again whatever the time, and is resent.
        let afterCrash = try await store.dueDeliveries(now: Self.at(-1), limit: 10)
        #expect(afterCrash.map(\.channel) == ["email"] && afterCrash[0].delivery == .sending(attempt: 1))
        var recovered = DeliveryStateMachine(queuedAt: afterCrash[0].queuedAt, policy: DeliveryPolicy(), state: afterCrash[0].delivery)
        _ = recovered.recoverAfterCrash(now: Self.at(201))
        #expect(recovered.due(now: Self.at(201)) == .send(attempt: 2))
        _ = recovered.finished(.delivered, now: Self.at(202), random: 0)
        var sent = afterCrash[0]
        sent.delivery = recovered.state
        try await store.update(sent)
        // The webhook's delivery fails for good: kept, and counted.
        var failing = due[1]
        failing.delivery = .failed(reason: "HTTP 400", at: Self.at(203), attempts: 1)
        try await store.update(failing)
        summary = try await store.outboxSummary()
        #expect(summary.sent == 1 && summary.failed == 1 && summary.pending == 2 && summary.sending == 0)
        #expect(try await store.dueDeliveries(now: Self.at(300), limit: 10).map(\.event.kind) == [.resolved, .resolved])

        // The dashboard's reads: an incident's deliveries, the newest first, and the failed ones with their reason.
        let all = try await store.deliveries(incident: "inc-1", status: nil, last: 10)
        #expect(all.map(\.event.kind) == [.resolved, .resolved, .opened, .opened] && all.map(\.channel) == ["email", "webhook", "email", "webhook"])
        #expect(all.map(\.status) == [.pending, .pending, .sent, .failed])
        let failed = try await store.deliveries(incident: nil, status: .failed, last: 10)
        #expect(failed.count == 1 && failed.first?.delivery == .failed(reason: "HTTP 400", at: Self.at(203), attempts: 1))
        #expect(try await store.deliveries(incident: "inc-1", status: .pending, last: 1).map(\.channel) == ["email"])
        #expect(try await store.deliveries(incident: "nope", status: nil, last: 10).isEmpty)
    }

    @Test("each check's latest incident is the one a restart rebuilds", arguments: StoreBackend.allCases)
    func latestPerCheck(_ backend: StoreBackend) async throws {
        try await Self.with(backend) { store in try await Self.latestPerCheck(store) }
    }

    static func latestPerCheck(_ store: any IncidentStore) async throws {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { o in "inc-\(Int(o.at.timeIntervalSince(Self.t0)))" }
        _ = machine.observe(Self.observation(.fail, 0))
        _ = machine.observe(Self.observation(.pass, 60))
        try await store.save(IncidentRecord(suite: "shop", check: Self.key, state: machine.state), alerts: [])
        _ = machine.observe(Self.observation(.fail, 3_600))
        try await store.save(IncidentRecord(suite: "shop", check: Self.key, state: machine.state), alerts: [])
        let states = try await store.incidentStates(suite: "shop")
        #expect(states.count == 1)
        if case .open(let incident, _, _) = states.first?.state { #expect(incident.id == "inc-3600") } else { Issue.record("the open one") }
        #expect(try await store.incidents(status: nil, last: 10).map(\.id) == ["inc-3600", "inc-0"])
        #expect(try await store.incidentStates(suite: "other").isEmpty)
    }
}
