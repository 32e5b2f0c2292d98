import AssayCore
import AsyncHTTPClient
import Foundation
import NIOCore

/// POSTs events as JSON to an OpenLineage endpoint (as the OpenLineage HTTP transport does), with an optional bearer
/// key. An attempt that gets no connection, no answer within `timeout`, 408, 429 or a 5xx is tried again, up to
/// `attempts` times with a growing pause; any other 4xx is reported at once. Messages name the endpoint without its
/// user information or query, and never the key.
public struct HTTPTransport: Sendable {
    public var url: String
    var apiKey: Secret?
    public var timeout: Duration
    public var attempts: Int
    /// The pause before the second attempt; doubled before each later one.
    public var backoff: Duration
    let client: HTTPClient

    public init(url: String, apiKey: Secret?, timeout: Duration = .seconds(5), attempts: Int = 3, backoff: Duration = .milliseconds(250),
                client: HTTPClient = .openLineage) {
        self.url = url
        self.apiKey = apiKey
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.client = client
    }

    /// - Throws: ``OpenLineageError``: `rejected` for a 4xx, `unavailable` when every attempt failed.
    public func post(_ body: Data) async throws(OpenLineageError) {
        let endpoint = OpenLineageSettings.shown(url)
        var pause = backoff
        var last = ""
        for attempt in 1...attempts {
            if attempt > 1 {
                do { try await Task.sleep(for: pause) } catch { break }
                pause *= 2
            }
            switch await once(body) {
            case .delivered: return
            case .permanent(let reason): throw OpenLineageError(.rejected, "the OpenLineage endpoint \(endpoint) refused the event: \(reason)")
            case .retryable(let reason): last = reason
            }
        }
        throw OpenLineageError(.unavailable, "the OpenLineage endpoint \(endpoint) did not take the event after \(attempts) attempts: \(last)")
    }

    private enum Outcome { case delivered, retryable(String), permanent(String) }

    private func once(_ body: Data) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Assay/\(AssayVersion.current)")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let (seconds, attoseconds) = timeout.components
        let limit = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(request, timeout: limit)
            let status = Int(response.status.code)
            let text = (try? await response.body.collect(upTo: 2_048)).map { String(buffer: $0) } ?? ""
            let reason = "HTTP \(status)" + (text.isEmpty ? "" : ": " + String(text.prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines))
            switch status {
            case 200..<300: return .delivered
            case 408, 429, 500...599: return .retryable(reason)
            default: return .permanent(reason)
            }
        } catch {
            return .retryable(Self.describe(error, timeout: timeout))
        }
    }

    /// A failed request in plain words, without the URL it may carry.
    static func describe(_ error: any Error, timeout: Duration) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return "no answer within \(timeout.components.seconds) s"
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return "the request failed (\(type(of: error)))"
    }
}

extension HTTPClient {
    /// The client OpenLineage events go out on: a connection that cannot be made fails the attempt at once (the
    /// transport retries with its own pauses) rather than being retried inside it until the deadline.
    public static let openLineage: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
