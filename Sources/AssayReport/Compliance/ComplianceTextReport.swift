import AssayCore
import AssayMonitorCore
import Foundation

/// The compliance report for a terminal: one line per rule, then the summary across rules.
public struct ComplianceTextReport: Sendable {
    public init() {}

    public func render(_ report: ComplianceReport) -> String {
        let f = ComplianceFormatting.self
        var lines = ["Compliance · \(report.suite) · \(f.instant(report.from)) to \(f.instant(report.to)) (UTC, end excluded)"]
        if report.measuredTo < report.to { lines.append("The period is not over: measured up to \(f.instant(report.measuredTo)).") }
        var table = TextTable(headers: ["CHECK", "SEVERITY", "TARGET %", "RUNS", "RUN SHARE %", "TIME SHARE %", "COVERAGE %", "INCIDENTS",
                                        "OPEN", "MTTD", "MTTR", "QUARANTINED", "FIXED", "STATUS"])
        for rule in report.rules {
            table.add([rule.check.rawValue, rule.severity.rawValue, String(format: "%.2f", rule.target), "\(rule.runs.total)",
                       f.percent(rule.runShare), f.percent(rule.timeShare), f.percent(rule.coverage), "\(rule.incidents.count)",
                       "\(rule.incidents.stillOpen)", f.duration(rule.incidents.mttdSeconds), f.duration(rule.incidents.mttrSeconds),
                       f.count(rule.rowsQuarantined), f.count(rule.rowsFixed), rule.status.rawValue])
        }
        lines += table.lines()
        let s = report.summary
        lines.append("")
        lines.append("Overall \(s.status.rawValue): \(s.rules) rules, \(s.meeting) meeting, \(s.failing) failing, \(s.noData) with no data")
        for line in s.bySeverity {
            lines.append("  \(line.severity.rawValue): \(line.rules) rules, \(line.meeting) meeting, \(line.failing) failing, \(line.noData) with no data")
        }
        lines.append("Runs passed: \(f.percent(s.runShare)) % (\(s.passedRuns) of \(s.runs)); mean time share: \(f.percent(s.timeShare)) %")
        lines.append("Incidents: \(s.incidents.count) (\(s.incidents.opened) opened, \(s.incidents.resolved) resolved, \(s.incidents.stillOpen) still open at the end); "
            + "MTTD \(f.duration(s.incidents.mttdSeconds)), MTTR \(f.duration(s.incidents.mttrSeconds))")
        lines.append(report.remediationLogged
            ? "Rows quarantined: \(f.count(s.rowsQuarantined)); values fixed: \(f.count(s.rowsFixed))"
            : "Rows quarantined and fixed: none (the store keeps no remediation log)")
        lines.append("Passing statuses: \(report.passingStatuses.map(\.rawValue).joined(separator: ", ")). MEETING: run share and time share both at or above the target.")
        return lines.joined(separator: "\n") + "\n"
    }
}
