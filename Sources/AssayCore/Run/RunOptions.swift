/// What a run fetches besides its measurements.
public struct RunOptions: Sendable {
    /// Fetch failing-row samples for checks that warn or fail.
    public var samples: Bool
    public var sampleLimit: Int
    /// Show personal data in samples unmasked.
    public var showPII: Bool
    /// Also fetch the violating rows of checks whose violations are within their limits (as GX lists them).
    public var samplesWithinLimits: Bool

    public init(samples: Bool = true, sampleLimit: Int = 5, showPII: Bool = false, samplesWithinLimits: Bool = false) {
        self.samples = samples
        self.sampleLimit = sampleLimit
        self.showPII = showPII
        self.samplesWithinLimits = samplesWithinLimits
    }
}

/// One run's identity, limits and listener.
public struct RunContext: Sendable {
    /// The run's id; a new time-ordered one when `nil`.
    public var id: RunID?
    /// The longest the run may take. Statements not sent by then are not sent, statements in flight are cancelled,
    /// and their checks are ERROR with ``RunFailure/Code/deadlineExceeded``. `nil`: no limit beyond the source's
    /// statement timeouts.
    public var deadline: Duration?
    /// How many tables are checked at once (each table's statements run one after another).
    public var maxConcurrentTables: Int
    /// Receives each table's results as they complete, and the whole result before the run returns.
    public var observer: (any RunObserver)?

    public init(id: RunID? = nil, deadline: Duration? = nil, maxConcurrentTables: Int = 8, observer: (any RunObserver)? = nil) {
        self.id = id
        self.deadline = deadline
        self.maxConcurrentTables = max(1, maxConcurrentTables)
        self.observer = observer
    }
}
