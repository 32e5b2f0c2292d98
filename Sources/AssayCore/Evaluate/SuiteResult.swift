import Foundation

/// Everything one run produced: results in suite order, a scorecard per table, the failures that stopped checks
/// (each once), and when it ran. Its `Codable` form is the JSON report's (docs/results.md).
public struct SuiteResult: Sendable, Hashable {
    public var runID: RunID
    public var suite: String
    /// The source's URL, never with a password.
    public var source: String
    /// The instant the run treated as "now" (UTC): windows and freshness are measured from it.
    public var startedAt: Date
    public var finishedAt: Date
    public var durationSeconds: Double
    public var results: [CheckResult]
    public var scorecards: [Scorecard]
    /// Why checks could not run, one entry per cause; each ERROR result points at one (``CheckResult/failure``).
    public var failures: [RunFailure]
    /// Settings the suite gave that were read but not acted on (``Suite/notices``).
    public var notices: [ConfigNotice]
    /// The Assay version that ran the suite.
    public var assayVersion: String

    public init(runID: RunID, suite: String, source: String, startedAt: Date, finishedAt: Date, durationSeconds: Double,
                results: [CheckResult], scorecards: [Scorecard], failures: [RunFailure] = [], notices: [ConfigNotice] = []) {
        self.runID = runID
        self.suite = suite
        self.source = source
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.results = results
        self.scorecards = scorecards
        self.failures = failures
        self.notices = notices
        self.assayVersion = AssayVersion.current
    }

    /// The worst status of any check; PASS for an empty run.
    public var status: CheckStatus { results.map(\.status).max() ?? .pass }

    /// 0 all pass, 1 warnings only, 2 any failure, 3 any error.
    public var exitCode: Int32 { status.exitCode }

    public func count(_ status: CheckStatus) -> Int { results.count { $0.status == status } }

    /// What made the whole source unusable during the run (server gone, login refused, file locked), if anything.
    public var sourceFailure: RunFailure? { failures.first { $0.scope == .source } }

    /// The failure a result points at.
    public func failure(of result: CheckResult) -> RunFailure? {
        result.failure.flatMap { ref in failures.first { $0.id == ref.id } }
    }
}

/// The version of Assay, written into every result.
public enum AssayVersion {
    public static let current = "0.9.0"
}

extension SuiteResult: Codable {
    private enum Key: String, CodingKey {
        case formatVersion = "format_version", runID = "run_id", suite, source, startedAt = "started_at"
        case finishedAt = "finished_at", durationSeconds = "duration_seconds", status, exitCode = "exit_code", summary
        case scorecards, results, failures, notices, assayVersion = "assay_version"
    }

    /// Version of the document's shape; bumped only on incompatible changes.
    public static let formatVersion = 2

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(Self.formatVersion, forKey: .formatVersion)
        try c.encode(runID, forKey: .runID)
        try c.encode(suite, forKey: .suite)
        try c.encode(source, forKey: .source)
        try c.encodeInstant(startedAt, forKey: .startedAt)
        try c.encodeInstant(finishedAt, forKey: .finishedAt)
        try c.encode(durationSeconds, forKey: .durationSeconds)
        try c.encode(status, forKey: .status)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(["checks": results.count, "pass": count(.pass), "warn": count(.warn), "fail": count(.fail),
                      "error": count(.error)], forKey: .summary)
        try c.encode(scorecards, forKey: .scorecards)
        try c.encode(results, forKey: .results)
        try c.encode(failures, forKey: .failures)
        try c.encode(notices, forKey: .notices)
        try c.encode(assayVersion, forKey: .assayVersion)
    }

    /// Reads a result back; `status`, `exit_code` and `summary` are derived and not read.
    /// - Throws: `DecodingError` for a document of another `format_version`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let version = try c.decode(Int.self, forKey: .formatVersion)
        guard version == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .formatVersion, in: c,
                                                   debugDescription: "format_version \(version) is not \(Self.formatVersion)")
        }
        runID = try c.decode(RunID.self, forKey: .runID)
        suite = try c.decode(String.self, forKey: .suite)
        source = try c.decode(String.self, forKey: .source)
        startedAt = try c.decodeInstant(forKey: .startedAt)
        finishedAt = try c.decodeInstant(forKey: .finishedAt)
        durationSeconds = try c.decode(Double.self, forKey: .durationSeconds)
        scorecards = try c.decode([Scorecard].self, forKey: .scorecards)
        results = try c.decode([CheckResult].self, forKey: .results)
        failures = try c.decode([RunFailure].self, forKey: .failures)
        notices = try c.decode([ConfigNotice].self, forKey: .notices)
        assayVersion = try c.decode(String.self, forKey: .assayVersion)
    }
}
