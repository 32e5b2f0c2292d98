import Foundation

/// How `assay serve` listens and who may read.
public struct ServerConfiguration: Sendable, Hashable {
    /// Where to listen: loopback unless told otherwise.
    public var listen: ListenAddress
    /// When set, every route but `/healthz` needs `Authorization: Bearer TOKEN` (or the cookie set by `?token=`).
    public var token: String?
    /// The days a page or API call covers when it does not say (`days=`).
    public var defaultDays: Int
    /// How long a data trend computed from the source is reused before it is computed again.
    public var trendTTL: Duration

    public init(listen: ListenAddress = .loopback, token: String? = nil, defaultDays: Int = 30, trendTTL: Duration = .seconds(300)) {
        self.listen = listen
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.defaultDays = defaultDays
        self.trendTTL = trendTTL
    }
}

/// A host and port to listen on, written `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// 127.0.0.1:8080.
    public static let loopback = ListenAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// - Throws: ``ServerError`` with code `invalidListenAddress` naming what is wrong.
    public init(parsing text: String) throws(ServerError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let host: Substring, port: Substring
        if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Self.invalid(text) }
            port = rest.dropFirst()
        } else if let colon = trimmed.lastIndex(of: ":"), !trimmed[..<colon].contains(":") {
            host = trimmed[..<colon]
            port = trimmed[trimmed.index(after: colon)...]
        } else {
            throw Self.invalid(text)
        }
        guard let number = Int(port), (0...65_535).contains(number) else { throw Self.invalid(text) }
        self.init(host: host.isEmpty ? "127.0.0.1" : String(host), port: number)
    }

    private static func invalid(_ text: String) -> ServerError {
        ServerError(.invalidListenAddress, "--listen '\(text)' is not HOST:PORT (for example 127.0.0.1:8080, [::1]:8080 or :8080)")
    }

    /// Whether only this machine can connect.
    public var isLoopback: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.") }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
