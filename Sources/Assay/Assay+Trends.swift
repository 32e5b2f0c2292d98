import Foundation

extension Assay {
    /// The trends of a suite's tables from the data itself: per day or hour of the last `days` days, each table's
    /// rows and each row-level check's violations and rate, by ONE grouped statement per table (see docs/trends.md).
    /// - Parameters:
    ///   - request: the suite and source (its `table`, for a Great Expectations suite, is the table it validates).
    ///   - table: only this table of the suite.
    ///   - days: at least 1.
    ///   - timeColumn: the time column of every table that has it, instead of its window's column.
    /// - Throws: ``AssayError`` for an invalid suite, `days` below 1, a table the suite does not check, or a source
    ///   that cannot be opened or whose catalogue cannot be read.
    public static func trends(_ request: CheckRequest, table: String? = nil, days: Int = 30,
                              bucket: TrendBucket = .day, timeColumn: String? = nil) async throws(AssayError) -> [TrendResult] {
        guard days >= 1 else {
            throw AssayError(ConfigError(.invalidValue, "--days must be at least 1 (got \(days))", at: nil))
        }
        var suite = try load(request)
        if let table {
            let names = suite.tables.map(\.name)
            guard let found = suite.tables.first(where: { $0.name == table }) ?? suite.tables.first(where: { $0.name.lowercased() == table.lowercased() }) else {
                throw AssayError(ConfigError(.invalidValue, "the suite checks no table '\(table)'\(Suggestion.hint(for: table, in: names))"
                    + " (tables: \(names.joined(separator: ", ")))", at: nil))
            }
            suite.tables = [found]
        }
        let source = try openSource(for: suite, override: request.source, trace: request.trace)
        do {
            return try await TrendRunner(source: source, clock: request.clock, days: days, bucket: bucket, timeColumn: timeColumn).run(suite)
        } catch {
            throw AssayError(error)
        }
    }
}
