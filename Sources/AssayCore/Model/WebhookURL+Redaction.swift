/// A webhook URL's path is its secret: `dump`, debuggers and `String(reflecting:)` show only ``WebhookURL/description``
/// (scheme and host), and so do the settings holding one.
extension WebhookURL: CustomReflectable, CustomDebugStringConvertible {
    /// One field, `url`, as scheme and host only.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": description], displayStyle: .struct)
    }

    /// `WebhookURL(https://hooks.slack.com/…)`.
    public var debugDescription: String { "WebhookURL(\(description))" }
}
