import AssayCore

/// One edge of the lineage graph: data flows from `from` to `to`. Either end may be missing (a `data_lineage` row
/// with a NULL target): such an edge is *dangling*, reported and never followed.
public struct LineageEdge: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String?
    /// Which upstream column feeds which downstream one, where known (empty: table level only).
    public var columns: [ColumnMapping]
    public var transformation: String?
    public var owner: String?
    public var origin: LineageOrigin

    public init(from: String?, to: String?, columns: [ColumnMapping] = [], transformation: String? = nil, owner: String? = nil,
                origin: LineageOrigin) {
        self.from = from.flatMap(Self.clean)
        self.to = to.flatMap(Self.clean)
        self.columns = columns
        self.transformation = transformation
        self.owner = owner.flatMap(Self.clean)
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey { case from, to, columns, transformation, owner, origin }

    /// Both ends always written, a missing one as `null`, so a dangling edge says which end it lacks.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(columns, forKey: .columns)
        try container.encodeIfPresent(transformation, forKey: .transformation)
        try container.encodeIfPresent(owner, forKey: .owner)
        try container.encode(origin, forKey: .origin)
    }

    /// Whether an end is missing.
    public var isDangling: Bool { from == nil || to == nil }

    /// A name without surrounding spaces; an empty one is no name.
    static func clean(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Where an edge came from, so a report can say which declaration to fix.
public struct LineageOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The suite's `lineage.edges` (detail: `file:line:column`).
        case suite
        /// A table of the source such as `data_lineage` (detail: `table#row id`).
        case table
        /// An OpenLineage event (detail: the job, and the file and line or "HTTP").
        case openLineage = "openlineage"
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue) \(detail)" }
}
