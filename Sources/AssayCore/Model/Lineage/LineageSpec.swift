/// The suite's `lineage:` section: datasets declared with a kind and an owner, edges between them (with column
/// mappings where known), which tables of the source hold more edges, and OpenLineage event files to read.
///
/// ```yaml
/// lineage:
///   tables: [data_lineage]              # default: data_lineage, when the source has it; [] reads none
///   events: [lineage/events.jsonl]      # OpenLineage RunEvents, one JSON object per line
///   datasets:
///     ccar_stress_test: {kind: report, owner: regulatory-reporting@bank.example}
///     risk_mart: {kind: mart}
///   edges:
///     - from: transactions
///       to: regulatory_reports
///       owner: regulatory-reporting@bank.example
///       transformation: "CTR: cash transactions over $10,000 per day"
///       columns: ["amount -> total_amount", {from: account_id, to: account_id}]
/// ```
public struct LineageSpec: Sendable, Hashable {
    public var datasets: [LineageDatasetSpec]
    public var edges: [LineageEdgeSpec]
    /// Tables of the source whose rows are edges (`source_table`, `target_table`, `transformation`, `owner`);
    /// `nil`: `data_lineage`, when the source has it.
    public var tables: [String]?
    /// OpenLineage JSON-lines files, as written (relative paths are relative to the suite's folder).
    public var events: [String]

    public init(datasets: [LineageDatasetSpec] = [], edges: [LineageEdgeSpec] = [], tables: [String]? = nil, events: [String] = []) {
        self.datasets = datasets
        self.edges = edges
        self.tables = tables
        self.events = events
    }

    /// The table read for edges when the suite names none.
    public static let defaultTable = "data_lineage"
}

/// What a dataset is, for impact analysis: a regulatory report is what a failure puts at risk.
public enum DatasetKind: String, Sendable, Hashable, Codable, CaseIterable {
    case table, mart, report, feed
}

/// A dataset declared in `lineage.datasets`.
public struct LineageDatasetSpec: Sendable, Hashable {
    public var name: String
    public var kind: DatasetKind?
    public var owner: String?
    public var location: SourceLocation?

    public init(name: String, kind: DatasetKind? = nil, owner: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.kind = kind
        self.owner = owner
        self.location = location
    }
}

/// A column of the upstream dataset that feeds a column of the downstream one (`from.col -> to.col`).
public struct ColumnMapping: Sendable, Hashable, Codable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// An edge declared in `lineage.edges`: data flows from `from` to `to`.
public struct LineageEdgeSpec: Sendable, Hashable {
    public var from: String
    public var to: String
    public var columns: [ColumnMapping]
    public var transformation: String?
    public var owner: String?
    public var location: SourceLocation?

    public init(from: String, to: String, columns: [ColumnMapping] = [], transformation: String? = nil, owner: String? = nil,
                location: SourceLocation? = nil) {
        self.from = from
        self.to = to
        self.columns = columns
        self.transformation = transformation
        self.owner = owner
        self.location = location
    }
}
