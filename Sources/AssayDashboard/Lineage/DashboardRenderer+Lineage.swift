import AssayCore
import AssayMonitorCore

/// The lineage page: the graph as server-side SVG (no script), the impact of the chosen table marked, and tables
/// of what is downstream, the cycles and the dangling edges.
///
/// Hooks: `figure[data-chart=lineage]`, each dataset `g[data-node=NAME][data-kind][data-state=root|impacted|other]`,
/// each edge `path[data-edge=FROM->TO][data-state=impacted|other|dangling]`, `tr[data-downstream=NAME][data-depth]`,
/// `[data-reports-at-risk=N]`, `li[data-cycle]`, `tr[data-dangling]`.
extension DashboardRenderer {
    public func lineage(_ page: LineagePage) -> String {
        let links = Links(style: links, suite: nil, days: 30)
        let graph = page.graph
        var body: [HTML] = []
        if graph.datasets.isEmpty {
            body.append(.element("p", [.class("empty"), Attribute("data-message", "")], [.text(
                "No lineage yet: declare a 'lineage:' section in the suite, keep a data_lineage table in the source, or POST OpenLineage events to /api/v1/lineage.")]))
        } else {
            body.append(.element("p", [.class("note")], [.text("Read from: " + (page.read.isEmpty ? "nothing" : page.read.joined(separator: "; "))
                                                               + ". Click a dataset to see what it feeds.")]))
            body.append(lineageFigure(page, links))
        }
        if let impact = page.impact {
            let what = impact.column.map { "\(impact.root).\($0)" } ?? impact.root
            body.append(.element("h2", [], [.text("Downstream of \(what) (\(impact.downstream.count))")]))
            body.append(.element("p", [Attribute("data-reports-at-risk", "\(impact.reports.count)")], [.text(impact.reports.isEmpty
                ? "No regulatory report is downstream."
                : "Regulatory reports at risk: " + impact.reports.map(\.name).joined(separator: ", "))]))
            if !impact.owners.isEmpty { body.append(.element("p", [], [.text("Owners to tell: " + impact.owners.joined(separator: ", "))])) }
            for note in impact.notes { body.append(.element("p", [.class("note")], [.text(note)])) }
            if !impact.downstream.isEmpty {
                body.append(grid(Attribute("data-downstream-table", impact.root), headers: [("Depth", true), ("Dataset", false), ("Kind", false),
                                                                                             ("Owners", false), ("Path", false)],
                                 rows: impact.downstream.map { asset in
                    .element("tr", [Attribute("data-downstream", asset.name), Attribute("data-depth", "\(asset.depth)")], [
                        cell("\(asset.depth)", numeric: true),
                        cell(link(links.lineage(table: asset.name), asset.name + (asset.columns.isEmpty ? "" : " (" + asset.columns.joined(separator: ", ") + ")")
                                  + (asset.tableLevel ? " [table level]" : ""))),
                        cell(asset.regulatoryReport ? "regulatory report" : asset.kind.rawValue),
                        cell(asset.owners.isEmpty ? "-" : asset.owners.joined(separator: ", ")),
                        cell(asset.path.joined(separator: " → ")),
                    ])
                }))
            }
        }
        let cycles = page.impact?.cycles ?? graph.cycles()
        body.append(.element("h2", [], [.text("Cycles (\(cycles.count))")]))
        body.append(cycles.isEmpty ? .element("p", [.class("empty")], [.text("None.")])
                    : .element("ul", [], cycles.map { .element("li", [Attribute("data-cycle", $0.joined(separator: " -> "))], [.text($0.joined(separator: " → "))]) }))
        let dangling = graph.dangling
        body.append(.element("h2", [], [.text("Dangling edges (\(dangling.count))")]))
        body.append(dangling.isEmpty ? .element("p", [.class("empty")], [.text("None.")])
                    : grid(Attribute("data-dangling-table", ""), headers: [("From", false), ("To", false), ("Transformation", false), ("Owner", false), ("Origin", false)],
                           rows: dangling.map { edge in
                               .element("tr", [Attribute("data-dangling", "\(edge.from ?? "") -> \(edge.to ?? "")")], [
                                   cell(edge.from ?? "(no source)"), cell(edge.to ?? "(no target)"), cell(edge.transformation ?? "-"),
                                   cell(edge.owner ?? "-"), cell(edge.origin.description),
                               ])
                           }))
        let title = page.impact.map { impact in "Lineage · impact of " + (impact.column.map { "\(impact.root).\($0)" } ?? impact.root) } ?? "Lineage"
        return document(title: "Assay · " + title, heading: title,
                        subtitle: "\(graph.datasets.count) datasets · \(graph.edges.count) edges", nav: navigation(links, suites: []), body: body)
    }

    private func lineageFigure(_ page: LineagePage, _ links: Links) -> HTML {
        let graph = page.graph
        let layout = LineageLayout(graph)
        let root = page.impact.map { LineageGraph.key($0.root) }
        let reached = Set((page.impact?.downstream ?? []).map { LineageGraph.key($0.name) })
        let n = SVGCharts.n
        var marks: [HTML] = [
            .element("title", [], [.text(page.impact.map { "Lineage graph; what \($0.root) feeds is marked" } ?? "Lineage graph")]),
            .element("defs", [], [
                .element("marker", [Attribute("id", "arrow"), Attribute("viewBox", "0 0 10 10"), Attribute("refX", "10"), Attribute("refY", "5"),
                                    Attribute("markerWidth", "8"), Attribute("markerHeight", "8"), Attribute("markerUnits", "userSpaceOnUse"),
                                    Attribute("orient", "auto-start-reverse")],
                         [.element("path", [Attribute("d", "M 0 0 L 10 5 L 0 10 z"), Attribute("fill", "#888888")])]),
            ]),
        ]
        var drawn: Set<[String]> = []
        var missing = 0
        for edge in graph.edges {
            let from = edge.from.map(LineageGraph.key), to = edge.to.map(LineageGraph.key)
            if edge.isDangling {
                guard let end = from ?? to, let o = layout.origin(end) else { continue }
                missing += 1
                let y = o.y + LineageLayout.nodeHeight / 2 + Double(missing % 3) * 4
                let x1 = from != nil ? o.x + LineageLayout.nodeWidth : o.x - 40, x2 = from != nil ? x1 + 40 : o.x
                marks.append(.element("path", [Attribute("d", "M \(n(x1)) \(n(y)) L \(n(x2)) \(n(y))"), Attribute("stroke", "#d9534f"),
                                               Attribute("stroke-dasharray", "4 3"), Attribute("fill", "none"),
                                               Attribute("data-edge", "\(edge.from ?? "") -> \(edge.to ?? "")"), Attribute("data-state", "dangling")],
                                      [.element("title", [], [.text("dangling edge: " + (edge.transformation ?? "an end is missing"))])]))
                marks.append(.element("circle", [Attribute("cx", n(from != nil ? x2 : x1)), Attribute("cy", n(y)), Attribute("r", "3"), Attribute("fill", "#d9534f")]))
                continue
            }
            guard let from, let to, drawn.insert([from, to]).inserted, let a = layout.origin(from), let b = layout.origin(to) else { continue }
            let hot = (from == root || reached.contains(from)) && reached.contains(to)
            let x1 = a.x + LineageLayout.nodeWidth, y1 = a.y + LineageLayout.nodeHeight / 2
            let x2 = b.x, y2 = b.y + LineageLayout.nodeHeight / 2
            let d: String
            if x2 > x1 {
                let mid = (x1 + x2) / 2
                d = "M \(n(x1)) \(n(y1)) C \(n(mid)) \(n(y1)) \(n(mid)) \(n(y2)) \(n(x2)) \(n(y2))"
            } else {
                // Back (in a cycle) or within a layer: loop under the boxes.
                let low = max(y1, y2) + LineageLayout.rowHeight * 0.6
                d = "M \(n(x1)) \(n(y1)) C \(n(x1 + 40)) \(n(low)) \(n(x2 - 40)) \(n(low)) \(n(x2)) \(n(y2))"
            }
            let names = "\(graph.datasets[from]?.name ?? from) -> \(graph.datasets[to]?.name ?? to)"
            marks.append(.element("path", [Attribute("d", d), Attribute("fill", "none"), Attribute("stroke", hot ? "#d9534f" : "#9a9a9a"),
                                           Attribute("stroke-width", hot ? "2.5" : "1.2"), Attribute("marker-end", "url(#arrow)"),
                                           Attribute("data-edge", names), Attribute("data-state", hot ? "impacted" : "other")],
                                  [.element("title", [], [.text(names + (edge.transformation.map { ": " + $0 } ?? "")
                                                                + (edge.columns.isEmpty ? "" : " (" + edge.columns.map { "\($0.from)→\($0.to)" }.joined(separator: ", ") + ")"))])]))
        }
        for dataset in graph.sortedDatasets {
            let key = LineageGraph.key(dataset.name)
            guard let o = layout.origin(key) else { continue }
            let state = key == root ? "root" : reached.contains(key) ? "impacted" : "other"
            let fill = state == "root" ? "#d9534f" : state == "impacted" ? "#f0ad4e" : "#f4f4f4"
            let text = state == "root" ? "#ffffff" : "#1a1a1a"
            let label = dataset.name.count > 21 ? String(dataset.name.prefix(20)) + "…" : dataset.name
            let kind = dataset.isRegulatoryReport ? "REPORT" : dataset.kind.rawValue
            marks.append(.element("a", [.href(links.lineage(table: dataset.name) ?? "#")], [
                .element("g", [Attribute("data-node", dataset.name), Attribute("data-kind", dataset.kind.rawValue), Attribute("data-state", state)], [
                    .element("title", [], [.text(dataset.name + " (" + kind + ")" + (dataset.owners.isEmpty ? "" : "; owners: " + dataset.owners.joined(separator: ", ")))]),
                    .element("rect", [Attribute("x", n(o.x)), Attribute("y", n(o.y)), Attribute("width", n(LineageLayout.nodeWidth)),
                                      Attribute("height", n(LineageLayout.nodeHeight)), Attribute("rx", dataset.kind == .feed ? "15" : "4"),
                                      Attribute("fill", fill), Attribute("stroke", dataset.isRegulatoryReport ? "#5b2c83" : "#777777"),
                                      Attribute("stroke-width", dataset.isRegulatoryReport ? "2.5" : "1")]),
                    .element("text", [Attribute("x", n(o.x + 8)), Attribute("y", n(o.y + 18)), Attribute("font-size", "12"), Attribute("fill", text)],
                             [.text(label)]),
                    .element("text", [Attribute("x", n(o.x + LineageLayout.nodeWidth - 6)), Attribute("y", n(o.y + 18)), Attribute("font-size", "9"),
                                      Attribute("text-anchor", "end"), Attribute("fill", text)], [.text(kind == "table" ? "" : kind)]),
                ]),
            ]))
        }
        // As wide as the page allows, never wider than drawn; on a phone it keeps a readable width and scrolls in its box.
        let svg = HTML.element("svg", [Attribute("viewBox", "0 0 \(n(layout.width)) \(n(layout.height))"), Attribute("role", "img"),
                                       Attribute("width", "100%"),
                                       Attribute("style", "max-width: \(n(layout.width))px; min-width: \(n(min(layout.width, 640)))px; font-family: sans-serif;")], marks)
        return .element("figure", [Attribute("data-chart", "lineage")], [.element("div", [.class("scroll")], [svg])])
    }
}

extension Links {
    /// `/lineage?table=NAME` (no link in a self-contained report).
    func lineage(table: String? = nil) -> String? {
        switch style {
        case .anchors: nil
        case .routes(let prefix): prefix + "/lineage" + (table.map { "?table=" + Escape.queryValue($0) } ?? "")
        }
    }
}

extension DashboardRenderer {
    /// An incident's blast radius (`[data-blast-radius=N][data-reports-at-risk=N]`), linked to the lineage page.
    func blastRadius(_ incident: Incident, _ links: Links) -> HTML {
        let text = incident.blastRadius.map { $0.summary() } ?? "not known (no lineage for this table when it opened)"
        return .element("span", [Attribute("data-blast-radius", "\(incident.blastRadius?.assets.count ?? 0)"),
                                 Attribute("data-reports-at-risk", "\(incident.blastRadius?.reports.count ?? 0)")],
                        [.text(text + " "), links.lineage(table: incident.table).map { link($0, "(lineage)") } ?? .empty])
    }

    /// The table page's link to what the table feeds.
    func lineageLink(_ table: String, _ links: Links) -> HTML {
        guard let href = links.lineage(table: table) else { return .empty }
        return .element("p", [Attribute("data-lineage-link", table)], [link(href, "Lineage: what \(table) feeds")])
    }
}
