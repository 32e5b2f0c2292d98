/// A suite's `openlineage:` section: where each run's OpenLineage events go (docs/openlineage.md). The command line
/// (`--openlineage`) and the standard client variables (`OPENLINEAGE_URL`, `OPENLINEAGE_API_KEY`,
/// `OPENLINEAGE_NAMESPACE`) override it.
public struct OpenLineageSpec: Sendable, Hashable {
    /// An HTTP endpoint events are POSTed to (`/api/v1/lineage` when the URL has no path).
    public var url: String?
    /// A JSON-lines file each event is appended to, one per line.
    public var file: String?
    /// The namespace of the job (default `assay`).
    public var namespace: String?
    /// The bearer token of the HTTP endpoint (from `${VARIABLE}`; never printed).
    public var apiKey: Secret?
    /// How long one HTTP attempt may take (default 5 s).
    public var timeout: TimeSpan?
    public var location: SourceLocation?

    public init(url: String? = nil, file: String? = nil, namespace: String? = nil, apiKey: Secret? = nil, timeout: TimeSpan? = nil,
                location: SourceLocation? = nil) {
        self.url = url
        self.file = file
        self.namespace = namespace
        self.apiKey = apiKey
        self.timeout = timeout
        self.location = location
    }
}

/// The endpoint's path and query may hold a token: `dump` and debuggers show its scheme and host only, and the key as `•••`.
extension OpenLineageSpec: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url.map { WebhookURL($0).description } as Any, "file": file as Any, "namespace": namespace as Any,
                                "apiKey": apiKey.map { "\($0)" } as Any, "timeout": timeout as Any],
               displayStyle: .struct)
    }
}
