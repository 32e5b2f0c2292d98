import Assay
import AssayAlerting
import AssayMonitor
import AssayMonitorCore
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The outbox dispatcher over a real store and a real HTTP receiver: a failing receiver is retried until it takes
/// the alert (once per event id), a channel without a notifier fails visibly, a delivery a crash left `sending` is
/// resent, and one table's due alerts go out as one message.
@Suite("The alert outbox's dispatcher")
struct OutboxDispatcherTests {
    /// Answers 500 to the first `failures` requests, then 200; keeps what arrived.
    final class Flaky: Sendable {
        private let state = Mutex<(failures: Int, received: [(String, Data)])>((0, []))
        init(failures: Int) { state.withLock { $0.failures = failures } }
        func take(_ eventID: String, _ body: Data) -> HTTPResponse.Status {
            state.withLock { s in
                s.received.append((eventID, body))
                if s.failures > 0 { s.failures -= 1; return .internalServerError }
                return .ok
            }
        }
        var received: [(String, Data)] { state.withLock { $0.received } }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

    static func opened(_ check: String, id: String) -> (IncidentRecord, AlertEvent) {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-" + id }
        let action = machine.observe(CheckObservation(check: CheckKey("customers." + check), table: "customers", severity: .high,
                                                      status: .fail, message: "bad rows", violations: 2, at: t0))
        return (IncidentRecord(suite: "shop", check: CheckKey("customers." + check), state: machine.state),
                AlertEvent(action, id: "evt-" + id, at: t0)!)
    }

    @Test("retried until delivered, once per event id; an unknown channel fails visibly; a crash mid-send resends; a table's alerts are one message")
    func dispatch() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let flaky = Flaky(failures: 1)
        let router = Router()
        router.post("hook") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            return Response(status: flaky.take(request.headers[.init("X-Assay-Event-Id")!] ?? "", Data(buffer: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let hook = WebhookNotifier(channel: "hook", url: WebhookURL("http://127.0.0.1:\(try #require(client.port))/hook"), secret: nil)
            let dispatcher = OutboxDispatcher(store: store, notifiers: [hook], policy: DeliveryPolicy(initialBackoffSeconds: 4), random: { 1 })
            let (record, event) = Self.opened("c_email_unique", id: "1")
            try await store.save(record, alerts: ["hook", "sms"].map { QueuedAlert(event: event, channel: $0, route: "default", queuedAt: Self.t0) })

            #expect(try await dispatcher.drain(now: Self.t0) == OutboxDispatcher.Pass(sent: 0, retried: 1, failed: 1))
            #expect(try await dispatcher.drain(now: Self.at(2)) == OutboxDispatcher.Pass(), "backing off")
            #expect(try await dispatcher.drain(now: Self.at(5)) == OutboxDispatcher.Pass(sent: 1, retried: 0, failed: 0))
            #expect(flaky.received.map(\.0) == ["evt-1", "evt-1"], "the retry carries the same event id")
            var summary = try await store.outboxSummary()
            #expect(summary.sent == 1 && summary.failed == 1 && summary.pending == 0)
            #expect(try await dispatcher.drain(now: Self.at(100)) == OutboxDispatcher.Pass(), "sent once")

            // Two alerts of one table due together: one message holding both.
            let (r2, e2) = Self.opened("c_ssn_unique", id: "2")
            let (r3, e3) = Self.opened("c_phone_valid", id: "3")
            try await store.save(r2, alerts: [QueuedAlert(event: e2, channel: "hook", route: "default", queuedAt: Self.at(200))])
            try await store.save(r3, alerts: [QueuedAlert(event: e3, channel: "hook", route: "default", queuedAt: Self.at(201))])
            #expect(try await dispatcher.drain(now: Self.at(202)).sent == 2)
            let last = try #require(flaky.received.last)
            let grouped = try #require(try JSONSerialization.jsonObject(with: last.1) as? [String: Any])
            #expect((grouped["alerts"] as? [Any])?.count == 2 && (grouped["event_id"] as? String)?.hasPrefix("group-") == true)

            // A crash after marking a delivery `sending`: the next pass sends it again.
            let (r4, e4) = Self.opened("c_dob_range", id: "4")
            var crashed = QueuedAlert(event: e4, channel: "hook", route: "default", queuedAt: Self.at(300))
            try await store.save(r4, alerts: [crashed])
            crashed.delivery = .sending(attempt: 1)
            try await store.update(crashed)
            #expect(try await dispatcher.drain(now: Self.at(301)).sent == 1)
            #expect(flaky.received.last?.0 == "evt-4")
            summary = try await store.outboxSummary()
            #expect(summary.sent == 4 && summary.failed == 1 && summary.sending == 0 && summary.oldestUnsent == nil)
        }
    }
}
