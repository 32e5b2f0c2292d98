import AssayCore
import AssayMonitorCore
import AssayStore

extension DashboardRenderer {
    /// A table's page: score history, its checks in the latest run, its data trend per check.
    public func table(_ page: TablePage) -> String {
        let links = Links(style: links, suite: page.suite, days: page.days)
        let t = page.scorecard
        return document(title: "Assay · " + t.table, heading: "Table " + t.table,
                        subtitle: "Suite " + page.suite + " · score " + Format.score(t.score) + " " + t.status.rawValue + " · last \(page.days) days",
                        nav: navigation(links, suites: []), body: [
                            .element("div", [Attribute("data-table", t.table), Attribute("data-score", SVGCharts.n(t.score))], [
                                .element("p", [], [badge(t.status.rawValue),
                                                   .text(" critical \(t.critical) · warnings \(t.warnings) · errors \(t.errors) · vs previous run "
                                                         + Format.change(t.changeFromPrevious) + " · vs 7 days ago " + Format.change(t.changeFrom7Days))]),
                            ]),
                            note(page.trendsNote),
                            .element("section", [.class("panels")], [SVGCharts.line(page.scoreHistory)]
                                     + (page.checkTrends.map { [SVGCharts.line($0)] } ?? [])),
                            lineageLink(t.table, links),
                            .element("h2", [], [.text("Checks in the latest run")]),
                            .element("p", [], [.text("Run "), link(links.run(page.runID), page.runID.rawValue),
                                               .text(" · " + Format.instant(page.runStartedAt) + " UTC")]),
                            results(page.results, links, hook: Attribute("data-results", t.table), showTable: false),
                        ])
    }

    /// A check's page: its history, latest result and masked failing-row sample; with `incident`, the check's
    /// unresolved incident.
    public func check(_ page: CheckPage, incident: Incident? = nil) -> String {
        let links = Links(style: links, suite: page.suite, days: page.days)
        let r = page.latest
        let details: [(String, String)] = [
            ("Key", r.key.rawValue), ("Table", r.table), ("Kind", r.kind.rawValue), ("Columns", r.columns.joined(separator: ", ")),
            ("Dimension", r.dimension.rawValue), ("Severity", r.severity.rawValue), ("Status", r.status.rawValue),
            ("Rows checked", Format.count(r.rowsChecked)), ("Violations", Format.count(r.violations)), ("Rate", Format.rate(r.violationRate)),
            ("Observed", r.observed.map { Format.number($0, digits: 6) } ?? "-"), ("Message", r.message),
        ]
        return document(title: "Assay · " + r.key.rawValue, heading: "Check " + r.check,
                        subtitle: "Table " + r.table + " · suite " + page.suite + " · last \(page.days) days",
                        nav: navigation(links, suites: []), body: [
                            currentIncident(incident, links),
                            .element("p", [], [.text("Table "), link(links.table(r.table), r.table), .text(" · latest run "),
                                               link(links.run(page.latestRunID), page.latestRunID.rawValue)]),
                            .element("section", [.class("panels")], [SVGCharts.line(page.chart)]),
                            .element("h2", [], [.text("Latest result")]),
                            .element("dl", [.class("meta"), Attribute("data-check", r.key.rawValue), Attribute("data-status", r.status.rawValue)],
                                     details.flatMap { [HTML.element("dt", [], [.text($0.0)]), .element("dd", [], [.text($0.1)])] }),
                            .element("h2", [], [.text("Failing rows (masked)")]),
                            sample(r.sample),
                            .element("h2", [], [.text("History (\(page.history.count) runs)")]),
                            grid(Attribute("data-history", r.key.rawValue), headers: [("Started (UTC)", false), ("Status", false), ("Rows", true),
                                                                                      ("Violations", true), ("Rate", true), ("Observed", true), ("Message", false)],
                                 rows: page.history.suffix(50).reversed().map { p in
                                     .element("tr", [], [cell(link(links.run(p.runID), Format.instant(p.startedAt))), cell(badge(p.status.rawValue)),
                                                         cell(Format.count(p.rowsChecked), numeric: true), cell(Format.count(p.violations), numeric: true),
                                                         cell(Format.rate(p.violationRate), numeric: true),
                                                         cell(p.observed.map { Format.number($0, digits: 4) } ?? "-", numeric: true), cell(.text(p.message), "msg")])
                                 }),
                        ])
    }

    /// A run's page: metadata, failures and every result.
    public func run(_ page: RunPage) -> String {
        let run = page.run
        let links = Links(style: links, suite: run.suite, days: page.days)
        var body: [HTML] = [.element("h2", [], [.text("Run")]), runMetadata(run)]
        if !run.failures.isEmpty {
            body.append(.element("h2", [], [.text("Failures (\(run.failures.count))")]))
            body.append(.element("ul", [Attribute("data-failures", "")], run.failures.map { .element("li", [], [.text($0.message)]) }))
        }
        body.append(.element("h2", [], [.text("Results (\(run.results.count))")]))
        body.append(results(run.results, links, hook: Attribute("data-results", run.runID.rawValue), showTable: true))
        return document(title: "Assay · run " + run.runID.rawValue, heading: "Run " + run.runID.rawValue,
                        subtitle: "Suite " + run.suite + " · " + Format.instant(run.startedAt) + " UTC", nav: navigation(links, suites: []), body: body)
    }
}
