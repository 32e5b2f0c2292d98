/// Everything one run produced: results in suite order, a scorecard per table, and timing.
public struct SuiteResult: Sendable, Hashable, Codable {
    public var suite: String
    public var source: String
    /// The instant the run treated as "now" (UTC), `YYYY-MM-DD HH:MM:SS`.
    public var startedAt: String
    public var durationSeconds: Double
    public var results: [CheckResult]
    public var scorecards: [Scorecard]
    /// What made the source unusable during the run (server gone, login refused, file locked), reported once;
    /// each check it stopped is ERROR with ``CheckResult/errorCode`` set and a short message.
    public var sourceFailure: SourceError?
    /// Settings the suite gave that were read but not acted on (``Suite/notices``).
    public var notices: [ConfigNotice]

    public init(suite: String, source: String, startedAt: String, durationSeconds: Double, results: [CheckResult],
                scorecards: [Scorecard], sourceFailure: SourceError? = nil, notices: [ConfigNotice] = []) {
        self.suite = suite
        self.source = source
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.results = results
        self.scorecards = scorecards
        self.sourceFailure = sourceFailure
        self.notices = notices
    }

    /// The worst status of any check; PASS for an empty run.
    public var status: CheckStatus { results.map(\.status).max() ?? .pass }

    /// 0 all pass, 1 warnings only, 2 any failure, 3 any error.
    public var exitCode: Int32 { status.exitCode }

    public func count(_ status: CheckStatus) -> Int { results.count { $0.status == status } }
}
