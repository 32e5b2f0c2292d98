@testable import AssayCore
import Testing

/// A table's score: points per status, weights per dimension, health bands at their boundaries.
@Suite("Scorecard: points, weights and health bands")
struct ScorecardTests {
    typealias F = CoreFixture

    static func score(_ results: [(CheckStatus, Dimension)], weights: ScoringWeights = ScoringWeights()) -> Scorecard {
        Scorecard(table: "t", results: results.map { F.result($0.0, $0.1) }, weights: weights)
    }

    static func repeated(_ status: CheckStatus, _ count: Int, _ dimension: Dimension = .validity) -> [(CheckStatus, Dimension)] {
        Array(repeating: (status, dimension), count: count)
    }

    @Test func theFixtureMakesEachStatus() {
        #expect(CheckStatus.allCases.map { F.result($0, .validity).status } == CheckStatus.allCases)
    }

    @Test func anEmptyTableScoresOneHundred() {
        let card = Self.score([])
        #expect(card.score == 100 && card.status == .healthy && card.checks == 0)
        #expect(card.dimensions.isEmpty)
    }

    @Test("one check scores its status's points", arguments: [
        (CheckStatus.pass, 100.0, HealthStatus.healthy), (.warn, 70, .atRisk), (.fail, 30, .critical), (.error, 0, .critical),
    ])
    func pointsPerStatus(_ status: CheckStatus, _ points: Double, _ health: HealthStatus) {
        let card = Self.score([(status, .completeness)])
        #expect(card.score == points)
        #expect(card.status == health)
        #expect(card.dimensions == ["completeness": points])
    }

    @Test func countsPerStatus() {
        let card = Self.score(Self.repeated(.pass, 3) + Self.repeated(.warn, 2) + Self.repeated(.fail, 1) + Self.repeated(.error, 4))
        #expect(card.checks == 10 && card.passed == 3 && card.warned == 2 && card.failed == 1 && card.errors == 4)
        #expect(card.table == "t")
    }

    @Test("dimensions are weighted: completeness 0.3, validity 0.4, others 0.2")
    func weights() {
        // (100 × 0.3 + 30 × 0.4) / 0.7 = 42 / 0.7 = 60.
        let card = Self.score([(.pass, .completeness), (.fail, .validity)])
        #expect(card.score == 60 && card.status == .critical)
        #expect(card.dimensions == ["completeness": 100, "validity": 30])
        // A dimension without a weight of its own takes 0.2: (30 × 0.2 + 100 × 0.4) / 0.6 = 76.67.
        let other = Self.score([(.fail, .volume), (.pass, .validity)])
        #expect(other.score == 76.7 && other.status == .atRisk)
        // Unweighted, the same two checks would score 65.
        let flat = Self.score([(.fail, .volume), (.pass, .validity)],
                              weights: ScoringWeights(weights: [:], otherWeight: 1))
        #expect(flat.score == 65)
    }

    @Test func dimensionScoresAreTheMeanOfTheirChecks() {
        let card = Self.score([(.pass, .validity), (.fail, .validity), (.error, .completeness), (.warn, .schema), (.pass, .schema)])
        #expect(card.dimensions == ["validity": 65, "completeness": 0, "schema": 85])
        // (100 × 0.4 + 30 × 0.4 + 0 × 0.3 + 70 × 0.2 + 100 × 0.2) / 1.5 = 86 / 1.5 = 57.33.
        #expect(card.score == 57.3)
    }

    @Test func scoresAreRoundedToATenth() {
        // 230 / 3 = 76.666...
        #expect(Self.score(Self.repeated(.pass, 2) + Self.repeated(.fail, 1)).score == 76.7)
        // 170 / 3 = 56.666...
        #expect(Self.score(Self.repeated(.pass, 1) + Self.repeated(.warn, 1) + Self.repeated(.error, 1)).score == 56.7)
        #expect(Self.score([(.pass, .completeness), (.pass, .validity), (.warn, .completeness)]).dimensions["completeness"] == 85)
    }

    @Test("health bands at their exact boundaries: HEALTHY from 90, AT_RISK from 70", arguments: [
        // 9 PASS + 1 ERROR = 90.
        (ScorecardTests.repeated(.pass, 9) + ScorecardTests.repeated(.error, 1), 90.0, HealthStatus.healthy),
        // 67 PASS + 33 WARN = 90.1; 66 PASS + 34 WARN = 89.8.
        (ScorecardTests.repeated(.pass, 67) + ScorecardTests.repeated(.warn, 33), 90.1, .healthy),
        (ScorecardTests.repeated(.pass, 66) + ScorecardTests.repeated(.warn, 34), 89.8, .atRisk),
        // WARN alone is 70, exactly the AT_RISK bound; 99 WARN + 1 FAIL = 69.6.
        (ScorecardTests.repeated(.warn, 5), 70, .atRisk),
        (ScorecardTests.repeated(.warn, 99) + ScorecardTests.repeated(.fail, 1), 69.6, .critical),
    ])
    func bands(_ results: [(CheckStatus, Dimension)], _ score: Double, _ health: HealthStatus) {
        let card = Self.score(results)
        #expect(card.score == score)
        #expect(card.status == health)
    }

    @Test func bandsFollowTheConfiguredBounds() {
        let strict = ScoringWeights(healthy: 95, atRisk: 50)
        #expect(Self.score(Self.repeated(.pass, 9) + Self.repeated(.error, 1), weights: strict).status == .atRisk)
        // 1 PASS + 1 ERROR = 50, exactly the bound.
        #expect(Self.score([(.pass, .validity), (.error, .validity)], weights: strict).status == .atRisk)
        #expect(Self.score([(.fail, .validity)], weights: strict).status == .critical)
        let points = ScoringWeights(points: [.pass: 100, .warn: 90, .fail: 0, .error: 0])
        #expect(Self.score([(.warn, .validity)], weights: points).score == 90)
        #expect(Self.score([(.warn, .validity)], weights: points).status == .healthy)
    }
}
