import AssayCore
import AssayStore

extension DashboardRenderer {
    /// The four panels: completeness and validity trends, record volume, overall score.
    func panels(_ page: OverviewPage) -> HTML {
        let card = page.scorecard
        let overall = card.overallScore
        let status: HealthStatus = overall >= 90 ? .healthy : overall >= 70 ? .atRisk : .critical
        return .element("section", [.class("panels"), Attribute("aria-label", "Quality panels")], [
            SVGCharts.line(page.completeness),
            SVGCharts.line(page.validity),
            SVGCharts.bars(page.volume),
            .join([SVGCharts.gauge(id: "score", title: "Overall quality score", score: overall, status: status,
                                   caption: "The mean of the tables' scores in the latest run, banded HEALTHY ≥ 90, AT_RISK ≥ 70 (the default bands); vs previous run \(Format.change(card.overallChangeFromPrevious)), vs 7 days ago \(Format.change(card.overallChangeFrom7Days))."),
            ]),
        ])
    }

    /// The executive scorecard with history, and the overall score per day under it.
    func scorecard(_ card: ScorecardHistory, _ links: Links) -> HTML {
        let rows = card.tables.map { t in
            HTML.element("tr", [Attribute("data-scorecard-row", t.table), Attribute("data-score", SVGCharts.n(t.score)),
                                Attribute("data-status", t.status.rawValue), .id(Links.tableAnchor(t.table))], [
                cell(link(links.table(t.table), t.table)), cell(Format.score(t.score), numeric: true), cell(badge(t.status.rawValue)),
                cell(Format.count(t.critical), numeric: true), cell(Format.count(t.warnings), numeric: true),
                cell(Format.count(t.errors), numeric: true), cell(Format.change(t.changeFromPrevious), numeric: true),
                cell(Format.change(t.changeFrom7Days), numeric: true), cell(Format.instant(t.lastChecked)),
            ])
        }
        let total = HTML.element("tr", [Attribute("data-scorecard-overall", ""), Attribute("data-score", SVGCharts.n(card.overallScore))], [
            .element("th", [], [.text("Overall")]), cell(Format.score(card.overallScore), numeric: true), cell(""),
            cell(Format.count(card.tables.map(\.critical).reduce(0, +)), numeric: true),
            cell(Format.count(card.tables.map(\.warnings).reduce(0, +)), numeric: true),
            cell(Format.count(card.tables.map(\.errors).reduce(0, +)), numeric: true),
            cell(Format.change(card.overallChangeFromPrevious), numeric: true), cell(Format.change(card.overallChangeFrom7Days), numeric: true),
            cell(Format.instant(card.lastChecked)),
        ])
        return .join([
            .element("h2", [.id("scorecard")], [.text("Scorecard")]),
            grid(Attribute("data-scorecard", card.suite), headers: [("Table", false), ("Score", true), ("Status", false), ("Critical (FAIL)", true),
                                                          ("Warnings (WARN)", true), ("Errors", true), ("vs previous run", true),
                                                          ("vs 7 days ago", true), ("Last checked (UTC)", false)],
                 rows: rows + [total]),
        ])
    }

    /// The latest run's checks that did not pass; in the report each with its masked sample.
    func failing(_ page: OverviewPage, _ links: Links, samples: Bool) -> HTML {
        let failing = page.failingChecks
        var parts: [HTML] = [.element("h2", [.id("failing")], [.text("Failing checks (\(failing.count))")])]
        guard !failing.isEmpty else {
            return .join(parts + [.element("p", [.class("empty")], [.text("Every check passed in the latest run.")])])
        }
        parts.append(results(failing, links, hook: Attribute("data-failing", ""), showTable: true, inReport: Set(failing.map(\.key))))
        if samples {
            for result in failing {
                parts.append(.element("section", [.class("check"), .id(Links.checkAnchor(result.key)), Attribute("data-check-section", result.key.rawValue)], [
                    .element("h3", [], [badge(result.status.rawValue), .text(" " + result.table + " · " + result.check)]),
                    .element("p", [.class("msg")], [.text(result.message)]),
                    failureText(page.latestRun, result),
                    sample(result.sample),
                ]))
            }
        }
        return .join(parts)
    }

    func failureText(_ run: SuiteResult, _ result: CheckResult) -> HTML {
        guard let failure = run.failure(of: result) else { return .empty }
        return .element("p", [.class("note")], [.text("Could not run: " + failure.message)])
    }

    func recentRuns(_ runs: [RunSummary], _ links: Links) -> HTML {
        .join([
            .element("h2", [.id("runs")], [.text("Recent runs")]),
            grid(Attribute("data-runs", ""), headers: [("Started (UTC)", false), ("Status", false), ("Checks", true), ("Fail", true),
                                                       ("Warn", true), ("Error", true), ("Duration", true), ("Run", false)],
                 rows: runs.map { run in
                     .element("tr", [Attribute("data-run-row", run.runID.rawValue)], [
                         cell(Format.instant(run.startedAt)), cell(badge(run.status.rawValue)), cell(Format.count(run.checks), numeric: true),
                         cell(Format.count(run.failed), numeric: true), cell(Format.count(run.warned), numeric: true),
                         cell(Format.count(run.errors), numeric: true), cell(Format.duration(run.durationSeconds), numeric: true),
                         cell(link(links.run(run.runID), run.runID.rawValue)),
                     ])
                 }),
        ])
    }
}
