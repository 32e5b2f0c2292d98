import AssayAlerting
import AssayCore
import AssayMonitorCore
import AssayTestSupport
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Alert delivery over HTTP against a real receiver on 127.0.0.1: what arrives (body, event id, a signature that
/// verifies), and how each answer is classified for retrying (500 and 429 retry, 400 is permanent, a slow receiver
/// times out, a closed port is refused) without the webhook's secret URL in any reason.
@Suite("Alert delivery to real HTTP receivers")
struct WebhookDeliveryTests {
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: Data
    }

    /// What the receiver got, in order.
    final class Log: Sendable {
        private let items = Mutex<[Received]>([])
        func append(_ item: Received) { items.withLock { $0.append(item) } }
        var all: [Received] { items.withLock { $0 } }
    }

    static func receiver(_ log: Log) -> Router<BasicRequestContext> {
        let router = Router()
        @Sendable func record(_ request: Request) async throws {
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            log.append(Received(path: request.uri.path, headers: headers, body: Data(buffer: body)))
        }
        router.post("ok/:secret") { request, _ in try await record(request); return Response(status: .ok) }
        router.post("fail") { request, _ in try await record(request); return Response(status: .internalServerError) }
        router.post("busy") { request, _ in
            try await record(request)
            return Response(status: .tooManyRequests, headers: [.retryAfter: "7"])
        }
        router.post("bad") { request, _ in
            try await record(request)
            return Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "invalid_blocks")))
        }
        router.post("slow") { request, _ in
            try await record(request)
            try await Task.sleep(for: .seconds(3))
            return Response(status: .ok)
        }
        return router
    }

    static func message() -> AlertMessage {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-1" }
        let opened = machine.observe(CheckObservation(check: CheckKey("customers.c_email_unique"), table: "customers", severity: .high,
                                                      status: .fail, message: "5 rows violate", violations: 5, at: Date(timeIntervalSince1970: 1_800_000_000)))
        return AlertMessage(table: "customers", alerts: [AlertEvent(opened, id: "evt-1", at: Date(timeIntervalSince1970: 1_800_000_000))!])
    }

    @Test("a signed webhook arrives with its event id; answers are classified; the URL's secret never shows")
    func webhook() async throws {
        let log = Log()
        let app = Application(router: Self.receiver(log), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            func hook(_ path: String, secret: String? = "signing-key", timeout: Duration = .seconds(5)) -> WebhookNotifier {
                WebhookNotifier(channel: "ops-hook", url: WebhookURL(base + path), secret: secret, timeout: timeout, clock: { now })
            }
            let message = Self.message()
            #expect(await hook("/ok/t0ps3cret").deliver(message) == .delivered)
            let received = try #require(log.all.first)
            #expect(received.path == "/ok/t0ps3cret")
            #expect(received.headers["x-assay-event-id"] == "evt-1" && received.headers["x-assay-timestamp"] == "1800000100")
            let expected = WebhookNotifier.signature(body: received.body, timestamp: "1800000100", secret: "signing-key")
            #expect(received.headers["x-assay-signature"] == expected)
            // The receiver's own check, with the key it shares.
            let mac = HMAC<SHA256>.authenticationCode(for: Data("1800000100.".utf8) + received.body, using: SymmetricKey(data: Data("signing-key".utf8)))
            #expect(expected == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
            let body = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
            #expect(body["event_id"] as? String == "evt-1" && body["table"] as? String == "customers")
            #expect((body["text"] as? String)?.contains("Affected Records: 5") == true)

            switch await hook("/fail").deliver(message) {
            case .retryable(let reason, nil): #expect(reason == "ops-hook: HTTP 500")
            default: Issue.record("500 is retried")
            }
            #expect(await hook("/busy").deliver(message) == .retryable(reason: "ops-hook: HTTP 429", retryAfterSeconds: 7))
            #expect(await hook("/bad").deliver(message) == .permanent(reason: "ops-hook: HTTP 400: invalid_blocks"))
            let began = ContinuousClock.now
            if case .retryable(let reason, _) = await hook("/slow", timeout: .seconds(1)).deliver(message) {
                #expect(reason.contains("no answer within 1 s"))
            } else { Issue.record("a slow receiver times out") }
            #expect(ContinuousClock.now - began < .seconds(3), "the attempt does not wait for the slow receiver")
            let unsigned = await hook("/ok/x", secret: nil).deliver(message)
            #expect(unsigned == .delivered && log.all.last?.headers["x-assay-signature"] == nil)
        }
        let closed = try freeLocalPort()
        let refused = await WebhookNotifier(channel: "ops-hook", url: WebhookURL("http://127.0.0.1:\(closed)/t0ps3cret"), secret: nil,
                                            timeout: .seconds(2)).deliver(Self.message())
        if case .retryable(let reason, _) = refused {
            #expect(!reason.contains("t0ps3cret") && reason.hasPrefix("ops-hook: "), "\(reason)")
        } else { Issue.record("a closed port is retried") }
    }

    @Test("Slack and PagerDuty bodies arrive as their APIs expect")
    func slackAndPagerDuty() async throws {
        let log = Log()
        let app = Application(router: Self.receiver(log), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            #expect(await SlackNotifier(url: WebhookURL(base + "/ok/slack")).deliver(Self.message()) == .delivered)
            #expect(await PagerDutyNotifier(routingKey: "R0UT1NG", source: "assay@test", endpoint: base + "/ok/pd").deliver(Self.message()) == .delivered)
            let (slack, pd) = (try #require(log.all.first), try #require(log.all.last))
            let blocks = try #require((try JSONSerialization.jsonObject(with: slack.body) as? [String: Any])?["blocks"] as? [[String: Any]])
            #expect(blocks.first?["type"] as? String == "header")
            let event = try #require(try JSONSerialization.jsonObject(with: pd.body) as? [String: Any])
            #expect(event["dedup_key"] as? String == "inc-1" && event["event_action"] as? String == "trigger" && event["routing_key"] as? String == "R0UT1NG")
        }
    }
}
