/// How check results roll up into a table's quality score (the seed's scheme, configurable).
public struct ScoringWeights: Sendable, Hashable, Codable {
    /// Weight of each dimension; dimensions not listed use `otherWeight`.
    public var weights: [Dimension: Double]
    public var otherWeight: Double
    /// Points for each status.
    public var points: [CheckStatus: Double]
    /// Minimum score for HEALTHY and for AT_RISK; below that a table is CRITICAL.
    public var healthy: Double
    public var atRisk: Double

    public init(weights: [Dimension: Double] = [.completeness: 0.3, .uniqueness: 0.3, .validity: 0.4, .consistency: 0.4],
                otherWeight: Double = 0.2,
                points: [CheckStatus: Double] = [.pass: 100, .warn: 70, .fail: 30, .error: 0],
                healthy: Double = 90, atRisk: Double = 70) {
        self.weights = weights
        self.otherWeight = otherWeight
        self.points = points
        self.healthy = healthy
        self.atRisk = atRisk
    }

    public func weight(of dimension: Dimension) -> Double { weights[dimension] ?? otherWeight }
}
