import Foundation
import Hummingbird
import Synchronization

/// A real webhook receiver on 127.0.0.1 (Hummingbird, in the test process): records every POST's
/// `X-Assay-Event-Id`, the ids of the alerts in its body and the body, then answers what `answer` says.
final class WebhookInbox: Sendable {
    struct Message: Sendable {
        var eventID: String
        var alertIDs: [String]
        var kinds: [String]
        var subject: String
        var body: String
        /// `X-Assay-Signature`, when the webhook is signed.
        var signature: String?
        var at: Date
    }

    private let messages = Mutex<[Message]>([])
    var all: [Message] { messages.withLock { $0 } }
    var count: Int { messages.withLock { $0.count } }

    /// An application whose `POST /hook` records the message, then answers with `answer(n)` (n: 1 for the first post).
    func application(_ answer: @escaping @Sendable (Int) async throws -> HTTPResponse.Status) -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { [self] request, _ in
            let body = try await request.body.collect(upTo: 1 << 22)
            let data = Data(buffer: body)
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let alerts = json?["alerts"] as? [[String: Any]] ?? []
            let message = Message(eventID: request.headers[.init("X-Assay-Event-Id")!] ?? "", alertIDs: alerts.compactMap { $0["id"] as? String },
                                  kinds: alerts.compactMap { $0["kind"] as? String }, subject: json?["subject"] as? String ?? "",
                                  body: String(decoding: data, as: UTF8.self), signature: request.headers[.init("X-Assay-Signature")!],
                                  at: Date())
            let n = messages.withLock { list in
                list.append(message)
                return list.count
            }
            return Response(status: try await answer(n))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}
