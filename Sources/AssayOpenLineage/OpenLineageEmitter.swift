import AssayCore
import AsyncHTTPClient
import Foundation
import Logging

/// Emits each run's OpenLineage events (``EventBuilder``) to the destinations its suite's settings name
/// (``OpenLineageSettings``): the ``RunEmitter`` `assay check` and `assay monitor` pass to the run. A destination
/// that fails is logged at `warning` and returned as a warning; it never fails or delays the run's recording.
///
/// ```swift
/// var request = CheckRequest(config: .file("suite.yml"))
/// request.emitter = OpenLineageEmitter(target: "lineage.jsonl")
/// let outcome = try await Assay.check(request)
/// for warning in outcome.emitterWarnings { print(warning) }
/// ```
public struct OpenLineageEmitter: RunEmitter {
    /// `--openlineage URL|PATH`, replacing the suite's destinations.
    public var target: String?
    public var environment: [String: String]
    /// How many times an HTTP event is attempted.
    public var attempts: Int
    let client: HTTPClient
    let logger: Logger
    let workingDirectory: String

    public init(target: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, attempts: Int = 3,
                client: HTTPClient = .openLineage, logger: Logger = Logger(label: "assay.openlineage"),
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.target = target
        self.environment = environment
        self.attempts = attempts
        self.client = client
        self.logger = logger
        self.workingDirectory = workingDirectory
    }

    /// The settings for `suite`, or `nil` when emission is off for it.
    public func settings(for suite: Suite) throws(OpenLineageError) -> OpenLineageSettings? {
        try OpenLineageSettings.resolve(suite.openLineage, target: target, environment: environment)
    }

    public func runStarted(_ id: RunID, suite: Suite, source: String, at instant: Date) async -> [String] {
        await emit(suite, run: id) { builder in builder.start(id: id, suite: suite, source: source, at: instant) }
    }

    public func runRecorded(_ result: SuiteResult, suite: Suite, schemas: [String: TableSchema]) async -> [String] {
        await emit(suite, run: result.runID) { builder in builder.end(result, suite: suite, schemas: schemas) }
    }

    private func emit(_ suite: Suite, run: RunID, _ build: (EventBuilder) -> RunEvent) async -> [String] {
        let settings: OpenLineageSettings
        do throws(OpenLineageError) {
            guard let resolved = try self.settings(for: suite) else { return [] }
            settings = resolved
        } catch {
            return [warn(error, run: run)]
        }
        let event = build(EventBuilder(namespace: settings.namespace, workingDirectory: workingDirectory))
        let line: Data
        do {
            line = try event.jsonLine()
        } catch {
            return [warn(OpenLineageError(.encoding, "the OpenLineage \(event.eventType.rawValue) event cannot be encoded: \(error)"), run: run)]
        }
        var warnings: [String] = []
        for destination in settings.destinations {
            do throws(OpenLineageError) {
                switch destination {
                case .file(let path): try FileTransport(path: path).append(line)
                case .http(let url, let key):
                    try await HTTPTransport(url: url, apiKey: key, timeout: settings.timeout, attempts: attempts, client: client).post(line)
                }
                logger.debug("OpenLineage event sent", metadata: ["run_id": "\(run)", "event": "\(event.eventType.rawValue)", "to": "\(destination)"])
            } catch {
                warnings.append(warn(error, run: run, event: event.eventType))
            }
        }
        return warnings
    }

    private func warn(_ error: OpenLineageError, run: RunID, event: RunEvent.EventType? = nil) -> String {
        let text = (event.map { "OpenLineage \($0.rawValue) event not emitted: " } ?? "OpenLineage events not emitted: ") + error.message
        logger.warning("\(text)", metadata: ["run_id": "\(run)", "code": "\(error.code)"])
        return text
    }
}
