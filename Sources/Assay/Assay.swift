/// Entry points for embedding Assay: load a suite, open its source, run it.
///
/// ```swift
/// import Assay
/// let result = try await Assay.check(config: "suite.yml")
/// print(TextReport().render(result))
/// ```
public enum Assay {
    /// Runs a suite file against its source (or `source`, which overrides it).
    /// - Throws: ``ConfigError`` for a bad suite, ``SourceError`` when no source can be opened.
    ///   Problems with single checks do not throw; they become ERROR results.
    public static func check(config path: String, source: String? = nil, options: RunOptions = RunOptions(),
                             now: CivilDateTime = .now()) async throws -> SuiteResult {
        let suite = try SuiteLoader().load(path: path)
        let dataSource = try openSource(for: suite, override: source)
        return await SuiteRunner(source: dataSource, now: now, options: options).run(suite)
    }

    /// The source a suite runs against: the override, else the suite's own `source`, with the suite's time limits.
    public static func openSource(for suite: Suite, override: String?,
                                  trace: (@Sendable (String) -> Void)? = nil) throws(SourceError) -> any DataSource {
        guard let url = override ?? suite.source else {
            throw SourceError(.invalidURL, "no data source: give --source sqlite:PATH or a 'source:' in the suite")
        }
        return try SourceFactory.open(url, limits: suite.limits, trace: trace)
    }
}
