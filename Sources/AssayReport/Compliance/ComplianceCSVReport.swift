import AssayCore
import AssayMonitorCore
import Foundation

/// The compliance report as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes
/// doubled): a header, one row per rule (`row` = `rule`), then one `summary` row across rules. Shares have four
/// decimals and are recomputable from the counts and milliseconds beside them; an empty share is no data.
public struct ComplianceCSVReport: Sendable {
    public init() {}

    static let header = ["row", "suite", "from", "to", "check", "table", "severity", "description", "target", "target_source",
                         "status", "runs", "passed_runs", "pass", "warn", "fail", "error", "run_share", "compliant_ms",
                         "known_ms", "period_ms", "time_share", "coverage", "status_at_start", "first_run_at", "last_run_at",
                         "incidents", "incidents_opened", "incidents_resolved", "incidents_open_at_end", "mttd_seconds",
                         "mttr_seconds", "rows_quarantined", "rows_fixed", "rules", "meeting", "failing", "no_data"]

    public func render(_ report: ComplianceReport) -> String {
        let f = ComplianceFormatting.self
        let period = [report.suite, f.instant(report.from), f.instant(report.to)]
        let periodMs = Int64((report.measuredTo.timeIntervalSince1970 * 1000).rounded()) - Int64((report.from.timeIntervalSince1970 * 1000).rounded())
        var rows = [Self.header]
        for rule in report.rules {
            let hasData = rule.status != .noData
            rows.append(["rule"] + period + [
                rule.check.rawValue, rule.table, rule.severity.rawValue, rule.description ?? "", Self.number(rule.target),
                rule.targetSource.rawValue, rule.status.rawValue, "\(rule.runs.total)", "\(rule.passedRuns)", "\(rule.runs.pass)",
                "\(rule.runs.warn)", "\(rule.runs.fail)", "\(rule.runs.error)", Self.share(rule.runShare),
                hasData ? "\(rule.compliantMilliseconds)" : "", hasData ? "\(rule.knownMilliseconds)" : "", "\(periodMs)",
                Self.share(rule.timeShare), Self.share(rule.coverage), rule.statusAtStart?.rawValue ?? "", f.instant(rule.firstRunAt),
                f.instant(rule.lastRunAt)] + Self.incidents(rule.incidents) + [Self.optional(rule.rowsQuarantined),
                Self.optional(rule.rowsFixed), "", "", "", ""])
        }
        let s = report.summary
        rows.append(["summary"] + period + ["", "", "", "", "", "", s.status.rawValue, "\(s.runs)", "\(s.passedRuns)", "", "", "", "",
                                            Self.share(s.runShare), "", "", "\(periodMs)", Self.share(s.timeShare), "", "", "", ""]
            + Self.incidents(s.incidents) + [Self.optional(s.rowsQuarantined), Self.optional(s.rowsFixed), "\(s.rules)",
                                             "\(s.meeting)", "\(s.failing)", "\(s.noData)"])
        return rows.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func incidents(_ i: IncidentFigures) -> [String] {
        ["\(i.count)", "\(i.opened)", "\(i.resolved)", "\(i.stillOpen)", i.mttdSeconds.map(number) ?? "", i.mttrSeconds.map(number) ?? ""]
    }

    private static func share(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
    private static func optional(_ value: Int?) -> String { value.map(String.init) ?? "" }

    /// A number without a needless fraction (`99`, `99.5`, `12.25`).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }

    /// One field, quoted when it holds a comma, a quote, or a line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
