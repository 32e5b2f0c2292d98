import Logging

/// The library's entry point: load a suite, open its source, run it, render the report. The `assay` commands,
/// the demo and the conformance runner all go through it.
///
/// ```swift
/// import Assay
/// let outcome = try await Assay.check(CheckRequest(config: .file("suite.yml"), format: .json))
/// print(outcome.report)                      // the JSON report
/// if outcome.result.exitCode != 0 { ... }    // 1 warnings, 2 failures, 3 errors
/// ```
///
/// A long-lived service keeps one ``RunEngine`` and one ``PreparedSuite`` per suite instead (see docs/library.md).
public enum Assay {
    /// Loads, opens, runs and renders.
    /// - Throws: ``AssayError`` when the suite is invalid or no source can be opened; problems with single checks
    ///   do not throw, they are ERROR results.
    public static func check(_ request: CheckRequest) async throws(AssayError) -> CheckOutcome {
        let suite = try load(request)
        let source = try openSource(for: suite, override: request.source, trace: request.trace)
        // The emitter hears of the run beside it, and of its end once it is recorded: emitting never delays a run.
        var context = request.context
        let start = InstantText.rounded(request.clock.now())
        let id = context.id ?? RunID(startingAt: start)
        context.id = id
        async let started = request.emitter?.runStarted(id, suite: suite, source: SourceURL.redacted(source.displayName), at: start) ?? []
        var prepared = PreparedSuite(suite)
        let result = await engine(request, source: source).run(&prepared, context: context)
        // Recorded before it is rendered: a report that cannot be written never loses the run.
        let storeError = await record(result, suite: suite, in: request.store)
        let warnings = await started + (request.emitter?.runRecorded(result, suite: suite, schemas: prepared.schemas) ?? [])
        return CheckOutcome(suite: suite, result: result, report: CheckOutcome.render(result, format: request.format, color: request.color),
                            storeError: storeError, emitterWarnings: warnings)
    }

    /// Runs a suite file against its source (or `source`, which overrides it).
    public static func check(config path: String, source: String? = nil, options: RunOptions = RunOptions(),
                             clock: any RunClock = WallClock()) async throws(AssayError) -> SuiteResult {
        try await check(CheckRequest(config: .file(path), source: source, options: options, clock: clock)).result
    }

    /// Loads the suite and prepares it against its source (catalogue and plans) without scanning: what
    /// `assay plan` prints and `assay validate` checks.
    public static func prepare(_ request: CheckRequest) async throws(AssayError) -> Preparation {
        let suite = try load(request)
        let source = try openSource(for: suite, override: request.source, trace: request.trace)
        return Preparation(suite: suite, source: source, prepared: await engine(request, source: source).prepare(suite))
    }

    /// A suite prepared against its source.
    public struct Preparation: Sendable {
        public var suite: Suite
        public var source: any DataSource
        public var prepared: PreparedSuite
    }

    /// The request's suite.
    /// - Throws: ``AssayError`` with every configuration problem, each located.
    public static func load(_ request: CheckRequest) throws(AssayError) -> Suite {
        switch request.config {
        case .suite(let suite): return suite
        case .file(let path):
            do {
                return try SuiteLoader(parameters: request.parameters).load(path: path, table: request.table)
            } catch {
                throw AssayError(error)
            }
        }
    }

    /// The source a suite runs against: the override, else the suite's own `source`, with the suite's time limits.
    public static func openSource(for suite: Suite, override: String?,
                                  trace: (@Sendable (String) -> Void)? = nil) throws(AssayError) -> any DataSource {
        guard let url = override ?? suite.source else {
            throw AssayError(SourceError(.invalidURL, "no data source: give --source sqlite:PATH or a 'source:' in the suite"))
        }
        do {
            return try SourceFactory.open(url, limits: suite.limits, trace: trace)
        } catch {
            throw AssayError(error)
        }
    }

    /// Records `result` in the store `choice` names for `suite` and applies the suite's retention.
    /// - Returns: why it could not be recorded, or `nil` (also when no store is asked for).
    static func record(_ result: SuiteResult, suite: Suite, in choice: StoreChoice) async -> StoreError? {
        guard let url = choice.url(for: suite) else { return nil }
        do throws(StoreError) {
            try await StoreFactory.withStore(url) { store throws(StoreError) in
                try await store.record(result)
                if let days = suite.retentionDays {
                    _ = try await store.prune(before: result.startedAt.addingTimeInterval(-Double(days) * 86_400))
                }
            }
            return nil
        } catch {
            return error
        }
    }

    private static func engine(_ request: CheckRequest, source: any DataSource) -> RunEngine {
        RunEngine(source: source, options: request.options, clock: request.clock, logger: request.logger)
    }
}
