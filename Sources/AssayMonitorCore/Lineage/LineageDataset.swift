import AssayCore
import Foundation

/// A node of the lineage graph: a table, a mart, a regulatory report or an upstream feed, with its owners.
public struct LineageDataset: Sendable, Hashable, Codable {
    public var name: String
    public var kind: DatasetKind
    /// Whether the kind was declared (the suite's `lineage.datasets`) rather than inferred from the name.
    public var declared: Bool
    /// The declared owner first, then the owners of the edges that load it.
    public var owners: [String]

    public init(name: String, kind: DatasetKind, declared: Bool, owners: [String]) {
        self.name = name
        self.kind = kind
        self.declared = declared
        self.owners = owners
    }

    /// Whether a failure upstream puts it at risk as a regulatory report.
    public var isRegulatoryReport: Bool { kind == .report }

    /// The kind a dataset has when none is declared, from its name (case-insensitive):
    /// a **report** when it is `regulatory_reports` or starts with `regulatory_`, or ends with `_report`, `_reports`,
    /// `_filing` or `_filings`; a **mart** when it ends with `_mart` or starts with `mart_`; a **feed** when it ends
    /// with `_feed`; otherwise a **table**.
    public static func inferredKind(of name: String) -> DatasetKind {
        let n = name.lowercased().split(separator: ".").last.map(String.init) ?? name.lowercased()
        if n.hasPrefix("regulatory_") || ["_report", "_reports", "_filing", "_filings"].contains(where: n.hasSuffix) { return .report }
        if n.hasSuffix("_mart") || n.hasPrefix("mart_") { return .mart }
        if n.hasSuffix("_feed") { return .feed }
        return .table
    }
}
