import AssayCore
import Foundation

/// The executive scorecard with history (the seed's `generate_quality_scorecard`): per table the latest score and
/// health status, critical (FAIL) and warning (WARN) counts, when it was last checked, and how the score moved since
/// the run before and since seven days before; and an overall score across tables.
public struct ScorecardHistory: Sendable, Hashable, Codable {
    public var suite: String
    public var runID: RunID
    public var lastChecked: Date
    /// The mean of the tables' scores.
    public var overallScore: Double
    public var overallChangeFromPrevious: Double?
    public var overallChangeFrom7Days: Double?
    public var tables: [Table]

    public struct Table: Sendable, Hashable, Codable {
        public var table: String
        public var score: Double
        public var status: HealthStatus
        /// Checks that FAILed in the latest run.
        public var critical: Int
        /// Checks that WARNed in the latest run.
        public var warnings: Int
        public var errors: Int
        public var lastChecked: Date
        /// Score now minus the score in the run before (`nil` when there is none, or the table was not in it).
        public var changeFromPrevious: Double?
        /// Score now minus the score in the latest run at least seven days older.
        public var changeFrom7Days: Double?
    }

    /// What a scorecard needs of a run.
    public struct ScoredRun: Sendable, Hashable {
        public var runID: RunID
        public var suite: String
        public var startedAt: Date
        public var scorecards: [Scorecard]

        public init(runID: RunID, suite: String, startedAt: Date, scorecards: [Scorecard]) {
            self.runID = runID
            self.suite = suite
            self.startedAt = startedAt
            self.scorecards = scorecards
        }
    }

    /// The scorecard of the latest run in `runs` (newest first), compared with the run before and the latest run at
    /// least seven days before it.
    public static func make(from runs: [ScoredRun]) -> ScorecardHistory? {
        guard let latest = runs.first else { return nil }
        let previous = runs.dropFirst().first
        let weekAgo = runs.first { $0.startedAt <= latest.startedAt.addingTimeInterval(-7 * 86_400) }
        func score(_ run: ScoredRun?, _ table: String) -> Double? { run?.scorecards.first { $0.table == table }?.score }
        func rounded(_ value: Double?) -> Double? { value.map { ($0 * 10).rounded() / 10 } }
        let tables = latest.scorecards.map { card in
            Table(table: card.table, score: card.score, status: card.status, critical: card.failed, warnings: card.warned,
                  errors: card.errors, lastChecked: latest.startedAt,
                  changeFromPrevious: rounded(score(previous, card.table).map { card.score - $0 }),
                  changeFrom7Days: rounded(score(weekAgo, card.table).map { card.score - $0 }))
        }
        func overall(_ run: ScoredRun?) -> Double? {
            guard let run, !run.scorecards.isEmpty else { return nil }
            return run.scorecards.map(\.score).reduce(0, +) / Double(run.scorecards.count)
        }
        let now = overall(latest) ?? 100
        return ScorecardHistory(suite: latest.suite, runID: latest.runID, lastChecked: latest.startedAt,
                                overallScore: rounded(now)!, overallChangeFromPrevious: rounded(overall(previous).map { now - $0 }),
                                overallChangeFrom7Days: rounded(overall(weekAgo).map { now - $0 }), tables: tables)
    }
}
