import AssayCore
import AssayStore
import Foundation

/// Renders the dashboard's pages and the self-contained report as HTML documents: inline CSS, inline SVG charts,
/// no script, font or image from anywhere. Every value from data or configuration is escaped (``HTML``).
///
/// Hooks for tests and tools: each chart is a `figure[data-chart=ID]`, each scorecard row a
/// `tr[data-scorecard-row=TABLE][data-score=SCORE]`, the overall score `[data-scorecard-overall][data-score]`.
public struct DashboardRenderer: Sendable {
    public var links: LinkStyle

    public init(links: LinkStyle) { self.links = links }

    /// The self-contained report: the four panels, the scorecard, the failing checks with their masked samples and
    /// the latest run's metadata. Links are anchors within it.
    public func report(_ page: OverviewPage) -> String {
        let links = Links(style: .anchors, suite: page.suite, days: page.days)
        return document(title: "Assay report · " + page.suite, heading: "Data quality report · " + page.suite,
                        subtitle: "Run " + page.latestRun.runID.rawValue + " · " + Format.instant(page.latestRun.startedAt) + " UTC · last \(page.days) days",
                        nav: [], body: [
                            note(page.trendsNote),
                            panels(page),
                            scorecard(page.scorecard, links),
                            failing(page, links, samples: true),
                            .element("h2", [.id("run")], [.text("Latest run")]),
                            runMetadata(page.latestRun),
                        ])
    }

    /// The dashboard's overview page; with `incidents` (a store that keeps the monitor's incidents), its panel of
    /// open incidents and the alert outbox's state.
    public func overview(_ page: OverviewPage, incidents: IncidentSummary? = nil) -> String {
        let links = Links(style: links, suite: page.suite, days: page.days)
        return document(title: "Assay · " + page.suite, heading: "Data quality · " + page.suite,
                        subtitle: "Latest run " + Format.instant(page.latestRun.startedAt) + " UTC · last \(page.days) days",
                        nav: navigation(links, suites: page.suites.map(\.suite)), body: [
                            note(page.trendsNote),
                            incidents.map { incidentSummary($0, links) } ?? .empty,
                            panels(page),
                            scorecard(page.scorecard, links),
                            .element("section", [.class("panels")], [SVGCharts.line(page.scoreHistory)]),
                            failing(page, links, samples: false),
                            recentRuns(page.recentRuns, links),
                        ])
    }

    /// A page that only says something: an empty store, an unknown table, a store that cannot be read.
    public func message(title: String, text: String) -> String {
        let links = Links(style: links, suite: nil, days: 30)
        return document(title: "Assay · " + title, heading: title, subtitle: nil, nav: navigation(links, suites: []),
                        body: [.element("p", [.class("note"), Attribute("data-message", "")], [.text(text)])])
    }

    // MARK: shared pieces

    func document(title: String, heading: String, subtitle: String?, nav: [HTML], body: [HTML]) -> String {
        let page = HTML.element("html", [Attribute("lang", "en")], [
            .element("head", [], [
                .element("meta", [Attribute("charset", "utf-8")]),
                .element("meta", [Attribute("name", "viewport"), Attribute("content", "width=device-width, initial-scale=1")]),
                // No icon to fetch: a browser would otherwise ask the server (or the file's folder) for /favicon.ico.
                .element("link", [Attribute("rel", "icon"), Attribute("href", "data:,")]),
                .element("title", [], [.text(title)]),
                .element("style", [], [HTML(literal: Style.css)]),
            ]),
            .element("body", [.id("top")], [
                .element("header", [], [
                    .element("h1", [], [.text(heading)]),
                    subtitle.map { .element("div", [.class("sub")], [.text($0)]) } ?? .empty,
                    nav.isEmpty ? .empty : .element("nav", [], nav),
                ]),
                .element("main", [], body),
                .element("footer", [], [.text("Assay " + AssayVersion.current)]),
            ]),
        ])
        return "<!DOCTYPE html>\n" + page.markup + "\n"
    }

    func navigation(_ links: Links, suites: [String]) -> [HTML] {
        var items: [HTML] = [.element("a", [.href(links.overview())], [.text("Overview")])]
        if case .routes = links.style { items.append(.element("a", [.href(links.incidents())], [.text("Incidents")])) }
        for days in [7, 30, 90] where days != links.days {
            items.append(.element("a", [.href(links.overview(days: days))], [.text("\(days) days")]))
        }
        for suite in suites where suite != links.suite {
            items.append(.element("a", [.href(links.overview(suite: suite))], [.text("suite " + suite)]))
        }
        return items
    }

    func note(_ text: String?) -> HTML {
        text.map { .element("p", [.class("note"), Attribute("data-trends-note", "")], [.text($0)]) } ?? .empty
    }

    func badge(_ status: String) -> HTML { .element("span", [.class("status s-" + status)], [.text(status)]) }

    func link(_ href: String?, _ text: String) -> HTML {
        guard let href else { return .text(text) }
        return .element("a", [.href(href)], [.text(text)])
    }

    /// A table in a horizontally scrolling box, so a phone never scrolls the page sideways.
    func grid(_ hook: Attribute, headers: [(String, Bool)], rows: [HTML]) -> HTML {
        .element("div", [.class("scroll")], [
            .element("table", [hook], [
                .element("thead", [], [.element("tr", [], headers.map { .element("th", [.class($0.1 ? "num" : "")], [.text($0.0)]) })]),
                .element("tbody", [], rows),
            ]),
        ])
    }

    func cell(_ text: String, numeric: Bool = false) -> HTML { .element("td", [Attribute("class", numeric ? "num" : nil)], [.text(text)]) }

    func cell(_ content: HTML, _ cls: String? = nil) -> HTML { .element("td", [Attribute("class", cls)], [content]) }

    func runMetadata(_ run: SuiteResult) -> HTML {
        let items: [(String, String)] = [
            ("Run", run.runID.rawValue), ("Suite", run.suite), ("Source", run.source),
            ("Started (UTC)", Format.instant(run.startedAt)), ("Finished (UTC)", Format.instant(run.finishedAt)),
            ("Duration", Format.duration(run.durationSeconds)), ("Status", run.status.rawValue),
            ("Exit status", "\(run.exitCode)"),
            ("Checks", "\(run.results.count): \(run.count(.pass)) pass, \(run.count(.warn)) warn, \(run.count(.fail)) fail, \(run.count(.error)) error"),
            ("Assay version", run.assayVersion),
        ]
        return .element("dl", [.class("meta"), Attribute("data-run", run.runID.rawValue)],
                        items.flatMap { [HTML.element("dt", [], [.text($0.0)]), .element("dd", [], [.text($0.1)])] })
    }

    func results(_ results: [CheckResult], _ links: Links, hook: Attribute, showTable: Bool, inReport: Set<CheckKey> = []) -> HTML {
        var headers: [(String, Bool)] = [("Status", false)]
        if showTable { headers.append(("Table", false)) }
        headers += [("Check", false), ("Dimension", false), ("Observed", true), ("Violations", true), ("Rate", true), ("Message", false)]
        return grid(hook, headers: headers, rows: results.map { result in
            var cells: [HTML] = [cell(badge(result.status.rawValue))]
            if showTable { cells.append(cell(link(links.table(result.table), result.table))) }
            let href = links.check(result.key, inReport: inReport.contains(result.key))
            cells += [
                cell(link(href, result.check)), cell(result.dimension.rawValue),
                cell(result.observed.map { Format.number($0, digits: 4) } ?? "-", numeric: true),
                cell(Format.count(result.violations), numeric: true), cell(Format.rate(result.violationRate), numeric: true),
                cell(.text(result.message), "msg"),
            ]
            return .element("tr", [Attribute("data-check", result.key.rawValue), Attribute("data-status", result.status.rawValue)], cells)
        })
    }

    func sample(_ sample: SampleRows?) -> HTML {
        guard let sample, !sample.rows.isEmpty else { return .element("p", [.class("empty")], [.text("No failing-row sample.")]) }
        return grid(Attribute("data-sample", ""), headers: sample.columns.map { ($0, sample.numericColumns.contains($0)) },
                    rows: sample.rows.map { row in
                        .element("tr", [], zip(sample.columns, row).map { column, value in
                            cell(value ?? "NULL", numeric: sample.numericColumns.contains(column))
                        })
                    })
    }
}
