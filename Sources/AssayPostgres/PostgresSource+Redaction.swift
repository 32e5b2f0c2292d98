/// The source keeps the driver's configuration, password included: `dump` and debuggers show only its URL (whose
/// own mirror replaces the password by `***`) and dialect, so neither the source nor an engine holding it prints it.
extension PostgresSource: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url, "dialect": dialect], displayStyle: .class)
    }
}
