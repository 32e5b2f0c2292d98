import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("OpenLineage events: inputs to outputs, the columnLineage facet, ownership, and errors naming the place")
struct OpenLineageEventsTests {
    static func event(type: String = "COMPLETE", inputs: String, outputs: String, job: String = #""job": {"namespace": "airflow", "name": "risk.build_mart"}"#) -> String {
        #"{"eventType": "\#(type)", "eventTime": "2026-12-01T10:00:00Z", "producer": "https://example.com/p", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", "run": {"runId": "0193a7c2-5f1e-7d3a-9c41-2b8e6f0a1d55"}, \#(job), "inputs": \#(inputs), "outputs": \#(outputs)}"#
    }

    @Test("every input feeds every output; names are matched by their last part; the job is the origin")
    func edges() throws {
        let text = Self.event(inputs: #"[{"namespace": "postgres://db:5432", "name": "bank.public.transactions"}, {"namespace": "postgres://db:5432", "name": "accounts"}]"#,
                              outputs: #"[{"namespace": "postgres://db:5432", "name": "bank.public.risk_mart", "facets": {"ownership": {"owners": [{"name": "risk@bank.example", "type": "team"}]}}}]"#)
        let edges = try OpenLineageEvents.edges(of: Data(text.utf8))
        #expect(edges.map { "\($0.from!)->\($0.to!)" } == ["transactions->risk_mart", "accounts->risk_mart"])
        #expect(edges.allSatisfy { $0.owner == "risk@bank.example" && $0.origin == LineageOrigin(.openLineage, "airflow/risk.build_mart") })
        #expect(OpenLineageEvents.canonical("s3://bucket/path/file.csv") == "s3://bucket/path/file.csv")
    }

    @Test("the columnLineage facet gives column mappings, also from datasets the inputs do not list")
    func columns() throws {
        let facet = #"{"columnLineage": {"_producer": "x", "_schemaURL": "y", "fields": {"exposure": {"inputFields": [{"namespace": "n", "name": "public.accounts", "field": "account_balance"}, {"namespace": "n", "name": "public.fx_rates", "field": "rate"}]}, "account_id": {"inputFields": [{"namespace": "n", "name": "public.accounts", "field": "account_id"}]}}}}"#
        let text = Self.event(inputs: #"[{"namespace": "n", "name": "public.accounts"}]"#,
                              outputs: #"[{"namespace": "n", "name": "public.risk_mart", "facets": \#(facet)}]"#)
        let edges = try OpenLineageEvents.edges(of: Data(text.utf8))
        #expect(edges.count == 2)
        #expect(edges[0].from == "accounts" && Set(edges[0].columns) == [ColumnMapping(from: "account_balance", to: "exposure"), ColumnMapping(from: "account_id", to: "account_id")])
        #expect(edges[1].from == "fx_rates" && edges[1].columns == [ColumnMapping(from: "rate", to: "exposure")])
    }

    @Test("JSON lines: blank lines skipped; a bad line is an error naming file:line and the field, and nothing is returned", arguments: [
        ("not json", "events.jsonl:2: not JSON"),
        ("[1, 2]", "events.jsonl:2: an OpenLineage event is a JSON object"),
        (#"{"eventTime": "t", "producer": "p", "schemaURL": "s", "eventType": "DONE", "run": {"runId": "r"}, "job": {"namespace": "a", "name": "b"}}"#, "events.jsonl:2: eventType is one of"),
        (#"{"eventTime": "t", "producer": "p", "schemaURL": "s", "eventType": "START", "job": {"namespace": "a", "name": "b"}}"#, "events.jsonl:2: a RunEvent needs 'run'"),
        (#"{"eventTime": "t", "producer": "p", "eventType": "START", "run": {"runId": "r"}, "job": {"namespace": "a", "name": "b"}}"#, "events.jsonl:2: 'schemaURL' is missing"),
        (#"{"eventTime": "t", "producer": "p", "schemaURL": "s", "job": {"namespace": "a", "name": 7}}"#, "events.jsonl:2: 'job.name' must be a non-empty string"),
        (#"{"eventTime": "t", "producer": "p", "schemaURL": "s", "job": {"namespace": "a", "name": "b"}, "inputs": [{"namespace": "n"}]}"#, "events.jsonl:2: 'inputs[0].name' is missing"),
        (#"{"eventTime": "t", "producer": "p", "schemaURL": "s", "job": {"namespace": "a", "name": "b"}, "outputs": {"name": "x"}}"#, "events.jsonl:2: outputs must be a list"),
    ])
    func invalid(line: String, message: String) {
        let good = Self.event(inputs: #"[{"namespace": "n", "name": "a"}]"#, outputs: #"[{"namespace": "n", "name": "b"}]"#)
        do {
            _ = try OpenLineageEvents.edges(jsonLines: good + "\n" + line + "\n\n", file: "events.jsonl")
            Issue.record("accepted: \(line)")
        } catch {
            #expect(error.code == .invalidEvent)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test("a JobEvent has edges, a DatasetEvent none; blank lines and repeats are fine")
    func kinds() throws {
        let job = #"{"eventTime": "t", "producer": "p", "schemaURL": "s", "job": {"namespace": "a", "name": "b"}, "inputs": [{"namespace": "n", "name": "x"}], "outputs": [{"namespace": "n", "name": "y"}]}"#
        let dataset = #"{"eventTime": "t", "producer": "p", "schemaURL": "s", "dataset": {"namespace": "n", "name": "x"}}"#
        let edges = try OpenLineageEvents.edges(jsonLines: "\n\(job)\n\(dataset)\n\(job)\n", file: "f")
        #expect(edges.count == 2)
        #expect(LineageGraph(edges: edges).edges.count == 1, "the same job's edge twice is one edge")
    }
}
