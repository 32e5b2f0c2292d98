import Assay
import AssayAlerting
import AssayMonitorCore
import AsyncHTTPClient
import Foundation
import NIOCore

/// The running monitor's incident commands, `POST /api/v1/incidents/{id}/ack|resolve|suppress`. The monitor holds the
/// incidents' state machines, so a command goes through it (writing the store directly would race it).
struct MonitorAPIClient {
    /// Why a command did not happen, phrased for a person: names the monitor's address, never the token.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The monitor's address, e.g. `http://127.0.0.1:8080` (a missing `http://` is added).
    let base: URL
    let token: String?

    /// - Throws: ``Failure`` when `address` is not an http(s) URL with a host.
    init(address: String, token: String?) throws(Failure) {
        let text = address.contains("://") ? address : "http://" + address
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw Failure(message: "--monitor '\(SourceURL.redacted(address))' is not a URL like http://127.0.0.1:8080")
        }
        base = url
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Where the monitor is, as errors name it (without any user or password in the URL).
    var shown: String {
        var parts = URLComponents(url: base, resolvingAgainstBaseURL: false)
        parts?.user = nil
        parts?.password = nil
        parts?.query = nil
        return parts?.string ?? base.absoluteString
    }

    /// Sends `verb` (`ack`, `resolve`, `suppress`) for incident `id` with the JSON `fields`; the incident as it now is.
    func send(_ verb: String, id: String, fields: [String: String]) async throws(Failure) -> Incident {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        guard let url = URL(string: root + "/api/v1/incidents/" + Escape.pathSegment(id) + "/" + verb) else {
            throw Failure(message: "no URL for incident \(id) at \(shown)")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Assay")
        if let token { request.headers.add(name: "Authorization", value: "Bearer " + token) }
        request.body = .bytes(ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()))
        let data: Data, status: Int
        do {
            let response = try await HTTPClient.alerting.execute(request, timeout: .seconds(15))
            status = Int(response.status.code)
            data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        } catch {
            throw Failure(message: "cannot reach the monitor at \(shown): \(HTTPDelivery.describe(error, timeout: "15 s")) (is `assay monitor` running there? "
                          + "give --monitor URL or set ASSAY_MONITOR_URL)")
        }
        let said = Self.errorMessage(data)
        switch status {
        case 200:
            guard let incident = Self.incident(data) else { throw Failure(message: "the monitor at \(shown) answered something that is not an incident") }
            return incident
        case 401:
            throw Failure(message: token == nil
                          ? "the monitor at \(shown) needs a token: give --token or set ASSAY_TOKEN"
                          : "the monitor at \(shown) refused the token (401): give the monitor's token with --token or ASSAY_TOKEN")
        case 404: throw Failure(message: "no current incident \(id) at the monitor \(shown)" + (said.map { ": " + $0 } ?? ""))
        case 405:
            throw Failure(message: "the server at \(shown) takes no incident commands: it is `assay serve`, which is read-only; "
                          + "send them to the `assay monitor` that keeps the incidents")
        case 409: throw Failure(message: "not \(Self.past(verb)): " + (said ?? "the command does not apply to incident \(id)"))
        case 400: throw Failure(message: "the monitor refused the command: " + (said ?? "a bad request"))
        default: throw Failure(message: "the monitor at \(shown) answered HTTP \(status)" + (said.map { ": " + $0 } ?? ""))
        }
    }

    private static func past(_ verb: String) -> String {
        switch verb {
        case "ack": "acknowledged"
        case "resolve": "resolved"
        default: "suppressed"
        }
    }

    /// `{"error": {"message": ...}}`'s message.
    private static func errorMessage(_ data: Data) -> String? {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["error"] as? [String: Any])?["message"] as? String
    }

    /// The API's incident JSON (snake_case keys, ISO-8601 instants).
    private static func incident(_ data: Data) -> Incident? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = InstantText.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an instant: \(text)"))
            }
            return date
        }
        return try? decoder.decode(Incident.self, from: data)
    }
}
