import AssayCore

/// Where the pages' links point: anchors within one self-contained report, or the dashboard server's routes
/// (`/`, `/tables/{table}`, `/checks/{check_key}`, `/runs/{run_id}`, each with `?suite=S&days=N`).
public enum LinkStyle: Sendable, Hashable {
    /// `#table-…`, `#check-…`, `#run`: the report's own sections.
    case anchors
    /// The server's routes under `prefix` (`""` for the root), path segments percent-encoded.
    case routes(prefix: String)
}

/// The links of one page, which keep its suite and days.
struct Links {
    var style: LinkStyle
    var suite: String?
    var days: Int

    private var query: String {
        "?" + (suite.map { "suite=" + Escape.queryValue($0) + "&" } ?? "") + "days=\(days)"
    }

    func overview(suite other: String? = nil, days otherDays: Int? = nil) -> String {
        switch style {
        case .anchors: return "#top"
        case .routes(let prefix):
            let links = Links(style: style, suite: other ?? suite, days: otherDays ?? days)
            return prefix + "/" + links.query
        }
    }

    func table(_ name: String) -> String {
        switch style {
        case .anchors: "#" + Self.tableAnchor(name)
        case .routes(let prefix): prefix + "/tables/" + Escape.pathSegment(name) + query
        }
    }

    /// The check's page; in a report, its section among the failing checks (`nil` when it has none there).
    func check(_ key: CheckKey, inReport: Bool = true) -> String? {
        switch style {
        case .anchors: inReport ? "#" + Self.checkAnchor(key) : nil
        case .routes(let prefix): prefix + "/checks/" + Escape.pathSegment(key.rawValue) + query
        }
    }

    func run(_ id: RunID) -> String? {
        switch style {
        case .anchors: nil
        case .routes(let prefix): prefix + "/runs/" + Escape.pathSegment(id.rawValue) + query
        }
    }

    static func tableAnchor(_ name: String) -> String { "table-" + Escape.anchor(name) }
    static func checkAnchor(_ key: CheckKey) -> String { "check-" + Escape.anchor(key.rawValue) }
}
