/// A table's health band, from its quality score.
public enum HealthStatus: String, Sendable, Codable, Hashable {
    case healthy = "HEALTHY"
    case atRisk = "AT_RISK"
    case critical = "CRITICAL"
}

/// One table's quality score: the weighted mean of its checks' points (PASS 100, WARN 70, FAIL 30, ERROR 0).
public struct Scorecard: Sendable, Hashable, Codable {
    public var table: String
    public var score: Double
    public var status: HealthStatus
    public var checks: Int
    public var passed: Int
    public var warned: Int
    public var failed: Int
    public var errors: Int
    /// Score per dimension that has checks.
    public var dimensions: [String: Double]

    private enum CodingKeys: String, CodingKey {
        case table, score, status, checks, passed = "pass", warned = "warn", failed = "fail", errors = "error", dimensions
    }

    /// Scores `results` of one table with `weights`.
    public init(table: String, results: [CheckResult], weights: ScoringWeights) {
        self.table = table
        checks = results.count
        passed = results.count { $0.status == .pass }
        warned = results.count { $0.status == .warn }
        failed = results.count { $0.status == .fail }
        errors = results.count { $0.status == .error }
        var weighted = 0.0, totalWeight = 0.0
        var byDimension: [Dimension: (sum: Double, n: Double)] = [:]
        for result in results {
            let points = weights.points[result.status] ?? 0
            let weight = weights.weight(of: result.dimension)
            weighted += points * weight
            totalWeight += weight
            byDimension[result.dimension, default: (0, 0)].sum += points
            byDimension[result.dimension, default: (0, 0)].n += 1
        }
        score = totalWeight > 0 ? (weighted / totalWeight * 10).rounded() / 10 : 100
        status = score >= weights.healthy ? .healthy : score >= weights.atRisk ? .atRisk : .critical
        dimensions = Dictionary(uniqueKeysWithValues: byDimension.map { ($0.key.rawValue, ($0.value.sum / $0.value.n * 10).rounded() / 10) })
    }
}
