import AssayCore

/// How incidents of one check open, escalate, repeat and resolve.
public struct IncidentPolicy: Sendable, Hashable {
    /// Which statuses open an incident (default FAIL and ERROR; add WARN to be told of warnings).
    public var opensOn: Set<CheckStatus>
    /// Passing runs in a row that resolve an incident by themselves (at least 1), so a flapping check does not
    /// open and resolve twice a minute.
    public var resolveAfterPasses: Int
    /// A failure this soon after a resolution reopens the same incident instead of opening a new one.
    public var reopenWithinSeconds: Double
    /// An open incident nobody acknowledged is escalated after this long (the seed's `escalate_after_minutes`), and
    /// again after each further such span; `nil`: never.
    public var escalateAfterSeconds: Double?
    /// A still-open incident is alerted again after this long since its last alert; `nil`: never.
    public var repeatAfterSeconds: Double?
    /// Failing runs in a row before the first alert (the seed's `alert_thresholds`: CRITICAL 1, HIGH 3): the
    /// incident is open and stored from the first, the channels hear of it at this one. At least 1.
    public var alertAfterFailingRuns: Int

    public init(opensOn: Set<CheckStatus> = [.fail, .error], resolveAfterPasses: Int = 1, reopenWithinSeconds: Double = 0,
                escalateAfterSeconds: Double? = nil, repeatAfterSeconds: Double? = nil, alertAfterFailingRuns: Int = 1) {
        self.opensOn = opensOn
        self.resolveAfterPasses = max(1, resolveAfterPasses)
        self.reopenWithinSeconds = max(0, reopenWithinSeconds)
        self.escalateAfterSeconds = escalateAfterSeconds
        self.repeatAfterSeconds = repeatAfterSeconds
        self.alertAfterFailingRuns = max(1, alertAfterFailingRuns)
    }
}
