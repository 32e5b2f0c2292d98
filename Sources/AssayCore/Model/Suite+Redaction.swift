/// A suite's `source` may carry a password (`postgres://app:s3cret@db/bank`): `dump`, debuggers, `print` and
/// `String(reflecting:)` of a suite, and of anything holding one, show it through ``SourceURL/redacted(_:)``.
extension Suite: CustomReflectable {
    /// The fields, with the password of ``source`` replaced by `***`.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "source": source.map(SourceURL.redacted) as Any, "tables": tables,
                                "scoring": scoring, "monitoring": monitoring as Any, "alerting": alerting as Any,
                                "limits": limits, "notices": notices, "monitor": monitor as Any,
                                "remediation": remediation.map { r in r.writer.map(SourceURL.redacted) as Any } as Any,
                                "openLineage": openLineage as Any],
               displayStyle: .struct)
    }
}
