import Foundation

/// Tells a system outside Assay about a run (OpenLineage): when it starts, and once it is recorded. The entry point
/// calls ``runStarted(_:suite:source:at:)`` beside the run (never before it) and ``runRecorded(_:suite:schemas:)``
/// after the run is in the store, so an emitter never fails, loses or delays a run; what went wrong comes back as
/// warnings for the person who ran it.
public protocol RunEmitter: Sendable {
    /// The run `id` of `suite` on `source` (never with a password) began at `instant`.
    /// - Returns: warnings, one per problem (an endpoint that did not answer, a file that cannot be written).
    func runStarted(_ id: RunID, suite: Suite, source: String, at instant: Date) async -> [String]
    /// The run ended with `result` and was recorded; `schemas` are the tables' columns as the run read them.
    /// - Returns: warnings, one per problem.
    func runRecorded(_ result: SuiteResult, suite: Suite, schemas: [String: TableSchema]) async -> [String]
}
