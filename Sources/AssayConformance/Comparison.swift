import AssayCore
import AssayReport

/// Compares Assay's answer with GX's the way GX's own test runner did: unexpected lists as multisets,
/// floats with `numpy.allclose` tolerances, dates by the instant they name.
struct Comparison {
    /// GX's relative tolerance (1e-7 unless the case sets one).
    var rtol: Double
    /// GX's absolute tolerance.
    var atol = 0.05

    /// Why the two differ, or `nil` when they agree.
    func difference(expected: ConformanceCase.Expected, actual: GXExpectationResult) -> String? {
        if let success = expected.success, success != actual.success {
            return "GX success \(success), Assay \(actual.success)" + (actual.exception.map { " (\($0))" } ?? "")
        }
        if let count = expected.unexpectedCount, let ours = actual.unexpectedCount, count != ours {
            return "unexpected_count GX \(count), Assay \(ours)"
        }
        if let list = expected.unexpectedList, let ours = actual.unexpectedList, !sameMultiset(list, ours) {
            return "unexpected_list GX \(JSON.array(list).text), Assay \(ours.map(Self.text))"
        }
        if let options = expected.observedValueOneOf, let ours = actual.observedValue {
            if !options.contains(where: { same($0, ours) }) { return "observed_value Assay \(Self.text(ours)), GX one of \(JSON.array(options).text)" }
        } else if let observed = expected.observedValue, !observed.isNull {
            guard let ours = actual.observedValue else { return "observed_value GX \(observed.text), Assay none" }
            if !same(observed, ours) { return "observed_value GX \(observed.text), Assay \(Self.text(ours))" }
        }
        return nil
    }

    private func sameMultiset(_ expected: [JSON], _ actual: [ReportValue]) -> Bool {
        guard expected.count == actual.count else { return false }
        var remaining = actual
        for value in expected {
            guard let index = remaining.firstIndex(where: { same(value, $0) }) else { return false }
            remaining.remove(at: index)
        }
        return true
    }

    func same(_ expected: JSON, _ actual: ReportValue) -> Bool {
        // A number on either side compares as a number, with GX's tolerances.
        if expected.double != nil || actual.double != nil,
           let x = expected.double ?? expected.string.flatMap(Double.init), let y = actual.double ?? actual.stringNumber {
            return abs(x - y) <= atol + rtol * abs(y)
        }
        switch (expected, actual) {
        case (.null, .null): return true
        case (.null, .string(let s)): return s == "None"
        case let (.bool(a), .bool(b)): return a == b
        case let (.bool(a), _): return actual.double == (a ? 1 : 0)
        case let (.string(a), .string(b)):
            if a == b { return true }
            if let x = TemporalText.parseTimestamp(a), let y = TemporalText.parseTimestamp(b) { return x == y }
            return false
        case let (.array(a), .list(b)): return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case let (.object(fields), .object(b)):
            // Quantiles: GX's {"quantiles": [...], "values": [...]} against Assay's values.
            if let values = expected["values"], let ours = b["values"] { return same(values, ours) }
            return fields.count == b.count && fields.allSatisfy { f in b[f.key].map { same(f.value, $0) } ?? false }
        default:
            return false
        }
    }

    static func text(_ value: ReportValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .integer(let n): String(n)
        case .number(let d): d.formatted(maxFractionDigits: 10)
        case .string(let s): JSON.quote(s)
        case .list(let items): "[" + items.map(text).joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.sorted { $0.key < $1.key }.map { JSON.quote($0.key) + ": " + text($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
