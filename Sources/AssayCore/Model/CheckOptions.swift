/// Which rows of a repeated value violate a uniqueness check.
public enum DuplicateCounting: String, Sendable, Hashable, Codable {
    /// Every row after the first of each value (a value seen three times gives two violations).
    case extraRows = "extra"
    /// Every row of a value seen more than once (three violations), as Great Expectations counts.
    case allRows = "all"
}

/// Rows a multi-column check leaves out because values are missing.
public enum MissingValues: String, Sendable, Hashable, Codable, CaseIterable {
    /// Rows where every column is NULL.
    case allMissing = "all_missing"
    /// Rows where any column is NULL.
    case anyMissing = "any_missing"
    /// No row is left out.
    case never
}

/// A statistic of a column's non-null values.
public enum Statistic: String, Sendable, Hashable, Codable, CaseIterable {
    case min, max, mean, median, sum
    /// Sample standard deviation (n − 1).
    case stddev
    /// Number of distinct values.
    case distinctCount = "distinct_count"
    /// Distinct values divided by non-null values.
    case uniqueProportion = "unique_proportion"
}

/// How a column's set of distinct values must relate to an expected set.
public enum SetRelation: String, Sendable, Hashable, Codable {
    /// Every distinct value is in the set.
    case within
    /// Every value of the set occurs.
    case contains
    /// Both.
    case equals

    var kindName: String {
        switch self {
        case .within: "distinct_in_set"
        case .contains: "distinct_contain_set"
        case .equals: "distinct_equal_set"
        }
    }
}

/// A quantile (0...1) and the range its value must lie in.
public struct QuantileRange: Sendable, Hashable {
    public var quantile: Double
    public var range: ValueRange

    public init(quantile: Double, range: ValueRange) {
        self.quantile = quantile
        self.range = range
    }
}
