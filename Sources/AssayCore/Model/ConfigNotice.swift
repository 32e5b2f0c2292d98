/// A setting that was read but is not yet acted on. Every report lists these, so no setting is ignored
/// silently: `monitoring.check_interval_minutes = 15: a check run runs once over every row; ...`.
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

    private enum Key: String, CodingKey { case setting, reason, location }

    /// `{"setting": ..., "reason": ..., "location": "file:line:column" or null}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(setting, forKey: .setting)
        try c.encode(reason, forKey: .reason)
        try c.encode(location?.description, forKey: .location)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        setting = try c.decode(String.self, forKey: .setting)
        reason = try c.decode(String.self, forKey: .reason)
        location = try c.decodeIfPresent(String.self, forKey: .location).flatMap(SourceLocation.init(parsing:))
    }
}

extension SourceLocation {
    /// Reads `file:line:column` (the file may itself contain colons).
    init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else { return nil }
        self.init(file: parts.dropLast(2).joined(separator: ":"), line: line, column: column)
    }
}
