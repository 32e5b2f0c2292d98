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
