import AssayCore
import Foundation

/// Where runs are recorded (the record stage): every run with its results, metrics, failing-row samples (masked as
/// in the report) and failures, so that history, trends, scorecards and incidents can be computed from it.
public protocol ResultStore: Sendable {
    /// Records a finished run in one transaction; a run already recorded (same id) is left as it is.
    func record(_ result: SuiteResult) async throws(StoreError)
    /// The most recent runs, newest first.
    func runs(last count: Int) async throws(StoreError) -> [RunSummary]
    /// One recorded run, exactly as it was reported.
    func run(_ id: RunID) async throws(StoreError) -> SuiteResult
    /// One check's results since `since`, oldest first.
    func history(of key: CheckKey, since: Date) async throws(StoreError) -> [HistoryPoint]
    /// Deletes the runs that started before `cutoff`; returns how many.
    func prune(before cutoff: Date) async throws(StoreError) -> Int
    /// The runs a scorecard compares: the latest run of `suite` (of any suite when `nil`) at or before `asOf`, the
    /// run of that suite before it, and its latest run at least seven days older; newest first, without repeats.
    /// Only their scorecards are read, not their results.
    func scorecardRuns(suite: String?, asOf: Date) async throws(StoreError) -> [ScorecardHistory.ScoredRun]
    /// Each table's recorded scores since `since`, oldest first: one point per run, or with `bucketSeconds` one
    /// point per table and bucket of that many seconds (since 1970, UTC) holding the mean over its runs.
    func scoreSeries(suite: String?, since: Date, bucketSeconds: Int?) async throws(StoreError) -> [ScorePoint]
    /// The suites that have runs, with their latest run's start; most recently run first.
    func suites() async throws(StoreError) -> [SuiteSummary]
    /// The store's size on disk in bytes (database and log files, or the database's relations).
    func sizeInBytes() async throws(StoreError) -> Int64
}

extension ResultStore {
    /// The scorecard with history of `suite` (the suite of the latest run when `nil`), from the runs at or before `asOf`.
    /// - Throws: ``StoreError/Code/notFound`` when the store has no run of the suite.
    public func scorecard(suite: String? = nil, asOf: Date = .distantFuture) async throws(StoreError) -> ScorecardHistory {
        guard let card = ScorecardHistory.make(from: try await scorecardRuns(suite: suite, asOf: asOf)) else {
            throw StoreError(.notFound, "no run\(suite.map { " of suite '\($0)'" } ?? "") in the store")
        }
        return card
    }
}

/// One table's recorded score at one run, or the mean over a bucket's runs.
public struct ScorePoint: Sendable, Hashable, Codable {
    public var table: String
    /// The run's start, or the start of the bucket.
    public var at: Date
    /// How many runs the point stands for (1 without buckets).
    public var runs: Int
    public var score: Double
    /// The lowest score among the point's runs.
    public var minimumScore: Double
    /// The table's rows as the run counted them (the most rows any of its checks examined); `nil` when no check counted.
    public var rows: Int?
    /// Checks that FAILed, WARNed and were in ERROR (summed over the bucket's runs).
    public var failed: Int
    public var warned: Int
    public var errors: Int
    /// Score per quality dimension that has checks (mean over the bucket's runs that had it).
    public var dimensions: [String: Double]

    public init(table: String, at: Date, runs: Int, score: Double, minimumScore: Double, rows: Int?, failed: Int, warned: Int,
                errors: Int, dimensions: [String: Double]) {
        self.table = table
        self.at = at
        self.runs = runs
        self.score = score
        self.minimumScore = minimumScore
        self.rows = rows
        self.failed = failed
        self.warned = warned
        self.errors = errors
        self.dimensions = dimensions
    }
}

/// A suite that has recorded runs.
public struct SuiteSummary: Sendable, Hashable, Codable {
    public var suite: String
    public var runs: Int
    public var lastStartedAt: Date
}

/// A recorded run, in brief.
public struct RunSummary: Sendable, Hashable, Codable {
    public var runID: RunID
    public var suite: String
    public var source: String
    public var startedAt: Date
    public var durationSeconds: Double
    public var status: CheckStatus
    public var exitCode: Int32
    public var checks: Int
    public var failed: Int
    public var warned: Int
    public var errors: Int
    public var assayVersion: String
}

/// One check's outcome in one run.
public struct HistoryPoint: Sendable, Hashable, Codable {
    public var runID: RunID
    public var startedAt: Date
    public var fingerprint: CheckFingerprint
    public var status: CheckStatus
    public var rowsChecked: Int?
    public var violations: Int?
    public var violationRate: Double?
    public var observed: Double?
    public var message: String
}
