/// The incident pages' routes (`/incidents`, `/incidents/{id}`, `/incidents/{id}/{command}`, `/alerts`); only the
/// server draws these pages, so in the report's anchor style they are the same paths without a prefix.
extension Links {
    private var prefix: String {
        if case .routes(let prefix) = style { return prefix }
        return ""
    }

    /// The incidents list, of one status (`open`, `resolved`...) or all.
    func incidents(status: String? = nil) -> String {
        prefix + "/incidents" + (status.map { "?status=" + Escape.queryValue($0.lowercased()) } ?? "")
    }

    func incident(_ id: String) -> String { prefix + "/incidents/" + Escape.pathSegment(id) }

    /// Where a dashboard form posts a command (`ack`, `resolve`, `suppress`).
    func incidentCommand(_ id: String, _ verb: String) -> String { incident(id) + "/" + verb }

    /// The outbox's deliveries, of one state (`failed`, `pending`...) or all.
    func alerts(status: String? = nil) -> String {
        prefix + "/alerts" + (status.map { "?status=" + Escape.queryValue($0) } ?? "")
    }
}
