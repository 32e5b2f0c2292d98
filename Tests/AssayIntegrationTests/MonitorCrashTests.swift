import Assay
import AssayAlerting
import AssayMonitor
import AssayMonitorCore
import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// `assay monitor` killed with SIGKILL twenty times at seeded random moments while a driver keeps breaking and
/// fixing rows in its source, restarted each time on the same SQLite store, with a real webhook receiver. At the
/// end no alert is lost (every stored alert is `sent` and was received), none is invented, a repeat carries the
/// same event id, at most one incident per check is unresolved, and every incident the API showed is still stored.
@Suite("assay monitor killed twenty times", .serialized)
struct MonitorCrashTests {
    @Test("kill -9 twenty times: 0 alerts lost, none invented, repeats under the same event id, incidents intact")
    func twentyKills() async throws {
        let seed = ProcessInfo.processInfo.environment["ASSAY_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("MonitorCrashTests: seed \(seed) (ASSAY_CRASH_SEED=\(seed) repeats this run)")
        var random = SeededRandom(seed: seed)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write("""
            CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT);
            INSERT INTO customers VALUES (1, 'a@x.example'), (2, 'b@x.example');
            CREATE TABLE orders(order_id INTEGER PRIMARY KEY, amount REAL);
            INSERT INTO orders VALUES (1, 10), (2, 20);
            """, at: dir.file("shop.db"))
        try """
            name: shop
            source: sqlite:shop.db
            monitor:
              reopen_within: 2s
            tables:
              customers:
                checks:
                  - unique: email
                    id: email_unique
                    severity: critical
              orders:
                checks:
                  - not_null: amount
                    id: amount_present
                    severity: high
            """.write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)

        // Every random choice comes from the seed: the driver's own generator, and the moment of each kill.
        let driverSeed = random.next()
        let waits = (1...20).map { _ in 200 + Int(random.next() % 1_800) }
        let inbox = WebhookInbox()
        let app = inbox.application { _ in
            try await Task.sleep(for: .milliseconds(150))  // a receiver that takes a moment widens the window a kill lands in
            return .ok
        }
        try await app.test(.live) { client in
            let hook = "http://127.0.0.1:\(try #require(client.port))/hook"
            let arguments = ["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0", "--webhook", hook]

            // The driver: every 300-700 ms one of the two tables is broken or fixed, from its own seeded generator.
            let driver = Task {
                var rng = SeededRandom(seed: driverSeed)
                var broken = (customers: false, orders: false)
                while !Task.isCancelled {
                    if rng.next() % 2 == 0 {
                        broken.customers.toggle()
                        try TestDatabase.write("UPDATE customers SET email = '\(broken.customers ? "a" : "b")@x.example' WHERE customer_id = 2",
                                               at: dir.file("shop.db"))
                    } else {
                        broken.orders.toggle()
                        try TestDatabase.write("UPDATE orders SET amount = \(broken.orders ? "NULL" : "20") WHERE order_id = 2", at: dir.file("shop.db"))
                    }
                    try await Task.sleep(for: .milliseconds(300 + Int(rng.next() % 400)))
                }
            }

            var shown: [String: String] = [:]  // incident id -> status, as the API showed them before a kill
            var kills = 0
            for round in 1...20 {
                let monitor = try MonitorProcess(arguments, name: "monitor-\(round)", folder: dir.path)
                let base = try await monitor.started()
                try await Task.sleep(for: .milliseconds(waits[round - 1]))
                let (status, body) = try await MonitorProcess.get(base.appendingPathComponent("api/v1/incidents").absoluteString + "?last=1000")
                #expect(status == 200, "round \(round): \(body.prefix(300))")
                for incident in try MonitorProcess.incidents(body) { shown[incident.id] = incident.status }
                #expect(monitor.kill9(), "round \(round): the monitor had already ended: \(monitor.stderr.suffix(2_000))")
                kills += 1
            }
            driver.cancel()
            _ = await driver.result

            // The last start: a graceful run that drains the outbox, then SIGTERM.
            let last = try MonitorProcess(arguments, name: "monitor-last", folder: dir.path)
            _ = try await last.started()
            let store = try SQLiteStore(path: dir.file("assay.db"))
            try await waitFor("the outbox to drain", timeout: 30) {
                let summary = try await store.outboxSummary()
                return summary.pending == 0 && summary.sending == 0
            }
            try await Task.sleep(for: .milliseconds(1_500))  // a run or two more, and their alerts
            try await waitFor("the outbox to drain after the last runs", timeout: 30) {
                let summary = try await store.outboxSummary()
                return summary.pending == 0 && summary.sending == 0
            }
            #expect(await last.stop(timeout: 15), "stops on SIGTERM: \(last.stderr.suffix(2_000))")
            #expect(last.status == 0, "\(last.stderr.suffix(2_000))")

            let deliveries = try await store.deliveries(incident: nil, status: nil, last: 1_000_000)
            let stored = Set(deliveries.map(\.event.id))
            let messages = inbox.all
            var receivedCount: [String: Int] = [:]
            var headersOf: [String: Set<String>] = [:]
            for message in messages {
                for id in message.alertIDs {
                    receivedCount[id, default: 0] += 1
                    headersOf[id, default: []].insert(message.eventID)
                }
            }
            let received = Set(receivedCount.keys)
            let duplicates = receivedCount.values.reduce(0) { $0 + max(0, $1 - 1) }
            print("""
                MonitorCrashTests: seed \(seed): \(kills) kills, \(stored.count) alerts queued in the store, \(messages.count) webhook \
                posts received carrying \(received.count) distinct alerts, \(duplicates) duplicate deliveries \
                (\(receivedCount.filter { $0.value > 1 }.count) alerts received more than once), lost \(stored.subtracting(received).count), \
                invented \(received.subtracting(stored).count), \(shown.count) incidents seen on the API
                """)

            #expect(kills == 20)
            #expect(stored.count >= 10, "the driver kept alerts coming: \(stored.count)")
            let unsent = deliveries.filter { $0.status != .sent }
            #expect(unsent.isEmpty, "every stored alert is sent: \(unsent.map { "\($0.event.id) \($0.delivery)" })")
            #expect(stored.subtracting(received).isEmpty, "alerts stored but never received: \(stored.subtracting(received).sorted())")
            #expect(received.subtracting(stored).isEmpty, "alerts received that the store never held: \(received.subtracting(stored).sorted())")
            // A repeat is the same message again: the alert under the same event id, so a receiver drops it.
            for (id, headers) in headersOf where headers.count > 1 {
                Issue.record("alert \(id) arrived under different event ids \(headers.sorted()): a receiver deduping by X-Assay-Event-Id shows it twice")
            }
            for message in messages where message.alertIDs.count == 1 {
                #expect(message.eventID == message.alertIDs[0], "a single alert's message carries its id: \(message.eventID)")
            }
            let sameID = Dictionary(grouping: messages, by: \.eventID)
            for (id, copies) in sameID where Set(copies.map { $0.alertIDs.sorted() }).count > 1 {
                Issue.record("event id \(id) was sent with different alerts: \(copies.map(\.alertIDs))")
            }

            let incidents = try await store.incidents(status: nil, last: 1_000_000)
            let unresolved = Dictionary(grouping: incidents.filter { $0.status != .resolved }, by: \.check)
            for (check, open) in unresolved where open.count > 1 {
                Issue.record("check \(check) has \(open.count) unresolved incidents: \(open.map(\.id))")
            }
            let ids = Set(incidents.map(\.id))
            #expect(Set(shown.keys).subtracting(ids).isEmpty, "incidents the API showed are gone: \(Set(shown.keys).subtracting(ids).sorted())")
            #expect(incidents.count >= 2, "\(incidents.map(\.id))")
            let integrity = try await DatabaseQueue(path: dir.file("assay.db")).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == "ok")
        }
    }
}

extension MonitorCrashTests {
    /// Two alerts of one table went out as one message (`group-...`) and a crash left both `sending`; by the restart a
    /// third alert of that table is due. The resend must be the same message under the same event id (so a receiver
    /// drops it), with the new alert in a message of its own; and the group's outcome is stored for all of it at
    /// once, so a crash cannot leave part of a delivered group to be resent under another id.
    @Test("a group a crash left sending is resent as the same message under the same event id; a newly due alert goes on its own, after it")
    func crashedGroupResentAsItWas() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let inbox = WebhookInbox()
        let app = inbox.application { _ in .ok }
        try await app.test(.live) { client in
            let hook = WebhookNotifier(channel: "hook", url: WebhookURL("http://127.0.0.1:\(try #require(client.port))/hook"), secret: nil)
            let dispatcher = OutboxDispatcher(store: store, notifiers: [hook], random: { 0.5 })
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            func queue(_ check: String, at seconds: Double) async throws -> QueuedAlert {
                var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-" + check }
                let at = t0.addingTimeInterval(seconds)
                let action = machine.observe(CheckObservation(check: CheckKey("customers." + check), table: "customers", severity: .high,
                                                              status: .fail, message: "bad rows", violations: 1, at: at))
                let alert = QueuedAlert(event: try #require(AlertEvent(action, id: "evt-" + check, at: at)), channel: "hook", route: "default",
                                        queuedAt: at)
                try await store.save(IncidentRecord(suite: "shop", check: CheckKey("customers." + check), state: machine.state), alerts: [alert])
                return alert
            }
            // The crashed group: both were marked sending together, sent, and the process died before marking them sent.
            var a = try await queue("a", at: 0), b = try await queue("b", at: 1)
            let crashedID = AlertMessage(table: "customers", alerts: [a.event, b.event]).eventID
            a.delivery = .sending(attempt: 1)
            b.delivery = .sending(attempt: 1)
            try await store.update(a)
            try await store.update(b)
            _ = try await queue("c", at: 2)

            // The crashed message goes first, alone; the alert that fell due beside it waits for the next pass, so two
            // messages of one table are never `sending` at once (a crash then could not merge them into a third).
            let pass = try await dispatcher.drain(now: t0.addingTimeInterval(3))
            #expect(pass.sent == 2)
            #expect(inbox.all.map { $0.alertIDs.sorted() } == [["evt-a", "evt-b"]], "\(inbox.all.map(\.alertIDs))")
            #expect(try await store.deliveries(incident: nil, status: .pending, last: 10).map(\.event.id) == ["evt-c"])
            let next = try await dispatcher.drain(now: t0.addingTimeInterval(4))
            #expect(next.sent == 1)
            let messages = inbox.all
            #expect(messages.map { $0.alertIDs.sorted() }.sorted { $0.count > $1.count } == [["evt-a", "evt-b"], ["evt-c"]],
                    "\(messages.map(\.alertIDs))")
            #expect(messages.contains { $0.eventID == crashedID }, "the resend carries the crashed message's event id \(crashedID): \(messages.map(\.eventID))")
            #expect(try await store.outboxSummary().sent == 3)
        }
    }
}

/// Polls `condition` every 100 ms until it holds, recording an issue after `timeout` seconds.
func waitFor(_ what: String, timeout: Double = 30, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !(try await condition()) {
        guard Date() < deadline else {
            Issue.record("timed out after \(timeout) s waiting for \(what)")
            return
        }
        try await Task.sleep(for: .milliseconds(100))
    }
}

/// SplitMix64: a small seeded generator, so a failing run can be repeated with its printed seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `assay monitor` as a ``ServerProcess`` that knows when the monitor listens and is SIGKILLed when it goes (as a crash
/// would end it); `shell` runs it through `/bin/sh -c SHELL` with the command as `"$@"` (for a `ulimit`).
final class MonitorProcess: Sendable {
    let server: ServerProcess

    /// - Parameter logs: where `NAME.out` and `NAME.err` go (default: `folder`).
    init(_ arguments: [String], name: String, folder: String, logs: String? = nil, environment: [String: String] = [:], shell: String? = nil) throws {
        if let shell {
            server = try ServerProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", shell, "sh", AssayProcess.executable.path] + arguments,
                                       name: name, folder: folder, logs: logs, environment: environment)
        } else {
            server = try ServerProcess(AssayProcess.executable, arguments, name: name, folder: folder, logs: logs, environment: environment)
        }
    }

    var stdout: String { server.stdout }
    var stderr: String { server.stderr }
    var isRunning: Bool { server.isRunning }
    var status: Int32 { server.status }

    /// The dashboard's base URL once the monitor says where it listens.
    /// - Throws: when it ends or says nothing within `timeout` seconds.
    func started(timeout: Double = 30) async throws -> URL {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let range = stdout.range(of: #"dashboard http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                return URL(string: String(stdout[range].dropFirst("dashboard ".count)))!
            }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        _ = kill9()
        throw MonitorProcessError(message: "the monitor did not start (status \(status)): \(stderr.suffix(2_000))")
    }

    /// SIGKILL and wait; false when it had already ended.
    @discardableResult
    func kill9() -> Bool { server.kill9() }

    /// SIGTERM, waiting up to `timeout` seconds, then SIGKILL; whether it ended on SIGTERM.
    @discardableResult
    func stop(timeout: Double = 10) async -> Bool { await server.stop(timeout: timeout) }

    deinit { server.kill9() }

    struct MonitorProcessError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(for: URLRequest(url: URL(string: url)!, timeoutInterval: 10))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The `id` and `status` of each incident in a `GET /api/v1/incidents` answer.
    static func incidents(_ body: String) throws -> [(id: String, status: String)] {
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return (json?["incidents"] as? [[String: Any]] ?? []).compactMap { item in
            guard let id = item["id"] as? String else { return nil }
            return (id, item["status"] as? String ?? "")
        }
    }
}
