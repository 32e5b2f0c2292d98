import AssayCore

/// A request's `source` may carry a password: `dump`, debuggers and `print` show it through
/// ``SourceURL/redacted(_:)`` (a suite built in memory redacts its own).
extension CheckRequest: CustomReflectable {
    /// The fields, with the password of ``source`` replaced by `***`.
    public var customMirror: Mirror {
        Mirror(self, children: ["config": config, "table": table as Any, "parameters": parameters,
                                "source": source.map(SourceURL.redacted) as Any, "options": options, "context": context,
                                "clock": clock, "logger": logger, "format": format, "color": color, "trace": trace as Any],
               displayStyle: .struct)
    }
}
