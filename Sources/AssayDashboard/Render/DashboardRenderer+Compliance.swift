import AssayCore
import AssayMonitorCore
import AssayReport
import Foundation

extension DashboardRenderer {
    /// The compliance report as one HTML document (inline CSS, no script): the summary across rules, the counts by
    /// severity, and one row per rule. With route links it carries the dashboard's navigation.
    ///
    /// Hooks: `[data-compliance-summary][data-status]`, each rule `tr[data-rule=KEY][data-status=STATUS]`.
    public func compliance(_ report: ComplianceReport) -> String {
        let f = ComplianceFormatting.self
        let links = Links(style: links, suite: report.suite, days: 30)
        let s = report.summary
        var subtitle = f.instant(report.from) + " to " + f.instant(report.to) + " (UTC, end excluded)"
        if report.measuredTo < report.to { subtitle += " · the period is not over: measured up to " + f.instant(report.measuredTo) }
        let facts: [(String, String)] = [
            ("Status", s.status.rawValue),
            ("Rules", "\(s.rules): \(s.meeting) meeting, \(s.failing) failing, \(s.noData) with no data"),
            ("Runs passed", f.percent(s.runShare) + " % (\(s.passedRuns) of \(s.runs))"),
            ("Mean time share", f.percent(s.timeShare) + " %"),
            ("Incidents", "\(s.incidents.count): \(s.incidents.opened) opened, \(s.incidents.resolved) resolved, \(s.incidents.stillOpen) still open at the end"),
            ("MTTD / MTTR", f.duration(s.incidents.mttdSeconds) + " / " + f.duration(s.incidents.mttrSeconds)),
            ("Rows quarantined / fixed", report.remediationLogged ? f.count(s.rowsQuarantined) + " / " + f.count(s.rowsFixed) : "none (no remediation log)"),
            ("Passing statuses", report.passingStatuses.map(\.rawValue).joined(separator: ", ")),
        ]
        let summary = HTML.element("dl", [.class("meta"), Attribute("data-compliance-summary", ""), Attribute("data-status", s.status.rawValue)],
                                   facts.flatMap { [HTML.element("dt", [], [.text($0.0)]), .element("dd", [], [.text($0.1)])] })
        let severities = grid(Attribute("data-compliance-severities", ""),
                              headers: [("Severity", false), ("Rules", true), ("Meeting", true), ("Failing", true), ("No data", true)],
                              rows: s.bySeverity.map { line in
                                  .element("tr", [Attribute("data-severity", line.severity.rawValue)], [
                                      cell(line.severity.rawValue), cell("\(line.rules)", numeric: true), cell("\(line.meeting)", numeric: true),
                                      cell("\(line.failing)", numeric: true), cell("\(line.noData)", numeric: true),
                                  ])
                              })
        let rules = grid(Attribute("data-compliance-rules", ""),
                         headers: [("Status", false), ("Check", false), ("Severity", false), ("Target %", true), ("Runs", true),
                                   ("Run share %", true), ("Time share %", true), ("Coverage %", true), ("Incidents", true),
                                   ("Still open", true), ("MTTD", true), ("MTTR", true), ("Quarantined", true), ("Fixed", true),
                                   ("Description", false)],
                         rows: report.rules.map { rule in
                             .element("tr", [Attribute("data-rule", rule.check.rawValue), Attribute("data-status", rule.status.rawValue)], [
                                 cell(complianceBadge(rule.status)), cell(link(links.check(rule.check, inReport: false), rule.check.rawValue)),
                                 cell(rule.severity.rawValue), cell(String(format: "%.2f", rule.target), numeric: true),
                                 cell("\(rule.runs.total)", numeric: true), cell(f.percent(rule.runShare), numeric: true),
                                 cell(f.percent(rule.timeShare), numeric: true), cell(f.percent(rule.coverage), numeric: true),
                                 cell("\(rule.incidents.count)", numeric: true), cell("\(rule.incidents.stillOpen)", numeric: true),
                                 cell(f.duration(rule.incidents.mttdSeconds), numeric: true), cell(f.duration(rule.incidents.mttrSeconds), numeric: true),
                                 cell(f.count(rule.rowsQuarantined), numeric: true), cell(f.count(rule.rowsFixed), numeric: true),
                                 cell(.text(rule.description ?? ""), "msg"),
                             ])
                         })
        let nav: [HTML] = if case .routes = links.style { navigation(links, suites: []) } else { [] }
        return document(title: "Assay compliance · " + report.suite, heading: "SLA compliance · " + report.suite, subtitle: subtitle, nav: nav, body: [
            summary,
            .element("h2", [], [.text("By severity")]), severities,
            .element("h2", [], [.text("Rules")]), rules,
            .element("p", [.class("note")], [.text("MEETING: the share of runs that passed and the share of time in compliance are both at or above the target. Time before a check's first known run counts as not in compliance (see coverage). NO DATA: no run in the period.")]),
        ])
    }

    private func complianceBadge(_ status: ComplianceStatus) -> HTML {
        let style = switch status {
        case .meeting: "PASS"
        case .failing: "FAIL"
        case .noData: "WARN"
        }
        return .element("span", [.class("status s-" + style)], [.text(status.rawValue)])
    }
}
