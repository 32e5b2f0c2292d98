import Foundation

/// Listens to a run as it happens: a store records each table as it completes, a monitor reacts to failures
/// before the report is printed. Every method has a default that does nothing.
public protocol RunObserver: Sendable {
    /// The run is about to read the catalogue (if needed) and send its statements.
    func runStarted(_ run: RunInfo) async
    /// One table's checks are all judged (samples fetched); tables complete in any order.
    func tableFinished(_ table: TableResult, of run: RunInfo) async
    /// The run is complete; called before ``RunEngine/run(_:context:)`` returns it.
    func runFinished(_ result: SuiteResult) async
}

extension RunObserver {
    public func runStarted(_ run: RunInfo) async {}
    public func tableFinished(_ table: TableResult, of run: RunInfo) async {}
    public func runFinished(_ result: SuiteResult) async {}
}

/// What is known of a run when it starts.
public struct RunInfo: Sendable, Hashable {
    public var id: RunID
    public var suite: String
    public var source: String
    public var startedAt: Date
    /// The tables in suite order.
    public var tables: [String]
}

/// One table's part of a run.
public struct TableResult: Sendable, Hashable {
    public var table: String
    public var results: [CheckResult]
    public var scorecard: Scorecard
    /// The failures its ERROR results point at.
    public var failures: [RunFailure]
    public var durationSeconds: Double
}
