/// The quality dimension a check measures; the scorecard weights results by dimension.
public enum Dimension: String, Sendable, Codable, Hashable, CaseIterable {
    case completeness
    case uniqueness
    case validity
    case consistency
    case volume
    case freshness
    case schema
}
