import AssayCore

/// What an incident's table feeds: the downstream datasets at risk, computed from the lineage graph when the
/// incident opens (and again when it reopens), kept on the incident, named in its alerts.
public struct BlastRadius: Sendable, Hashable, Codable {
    /// One downstream dataset.
    public struct Asset: Sendable, Hashable, Codable {
        public var name: String
        public var kind: DatasetKind
        public var depth: Int
        public var owners: [String]
        public var regulatoryReport: Bool

        public init(name: String, kind: DatasetKind, depth: Int, owners: [String], regulatoryReport: Bool) {
            self.name = name
            self.kind = kind
            self.depth = depth
            self.owners = owners
            self.regulatoryReport = regulatoryReport
        }
    }

    /// By depth, then name.
    public var assets: [Asset]

    public init(assets: [Asset]) { self.assets = assets }

    /// The downstream of `table` in `graph`; `nil` when the graph does not know the table.
    public init?(table: String, graph: LineageGraph) {
        guard let impact = try? graph.impact(of: LineageTarget(table: table)) else { return nil }
        assets = impact.downstream.map { Asset(name: $0.name, kind: $0.kind, depth: $0.depth, owners: $0.owners, regulatoryReport: $0.regulatoryReport) }
    }

    /// The regulatory reports at risk.
    public var reports: [Asset] { assets.filter(\.regulatoryReport) }

    /// Every owner of a downstream dataset, each once.
    public var owners: [String] {
        var seen: Set<String> = []
        return assets.flatMap(\.owners).filter { seen.insert($0).inserted }
    }

    /// One line for an alert: `3 downstream (2 regulatory reports: basel_capital_report, regulatory_reports): risk_mart, …`,
    /// at most `limit` names of each.
    public func summary(limit: Int = 8) -> String {
        guard !assets.isEmpty else { return "nothing downstream" }
        func names(_ list: [Asset]) -> String {
            let shown = list.prefix(limit).map(\.name).joined(separator: ", ")
            return list.count > limit ? shown + " and \(list.count - limit) more" : shown
        }
        let reports = self.reports
        let head = "\(assets.count) downstream"
        let risk = reports.isEmpty ? "" : " (\(reports.count) regulatory report\(reports.count == 1 ? "" : "s") at risk: \(names(reports)))"
        return head + risk + ": " + names(assets)
    }
}
