import AssayCore
import Foundation

/// An OpenLineage `RunEvent` (spec 2-0-2, `OpenLineage.json#/$defs/RunEvent`) as Assay emits it: its `Encodable`
/// form is the event's JSON.
public struct RunEvent: Sendable, Hashable, Encodable {
    /// The run's transition. Assay emits START, then COMPLETE or FAIL.
    public enum EventType: String, Sendable, Hashable, Encodable {
        case start = "START", complete = "COMPLETE", fail = "FAIL"
    }

    public var eventType: EventType
    public var eventTime: Date
    public var producer: String
    public var schemaURL: String
    public var run: Run
    public var job: Job
    public var inputs: [InputDataset]

    /// The version of the core schema the events follow.
    public static let schemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"

    private enum CodingKeys: String, CodingKey { case eventType, eventTime, producer, schemaURL, run, job, inputs, outputs }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(eventType, forKey: .eventType)
        try c.encode(InstantText.string(eventTime), forKey: .eventTime)
        try c.encode(producer, forKey: .producer)
        try c.encode(schemaURL, forKey: .schemaURL)
        try c.encode(run, forKey: .run)
        try c.encode(job, forKey: .job)
        try c.encode(inputs, forKey: .inputs)
        // Assay reads and never writes.
        try c.encode([String](), forKey: .outputs)
    }

    /// The event as one line of JSON (keys sorted, no line break inside), ending in `\n`.
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The run: its id (Assay's own run id, a UUID version 7) and its facets.
    public struct Run: Sendable, Hashable, Encodable {
        public var runId: String
        public var facets: RunFacets
    }

    /// The run's facets: the checks' results (`test`) and, for a FAIL, what failed (`errorMessage`).
    public struct RunFacets: Sendable, Hashable, Encodable {
        public var test: TestRunFacet?
        public var errorMessage: ErrorMessageRunFacet?
    }

    /// The job: the namespace the settings name (`assay` by default) and the suite's name.
    public struct Job: Sendable, Hashable, Encodable {
        public var namespace: String
        public var name: String
    }

    /// One table the run read, named as the OpenLineage naming spec says (``DatasetName``).
    public struct InputDataset: Sendable, Hashable, Encodable {
        public var namespace: String
        public var name: String
        public var facets: DatasetFacets
        public var inputFacets: InputFacets
    }

    public struct DatasetFacets: Sendable, Hashable, Encodable {
        public var schema: SchemaDatasetFacet?
    }

    public struct InputFacets: Sendable, Hashable, Encodable {
        public var dataQualityMetrics: DataQualityMetricsFacet?
        public var dataQualityAssertions: DataQualityAssertionsFacet?
    }
}
