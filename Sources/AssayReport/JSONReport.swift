import AssayCore
import Foundation

/// The machine-readable report. Its shape is stable and documented in docs/json-report.md:
/// every key is always present (null when it does not apply), keys are snake_case and sorted.
public struct JSONReport: Sendable {
    /// Version of the document's shape; bumped only on incompatible changes.
    public static let formatVersion = 1

    public init() {}

    public func render(_ result: SuiteResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(result))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        var result: SuiteResult
        init(_ result: SuiteResult) { self.result = result }

        enum Key: String, CodingKey {
            case formatVersion = "format_version", suite, source, startedAt = "started_at"
            case durationSeconds = "duration_seconds", status, exitCode = "exit_code", summary, scorecards, results, notices
            case sourceFailure = "source_failure"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(JSONReport.formatVersion, forKey: .formatVersion)
            try c.encode(result.suite, forKey: .suite)
            try c.encode(result.source, forKey: .source)
            try c.encode(result.startedAt, forKey: .startedAt)
            try c.encode((result.durationSeconds * 1000).rounded() / 1000, forKey: .durationSeconds)
            try c.encode(result.status, forKey: .status)
            try c.encode(result.exitCode, forKey: .exitCode)
            try c.encode(["checks": result.results.count, "pass": result.count(.pass), "warn": result.count(.warn),
                          "fail": result.count(.fail), "error": result.count(.error)], forKey: .summary)
            try c.encode(result.scorecards.map(Card.init), forKey: .scorecards)
            try c.encode(result.results.map(Item.init), forKey: .results)
            try c.encode(result.sourceFailure.map { ["code": $0.code.rawValue, "message": $0.message] }, forKey: .sourceFailure)
            try c.encode(result.notices.map { notice in
                ["setting": notice.setting, "reason": notice.reason, "location": notice.location?.description]
            }, forKey: .notices)
        }
    }

    private struct Card: Encodable {
        var card: Scorecard
        init(_ card: Scorecard) { self.card = card }

        enum Key: String, CodingKey { case table, score, status, checks, pass, warn, fail, error, dimensions }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(card.table, forKey: .table)
            try c.encode(card.score, forKey: .score)
            try c.encode(card.status, forKey: .status)
            try c.encode(card.checks, forKey: .checks)
            try c.encode(card.passed, forKey: .pass)
            try c.encode(card.warned, forKey: .warn)
            try c.encode(card.failed, forKey: .fail)
            try c.encode(card.errors, forKey: .error)
            try c.encode(card.dimensions, forKey: .dimensions)
        }
    }

    private struct Item: Encodable {
        var r: CheckResult
        init(_ r: CheckResult) { self.r = r }

        enum Key: String, CodingKey {
            case table, check, kind, columns, status, severity, dimension, rowsChecked = "rows_checked", violations
            case valuesChecked = "values_checked"
            case violationRate = "violation_rate", observed, observedValue = "observed_value"
            case observedValues = "observed_values", thresholds, message, sample, origin, errorCode = "error_code"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(r.table, forKey: .table)
            try c.encode(r.check, forKey: .check)
            try c.encode(r.kind, forKey: .kind)
            try c.encode(r.columns, forKey: .columns)
            try c.encode(r.status, forKey: .status)
            try c.encode(r.severity, forKey: .severity)
            try c.encode(r.dimension, forKey: .dimension)
            try c.encode(r.rowsChecked, forKey: .rowsChecked)
            try c.encode(r.valuesChecked, forKey: .valuesChecked)
            try c.encode(r.violations, forKey: .violations)
            try c.encode(r.violationRate.map { ($0 * 1e8).rounded() / 1e8 }, forKey: .violationRate)
            try c.encode(r.observed, forKey: .observed)
            try c.encode(r.observedValue.map(ReportValue.init), forKey: .observedValue)
            try c.encode(r.observedValues?.map(ReportValue.init), forKey: .observedValues)
            try c.encode(r.thresholds, forKey: .thresholds)
            try c.encode(r.message, forKey: .message)
            try c.encode(r.sample, forKey: .sample)
            try c.encode(r.origin.map { origin in
                ReportValue.object(["name": .string(origin.name), "arguments": origin.arguments.map(ReportValue.init) ?? .null])
            }, forKey: .origin)
            try c.encode(r.errorCode, forKey: .errorCode)
        }
    }
}
