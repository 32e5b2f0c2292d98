import AssayCore

/// Opens the store a URL names: `sqlite:PATH` (or a bare path ending in `.db`).
public enum StoreFactory {
    /// - Throws: ``StoreError`` for a URL of another kind or a store that cannot be opened.
    public static func open(_ url: String) throws(StoreError) -> any ResultStore {
        if let path = SourceURL.sqlitePath(url) {
            guard !path.isEmpty else { throw StoreError(.invalidURL, "the store URL '\(url)' names no file") }
            return try SQLiteStore(path: path)
        }
        let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? url
        throw StoreError(.invalidURL, "unsupported store '\(SourceURL.redacted(scheme))': use sqlite:PATH")
    }
}
