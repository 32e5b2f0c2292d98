import AssayCore
import Foundation

/// Where a suite's events go and under which namespace, resolved from the suite's `openlineage:` section, the
/// command line's `--openlineage URL|PATH` and the standard client variables; pure.
///
/// The command line, else `OPENLINEAGE_URL`, replaces the suite's `url` and `file`. `OPENLINEAGE_NAMESPACE` and
/// `OPENLINEAGE_API_KEY` win over the suite's `namespace` and `api_key`. `OPENLINEAGE_DISABLED=true` turns emission
/// off. With no destination at all, emission is off.
public struct OpenLineageSettings: Sendable, Hashable {
    public enum Destination: Sendable, Hashable, CustomStringConvertible {
        /// POST each event to this URL (the endpoint itself, `/api/v1/lineage` already added), with a bearer key.
        case http(url: String, apiKey: Secret?)
        /// Append each event to this JSON-lines file.
        case file(String)

        /// The URL without user information or query, or the path: never a secret.
        public var description: String {
            switch self {
            case .http(let url, _): OpenLineageSettings.shown(url)
            case .file(let path): path
            }
        }
    }

    public var destinations: [Destination]
    public var namespace: String
    /// How long one HTTP attempt may take.
    public var timeout: Duration

    public static let defaultNamespace = "assay"
    /// The path the OpenLineage HTTP transport posts to when the URL names none.
    public static let defaultEndpoint = "/api/v1/lineage"

    /// The settings for `spec`, or `nil` when emission is off.
    /// - Parameter target: `--openlineage`: an `http(s)://` URL, or a file path.
    /// - Throws: ``OpenLineageError`` for a target or variable that is not usable (never quoting a secret).
    public static func resolve(_ spec: OpenLineageSpec?, target: String?, environment: [String: String]) throws(OpenLineageError) -> OpenLineageSettings? {
        if ["true", "1", "yes"].contains(environment["OPENLINEAGE_DISABLED"]?.lowercased() ?? "") { return nil }
        let variable = environment["OPENLINEAGE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let key = environment["OPENLINEAGE_API_KEY"].flatMap { $0.isEmpty ? nil : Secret($0) } ?? spec?.apiKey
        var destinations: [Destination] = []
        if let target {
            destinations = [try destination(target, what: "--openlineage", apiKey: key)]
        } else if let variable {
            guard isHTTP(variable) else { throw OpenLineageError("OPENLINEAGE_URL must be an http(s):// URL") }
            destinations = [try destination(variable, what: "OPENLINEAGE_URL", apiKey: key)]
        } else {
            if let url = spec?.url { destinations.append(try destination(url, what: "openlineage.url", apiKey: key)) }
            if let file = spec?.file { destinations.append(.file(file)) }
        }
        guard !destinations.isEmpty else { return nil }
        let namespace = environment["OPENLINEAGE_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? spec?.namespace ?? defaultNamespace
        let seconds = spec?.timeout?.seconds ?? 5
        return OpenLineageSettings(destinations: destinations, namespace: namespace, timeout: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    /// An `http(s)://` URL becomes an HTTP destination (with `/api/v1/lineage` when it has no path), anything else a file.
    static func destination(_ text: String, what: String, apiKey: Secret?) throws(OpenLineageError) -> Destination {
        guard isHTTP(text) else {
            if text.contains("://") { throw OpenLineageError("\(what) is an http(s):// URL or a file path, not \(shown(text))") }
            guard !text.isEmpty else { throw OpenLineageError("\(what) is empty") }
            return .file(text)
        }
        guard var url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw OpenLineageError("\(what) is not a valid URL: \(shown(text))")
        }
        guard url.password == nil else { throw OpenLineageError("\(what) holds a password; give the key in OPENLINEAGE_API_KEY instead") }
        if url.path.isEmpty || url.path == "/" { url.path = defaultEndpoint }
        return .http(url: url.string ?? text, apiKey: apiKey)
    }

    static func isHTTP(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// A URL as messages may show it: scheme, host, port and path; no user information, query or fragment.
    static func shown(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.host != nil else { return SourceURL.redacted(text) }
        url.user = nil
        url.password = nil
        url.query = nil
        url.fragment = nil
        return url.string ?? SourceURL.redacted(text)
    }
}

/// Why events could not be emitted, or a setting cannot be used; the message never quotes a key or password.
public struct OpenLineageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    init(_ message: String) { self.init(.invalidSetting, message) }

    public var description: String { message }

    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        /// A URL, path or variable that cannot be used.
        public static let invalidSetting = Code("invalidSetting")
        /// The JSON-lines file cannot be opened or written.
        public static let file = Code("file")
        /// The endpoint answered with a status that retrying does not change (a 4xx other than 408 and 429).
        public static let rejected = Code("rejected")
        /// The endpoint did not take the event after every attempt (no connection, no answer in time, 408, 429, 5xx).
        public static let unavailable = Code("unavailable")
        /// The event could not be encoded.
        public static let encoding = Code("encoding")
        public var description: String { rawValue }
    }
}
