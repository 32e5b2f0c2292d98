/// A setting that was read but is not yet acted on. Every report lists these, so no setting is ignored
/// silently: `monitoring.check_interval_minutes = 15: runs once; the monitor comes later`.
public struct ConfigNotice: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The setting and its value as written, e.g. `auto_remediation flag_for_followup (CUST_001)`.
    public var setting: String
    /// What a run does instead.
    public var reason: String
    public var location: SourceLocation?

    public init(setting: String, reason: String, location: SourceLocation? = nil) {
        self.setting = setting
        self.reason = reason
        self.location = location
    }

    public var description: String { "\(setting): \(reason)" }
}
