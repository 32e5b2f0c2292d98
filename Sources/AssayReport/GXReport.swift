import AssayCore
import Foundation

/// One check's outcome in Great Expectations' terms.
package struct GXExpectationResult: Sendable, Hashable {
    package var type: String
    /// Assay's id of the check, which tells two expectations of one type on one column apart.
    package var checkID: String
    package var kwargs: [String: ReportValue]
    package var success: Bool
    /// Why the check could not run; GX reports it as a raised exception.
    package var exception: String?
    package var elementCount: Int?
    package var unexpectedCount: Int?
    package var unexpectedPercent: Double?
    /// The unexpected values Assay fetched (all of them when the run's sample limit allows).
    package var unexpectedList: [ReportValue]?
    package var observedValue: ReportValue?
}

/// Writes a run in Great Expectations' validation-result shape (`success`, `results[].result` with
/// `element_count`, `unexpected_count`, `unexpected_percent`, `partial_unexpected_list`, `observed_value`),
/// so tooling built on GX output keeps working.
public struct GXReport: Sendable {
    /// GX's partial lists hold at most 20 values.
    package static let partialLimit = 20

    public init() {}

    public func render(_ run: SuiteResult) -> String {
        let results = run.results.map(result)
        let passed = results.filter(\.success).count
        let document: [String: ReportValue] = [
            "success": .bool(passed == results.count),
            "suite_name": .string(run.suite),
            "statistics": .object([
                "evaluated_expectations": .integer(Int64(results.count)),
                "successful_expectations": .integer(Int64(passed)),
                "unsuccessful_expectations": .integer(Int64(results.count - passed)),
                "success_percent": results.isEmpty ? .null : .number(Double(passed) * 100 / Double(results.count)),
            ]),
            "meta": .object(["source": .string(run.source), "run_time": .string(InstantText.string(run.startedAt)), "produced_by": .string("assay")]),
            "results": .list(results.map(Self.encode)),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(ReportValue.object(document))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One check's result in GX's terms.
    package func result(_ r: CheckResult) -> GXExpectationResult {
        var kwargs: [String: ReportValue] = [:]
        if case .object(let arguments)? = r.origin?.arguments.map(ReportValue.init) {
            kwargs = arguments
        } else {
            switch r.columns.count {
            case 0: break
            case 1: kwargs["column"] = .string(r.columns[0])
            case 2 where r.kind.rawValue == "column_pair":
                kwargs["column_A"] = .string(r.columns[0])
                kwargs["column_B"] = .string(r.columns[1])
            default: kwargs["column_list"] = .list(r.columns.map(ReportValue.string))
            }
        }
        kwargs["batch_id"] = .string(r.table)
        var out = GXExpectationResult(type: r.origin?.name ?? "assay:" + r.kind.rawValue, checkID: r.check, kwargs: kwargs,
                                      success: r.status == .pass || r.status == .warn)
        if r.status == .error { out.exception = r.message }
        if let violations = r.violations, r.rowsChecked != nil, r.observedValues == nil {
            out.elementCount = r.rowsChecked
            out.unexpectedCount = violations
            out.unexpectedPercent = (r.violationRate ?? 0) * 100
            out.unexpectedList = violations == 0 ? [] : r.sample.map { unexpectedValues($0, result: r) }
        }
        out.observedValue = observed(r)
        // GX lists a table's columns sorted when they do not match the set.
        if r.origin?.name == "expect_table_columns_to_match_set", !out.success, case .list(let names)? = out.observedValue {
            out.observedValue = .list(names.sorted(by: Self.ordered))
        }
        // GX echoes the quantiles it measured next to their values.
        if case .object(var fields)? = out.observedValue, r.kind.rawValue == "quantiles",
           case .object(let ranges)? = kwargs["quantile_ranges"], let quantiles = ranges["quantiles"] {
            fields["quantiles"] = quantiles
            out.observedValue = .object(fields)
        }
        return out
    }

    private func observed(_ r: CheckResult) -> ReportValue? {
        if let values = r.observedValues {
            if r.kind.rawValue == "quantiles" {
                return .object(["values": .list(values.map(ReportValue.init))])
            }
            let listed = values.map(ReportValue.init)
            return .list(r.kind.rawValue.hasPrefix("distinct_") ? listed.sorted(by: Self.ordered) : listed)
        }
        if let value = r.observedValue {
            if r.kind.rawValue == "columns" { return .list(value.description.components(separatedBy: ", ").map(ReportValue.string)) }
            return ReportValue(value)
        }
        if r.kind.rawValue == "row_count" || r.violations == nil { return r.observed.map(ReportValue.number) }
        return nil
    }

    /// The values that broke the check, one per failing row: a value, an `[A, B]` pair, or a `{column: value}` record.
    private func unexpectedValues(_ sample: SampleRows, result r: CheckResult) -> [ReportValue] {
        let lowered = sample.columns.map { $0.lowercased() }
        let positions = r.columns.compactMap { c in lowered.firstIndex(of: c.lowercased()) }
        let repeats = sample.columns.last == "occurrences" ? sample.columns.count - 1 : nil
        var values: [ReportValue] = []
        for row in sample.rows {
            let cells = positions.map { ReportValue(cell: row[$0], numeric: sample.numericColumns.contains(sample.columns[$0])) }
            let value: ReportValue
            if cells.count == 1 {
                value = cells[0]
            } else if r.kind.rawValue == "column_pair" || r.origin?.name.hasPrefix("expect_column_pair_") == true {
                value = .list(cells)
            } else {
                value = .object(Dictionary(uniqueKeysWithValues: zip(positions.map { sample.columns[$0] }, cells)))
            }
            let count = repeats.flatMap { row[$0].flatMap(Int.init) } ?? 1
            values += Array(repeating: value, count: max(1, count))
        }
        return values
    }

    /// A total order for listing values: numbers first, by value, then text.
    static func ordered(_ a: ReportValue, _ b: ReportValue) -> Bool {
        switch (a, b) {
        case (.integer, _), (.number, _):
            if let x = a.double, let y = b.double { x < y } else { true }
        case (_, .integer), (_, .number): false
        case let (.string(x), .string(y)): x < y
        default: false
        }
    }

    private static func encode(_ r: GXExpectationResult) -> ReportValue {
        var result: [String: ReportValue] = [:]
        if let n = r.elementCount { result["element_count"] = .integer(Int64(n)) }
        if let n = r.unexpectedCount { result["unexpected_count"] = .integer(Int64(n)) }
        if let p = r.unexpectedPercent { result["unexpected_percent"] = .number(p) }
        if let list = r.unexpectedList { result["partial_unexpected_list"] = .list(Array(list.prefix(partialLimit))) }
        if let observed = r.observedValue { result["observed_value"] = observed }
        return .object([
            "success": .bool(r.success),
            "expectation_config": .object([
                "type": .string(r.type), "kwargs": .object(r.kwargs), "id": .string(r.checkID),
                "meta": .object(["assay_check_id": .string(r.checkID)]),
            ]),
            "result": .object(result),
            "exception_info": .object([
                "raised_exception": .bool(r.exception != nil),
                "exception_message": r.exception.map(ReportValue.string) ?? .null,
            ]),
        ])
    }
}
