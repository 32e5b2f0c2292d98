import AssayCore
import AssayMonitorCore
import AsyncHTTPClient
import Crypto
import Foundation

/// A generic webhook: a JSON body with the alerts, an event-id header receivers drop repeats by, and, with a secret,
/// an HMAC-SHA256 signature of `TIMESTAMP.BODY` so a receiver can check the sender:
/// `X-Assay-Event-Id`, `X-Assay-Timestamp` (seconds since 1970), `X-Assay-Signature: sha256=HEX`.
public struct WebhookNotifier: Notifier {
    public let channel: String
    let url: WebhookURL
    let secret: String?
    let delivery: HTTPDelivery
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - secret: the signing key (from the environment; never printed).
    ///   - timeout: how long one attempt may take.
    public init(channel: String, url: WebhookURL, secret: String?, client: HTTPClient = .alerting, timeout: Duration = .seconds(10),
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.channel = channel
        self.url = url
        self.secret = secret
        delivery = HTTPDelivery(client: client, timeout: timeout, channel: channel)
        self.clock = clock
    }

    public func deliver(_ message: AlertMessage) async -> DeliveryStateMachine.Outcome {
        let body: Data
        do {
            body = try Self.body(message)
        } catch {
            return .permanent(reason: "\(channel): the alert cannot be encoded: \(error)")
        }
        let timestamp = String(Int(clock().timeIntervalSince1970))
        var headers = [("X-Assay-Event-Id", message.eventID), ("X-Assay-Timestamp", timestamp)]
        if let secret { headers.append(("X-Assay-Signature", Self.signature(body: body, timestamp: timestamp, secret: secret))) }
        return await delivery.post(url.url, body: body, headers: headers)
    }

    /// `sha256=` and the hex HMAC-SHA256 of `TIMESTAMP.BODY` under `secret`.
    public static func signature(body: Data, timestamp: String, secret: String) -> String {
        var signed = Data(timestamp.utf8)
        signed.append(UInt8(ascii: "."))
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    struct Body: Encodable {
        var eventID: String
        var table: String
        var subject: String
        var text: String
        var alerts: [AlertEvent]

        enum CodingKeys: String, CodingKey { case eventID = "event_id", table, subject, text, alerts }
    }

    static func body(_ message: AlertMessage) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(InstantText.string(date))
        }
        return try encoder.encode(Body(eventID: message.eventID, table: message.table, subject: message.text.subject,
                                       text: message.text.plain, alerts: message.alerts))
    }
}
