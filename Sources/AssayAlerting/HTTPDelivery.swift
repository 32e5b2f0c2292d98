import AssayMonitorCore
import AsyncHTTPClient
import Foundation
import NIOCore

/// One HTTP POST of an alert, with its outcome classified for retrying: 2xx delivered; 408, 429 (with its
/// `Retry-After`), 5xx, a timeout or a connection that fails are worth retrying; any other status is permanent. The
/// URL never appears in an outcome (a webhook's path is its secret).
package struct HTTPDelivery: Sendable {
    let client: HTTPClient
    let timeout: TimeAmount
    /// The channel's name, for the reasons.
    let channel: String

    init(client: HTTPClient, timeout: Duration, channel: String) {
        self.client = client
        let (seconds, attoseconds) = timeout.components
        self.timeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        self.channel = channel
    }

    func post(_ url: String, body: Data, headers: [(String, String)]) async -> DeliveryStateMachine.Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "Assay")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            let status = Int(response.status.code)
            let text = (try? await response.body.collect(upTo: 2_048)).map { String(buffer: $0) } ?? ""
            let reason = "\(channel): HTTP \(status)" + (text.isEmpty ? "" : ": " + String(text.prefix(200)))
            switch status {
            case 200..<300: return .delivered
            case 408, 429, 500...599:
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(Double.init)
                return .retryable(reason: reason, retryAfterSeconds: retryAfter)
            default: return .permanent(reason: reason)
            }
        } catch {
            return .retryable(reason: "\(channel): \(Self.describe(error, timeout: "\(timeout.nanoseconds / 1_000_000_000) s"))", retryAfterSeconds: nil)
        }
    }

    /// A failed request's words, without the URL it may carry.
    /// - Parameter timeout: the request's time limit, as said when it ran out.
    package static func describe(_ error: any Error, timeout: String) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return "no answer within \(timeout)"
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return "the request failed (\(type(of: error)))"
    }
}

extension HTTPClient {
    /// The client alerts (and the CLI's commands to the monitor) go out on. A connection that cannot be made fails
    /// the attempt at once instead of being retried inside it until the request's deadline: the outbox retries with
    /// its own backoff, and a person is told at once that the monitor is not there.
    public static let alerting: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
