import AssayCore
import Foundation

/// Lineage edges from OpenLineage events (https://openlineage.io/spec/2-0-2/OpenLineage.json): a RunEvent's or
/// JobEvent's every input feeds every output; an output's `columnLineage` facet
/// (`facets.columnLineage.fields.<column>.inputFields[] {namespace, name, field}`) gives the column mappings, and
/// its `ownership` facet (else the job's) the edge's owner. A DatasetEvent carries no edges. Datasets are matched
/// to tables by the last dot-separated part of their name (`public.transactions` is `transactions`); a name with
/// a `/` (a path) is kept whole. The job (`namespace/name`) is the edge's transformation and origin.
public enum OpenLineageEvents {
    static let eventTypes: Set<String> = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"]

    /// The edges of a JSON-lines text: one event per line, blank lines skipped.
    /// - Throws: ``LineageError`` with code `invalidEvent`, naming `file:line` and what is wrong; nothing is
    ///   returned when any line is bad.
    public static func edges(jsonLines text: String, file: String) throws(LineageError) -> [LineageEdge] {
        var edges: [LineageEdge] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            do throws(LineageError) {
                edges += try self.edges(of: Data(trimmed.utf8))
            } catch {
                throw LineageError(.invalidEvent, "\(file):\(number): \(error.message)")
            }
        }
        return edges
    }

    /// The edges of one event, a JSON object.
    /// - Throws: ``LineageError`` with code `invalidEvent` saying what is wrong (the field's path).
    public static func edges(of data: Data) throws(LineageError) -> [LineageEdge] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw LineageError(.invalidEvent, "not JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "cannot be parsed")")
        }
        guard let event = parsed as? [String: Any] else { throw LineageError(.invalidEvent, "an OpenLineage event is a JSON object") }
        for key in ["eventTime", "producer", "schemaURL"] { _ = try string(event, key, at: key) }
        if event["dataset"] != nil, event["job"] == nil { return [] }
        if let type = event["eventType"] {
            guard let text = type as? String, eventTypes.contains(text) else {
                throw LineageError(.invalidEvent, "eventType is one of \(eventTypes.sorted().joined(separator: ", "))")
            }
            guard let run = event["run"] as? [String: Any] else { throw LineageError(.invalidEvent, "a RunEvent needs 'run' (an object with runId)") }
            _ = try string(run, "runId", at: "run.runId")
        }
        guard let job = event["job"] as? [String: Any] else { throw LineageError(.invalidEvent, "the event has no 'job' object") }
        let jobName = "\(try string(job, "namespace", at: "job.namespace"))/\(try string(job, "name", at: "job.name"))"
        let jobOwner = owner(job["facets"])
        let inputs = try datasets(event["inputs"], at: "inputs")
        let outputs = try datasets(event["outputs"], at: "outputs")
        var edges: [LineageEdge] = []
        for (index, output) in outputs.enumerated() {
            let outputName = canonical(output.name)
            // Per input dataset, the column mappings the output's columnLineage facet gives.
            var mapped: [(input: String, columns: [ColumnMapping])] = inputs.map { (canonical($0.name), []) }
            let fields = ((output.facets?["columnLineage"] as? [String: Any])?["fields"])
            if let fields {
                guard let fields = fields as? [String: Any] else {
                    throw LineageError(.invalidEvent, "outputs[\(index)].facets.columnLineage.fields must be an object")
                }
                for (column, value) in fields.sorted(by: { $0.key < $1.key }) {
                    let at = "outputs[\(index)].facets.columnLineage.fields.\(column)"
                    guard let inputFields = (value as? [String: Any])?["inputFields"] as? [Any] else {
                        throw LineageError(.invalidEvent, "\(at).inputFields must be a list")
                    }
                    for (n, item) in inputFields.enumerated() {
                        guard let field = item as? [String: Any] else { throw LineageError(.invalidEvent, "\(at).inputFields[\(n)] must be an object") }
                        _ = try string(field, "namespace", at: "\(at).inputFields[\(n)].namespace")
                        let input = canonical(try string(field, "name", at: "\(at).inputFields[\(n)].name"))
                        let mapping = ColumnMapping(from: try string(field, "field", at: "\(at).inputFields[\(n)].field"), to: column)
                        if let i = mapped.firstIndex(where: { LineageGraph.key($0.input) == LineageGraph.key(input) }) {
                            if !mapped[i].columns.contains(mapping) { mapped[i].columns.append(mapping) }
                        } else {
                            mapped.append((input, [mapping]))
                        }
                    }
                }
            }
            let edgeOwner = owner(output.facets) ?? jobOwner
            for (input, columns) in mapped {
                edges.append(LineageEdge(from: input, to: outputName, columns: columns, transformation: "OpenLineage job \(jobName)",
                                         owner: edgeOwner, origin: LineageOrigin(.openLineage, jobName)))
            }
        }
        return edges
    }

    /// A dataset name as the graph knows it: the last dot-separated part, unless the name is a path.
    public static func canonical(_ name: String) -> String {
        guard !name.contains("/"), let last = name.split(separator: ".").last else { return name }
        return String(last)
    }

    private struct Dataset {
        var name: String
        var facets: [String: Any]?
    }

    private static func datasets(_ value: Any?, at path: String) throws(LineageError) -> [Dataset] {
        guard let value else { return [] }
        guard let items = value as? [Any] else { throw LineageError(.invalidEvent, "\(path) must be a list of datasets") }
        var result: [Dataset] = []
        for (index, item) in items.enumerated() {
            guard let dataset = item as? [String: Any] else { throw LineageError(.invalidEvent, "\(path)[\(index)] must be an object") }
            _ = try string(dataset, "namespace", at: "\(path)[\(index)].namespace")
            let name = try string(dataset, "name", at: "\(path)[\(index)].name")
            let facets = dataset["facets"]
            if facets != nil, !(facets is [String: Any]) { throw LineageError(.invalidEvent, "\(path)[\(index)].facets must be an object") }
            result.append(Dataset(name: name, facets: facets as? [String: Any]))
        }
        return result
    }

    /// The first owner's name of an `ownership` facet (`{owners: [{name, type}]}`), if any.
    private static func owner(_ facets: Any?) -> String? {
        let owners = ((facets as? [String: Any])?["ownership"] as? [String: Any])?["owners"] as? [Any]
        return owners?.lazy.compactMap { ($0 as? [String: Any])?["name"] as? String }.first { !$0.isEmpty }
    }

    private static func string(_ object: [String: Any], _ key: String, at path: String) throws(LineageError) -> String {
        guard let value = object[key] else { throw LineageError(.invalidEvent, "'\(path)' is missing") }
        guard let text = value as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LineageError(.invalidEvent, "'\(path)' must be a non-empty string")
        }
        return text
    }
}
