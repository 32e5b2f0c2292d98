import AssayCore
import Foundation

/// Decodes a suite's `openlineage:` section (docs/openlineage.md):
///
/// ```yaml
/// openlineage:
///   url: http://marquez.bank.example:5000     # POSTs to /api/v1/lineage when the URL names no path
///   file: lineage/events.jsonl                # relative to the suite's folder
///   namespace: financeflow-dq                 # the job's namespace (default assay)
///   api_key: ${OPENLINEAGE_API_KEY}           # a bearer key, never printed
///   timeout: 5s                               # one HTTP attempt
/// ```
///
/// Errors name the place and never quote a URL that may hold credentials, or the key.
enum OpenLineageDecoder {
    static let keys = ["url", "file", "namespace", "api_key", "timeout"]

    static func decode(_ node: ConfigNode) throws(ConfigError) -> OpenLineageSpec {
        var problems = ConfigProblems()
        let map = try node.mapping("openlineage", allowed: keys, problems: &problems)
        let url = problems.attempt { () throws(ConfigError) -> String? in
            guard let n = map["url"] else { return nil }
            let text = try n.string("url")
            let lower = text.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let parts = URLComponents(string: text), parts.host?.isEmpty == false else {
                throw n.fail(.invalidValue, "openlineage url must be an http(s) URL such as http://localhost:5000 (events go to /api/v1/lineage when it names no path)")
            }
            guard parts.password == nil else {
                throw n.fail(.invalidValue, "openlineage url holds a password; write the key as api_key: \"${VARIABLE}\" instead")
            }
            return text
        } ?? nil
        let file = problems.attempt { () throws(ConfigError) -> String? in
            guard let n = map["file"] else { return nil }
            let path = try n.string("file")
            guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw n.fail(.invalidValue, "openlineage file is empty; give a path") }
            guard !path.contains("://") else { throw n.fail(.invalidValue, "openlineage file is a path; an http(s) endpoint goes in url") }
            return path
        } ?? nil
        let namespace = problems.attempt { () throws(ConfigError) -> String? in
            guard let n = map["namespace"] else { return nil }
            let text = try n.string("namespace")
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw n.fail(.invalidValue, "openlineage namespace is empty") }
            return text
        } ?? nil
        let key = problems.attempt { () throws(ConfigError) -> Secret? in
            guard let n = map["api_key"] else { return nil }
            let text = try n.string("api_key")
            guard !text.isEmpty else { throw n.fail(.invalidValue, "openlineage api_key is empty (is its ${VARIABLE} set to nothing?)") }
            return Secret(text)
        } ?? nil
        let timeout = problems.attempt { () throws(ConfigError) -> TimeSpan? in
            guard let n = map["timeout"] else { return nil }
            let span = try CheckDecoder.timeSpan(n)
            guard span.seconds > 0, span.seconds <= 300 else { throw n.fail(.invalidValue, "openlineage timeout must be longer than 0 and at most 5m") }
            return span
        } ?? nil
        try problems.throwIfAny()
        return OpenLineageSpec(url: url, file: file, namespace: namespace, apiKey: key, timeout: timeout, location: node.location)
    }
}
