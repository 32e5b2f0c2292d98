import AssayCore
import AssayMonitorCore
import AssayStore
import Foundation

/// The monitor's pages: the incidents list, one incident (with its alerts' delivery state and, on the monitor, the
/// forms that acknowledge, resolve and suppress it), the outbox's deliveries, and the overview's incident panel.
///
/// Hooks: `tr[data-incident=ID][data-status][data-severity]` in lists, `[data-incident-detail=ID][data-status]`,
/// `tr[data-delivery=STATE][data-channel]`, `form[data-command=ack|resolve|suppress]`, `[data-incidents-summary]`
/// with `[data-open-incidents=N]`, `[data-outbox-pending=N]`, `[data-outbox-failed=N]`, `[data-current-incident=ID]`.
extension DashboardRenderer {
    /// `/incidents`: newest first, the unresolved ones first when no status is chosen.
    public func incidents(_ page: IncidentListPage) -> String {
        let links = Links(style: links, suite: nil, days: page.days)
        let chosen = page.status?.rawValue.lowercased()
        let statuses: [Incident.Status] = [.open, .acknowledged, .suppressed, .resolved]
        let filters: [HTML] = ([nil] + statuses.map { $0.rawValue.lowercased() }).map { value in
            .element("a", [.href(links.incidents(status: value)), Attribute("aria-current", value == chosen ? "page" : nil)],
                     [.text(value?.capitalized ?? "All")])
        }
        let title = page.status.map { $0.rawValue.capitalized + " incidents" } ?? "Incidents"
        return document(title: "Assay · " + title, heading: title, subtitle: "\(page.incidents.count) shown · newest first"
                            + (page.status == nil ? ", unresolved ones first" : ""),
                        nav: navigation(links, suites: []), body: [
                            .element("p", [.class("filters"), Attribute("data-filters", "")], filters),
                            page.incidents.isEmpty
                                ? .element("p", [.class("empty")], [.text(page.status == nil ? "No incidents: the monitor has opened none."
                                                                         : "No \(chosen ?? "") incidents.")])
                                : incidentTable(page.incidents, links, now: page.now),
                        ])
    }

    /// `/incidents/{id}`: its fields, timeline and alerts; on the monitor, the forms for what still applies.
    public func incident(_ page: IncidentPage) -> String {
        let i = page.incident
        let links = Links(style: links, suite: page.suite, days: page.days)
        let fields: [(String, HTML)] = [
            ("Incident", .text(i.id)), ("Status", badge(i.status.rawValue)), ("Severity", badge(i.severity.rawValue)),
            ("Table", link(links.table(i.table), i.table)), ("Check", link(links.check(i.check), i.check.rawValue)),
            ("Message", .text(i.message)), ("Worst status", badge(i.worst.rawValue)), ("Latest status", badge(i.latest.rawValue)),
            ("Affected records", .text(Format.count(i.affectedRecords))), ("Failing runs", .text(Format.count(i.failingRuns))),
            ("Opened (UTC)", .text(Format.instant(i.openedAt))), ("Last seen (UTC)", .text(Format.instant(i.lastSeenAt))),
            ("Age", .text(Format.span(page.now.timeIntervalSince(i.openedAt)))),
            ("Acknowledged", .text(i.acknowledgedAt.map { "by \(i.acknowledgedBy ?? "someone") at \(Format.instant($0)) UTC" } ?? "no")),
            ("Suppressed until (UTC)", .text(i.suppressedUntil.map(Format.instant) ?? "-")),
            ("Resolved (UTC)", .text(i.resolvedAt.map(Format.instant) ?? "-")),
            ("Escalations", .text("\(i.escalations)")), ("Reopened", .text("\(i.reopened) time\(i.reopened == 1 ? "" : "s")")),
            ("Alerted", .text(i.alerted ? "yes" : "not yet (below the alert threshold, or suppressed)")),
            ("Time to detect", .text(i.detectionSeconds.map(Format.span) ?? "-")),
            ("Time to resolve", .text(i.resolutionSeconds.map(Format.span) ?? "-")),
            ("Downstream", blastRadius(i, links)),
        ]
        var body: [HTML] = []
        if let notice = page.notice { body.append(.element("p", [.class("note"), Attribute("data-notice", "")], [.text(notice)])) }
        body += [
            .element("p", [], [link(links.incidents(), "All incidents"), .text(" · table "), link(links.table(i.table), i.table),
                               .text(" · check "), link(links.check(i.check), i.check.rawValue)]),
            .element("dl", [.class("meta"), Attribute("data-incident-detail", i.id), Attribute("data-status", i.status.rawValue)],
                     fields.flatMap { [HTML.element("dt", [], [.text($0.0)]), .element("dd", [], [$0.1])] }),
            commandForms(page, links),
            .element("h2", [], [.text("Timeline")]),
            .element("ol", [.class("timeline"), Attribute("data-timeline", "")], page.timeline.map { event in
                .element("li", [], [.element("time", [], [.text(Format.instant(event.at) + " UTC")]), .text(" " + event.what)])
            }),
            .element("h2", [], [.text("Alerts (\(page.deliveries.count) deliveries)")]),
            page.deliveries.isEmpty
                ? .element("p", [.class("empty")], [.text("No alert queued for this incident.")])
                : deliveryTable(page.deliveries, links, showIncident: false),
            .element("h2", [], [.text("Remediation (\(page.remediations.count))")]),
            page.remediations.isEmpty
                ? .element("p", [.class("empty")], [.text("No row was quarantined, flagged or fixed for this incident.")])
                : remediationTable(page.remediations),
        ]
        return document(title: "Assay · incident " + i.id, heading: "Incident · " + i.check.rawValue,
                        subtitle: i.severity.rawValue + " · " + i.status.rawValue + " · suite " + page.suite, nav: navigation(links, suites: []),
                        body: body)
    }

    /// `/alerts`: the outbox's deliveries, newest first; a failed one shows why.
    public func alerts(_ page: AlertListPage) -> String {
        let links = Links(style: links, suite: nil, days: page.days)
        let chosen = page.status?.rawValue
        let filters: [HTML] = ([nil] + QueuedAlert.Status.allCases.map(\.rawValue)).map { value in
            .element("a", [.href(links.alerts(status: value)), Attribute("aria-current", value == chosen ? "page" : nil)], [.text(value ?? "all")])
        }
        let title = chosen.map { "Alerts · " + $0 } ?? "Alerts"
        return document(title: "Assay · " + title, heading: title, subtitle: "\(page.deliveries.count) deliveries shown · newest first",
                        nav: navigation(links, suites: []), body: [
                            .element("p", [.class("filters"), Attribute("data-filters", "")], filters),
                            page.deliveries.isEmpty ? .element("p", [.class("empty")], [.text("No deliveries.")])
                                : deliveryTable(page.deliveries, links, showIncident: true),
                        ])
    }

    // MARK: pieces

    /// The overview's panel: unresolved incidents by severity, the newest few, the outbox's pending and failed counts.
    func incidentSummary(_ summary: IncidentSummary, _ links: Links) -> HTML {
        let open = summary.unresolved.count
        let counts: [HTML] = summary.bySeverity.map { entry in
            .element("span", [Attribute("data-severity-count", entry.severity.rawValue)], [badge(entry.severity.rawValue), .text(" \(entry.count)")])
        }
        let outbox = summary.outbox
        return .element("section", [Attribute("data-incidents-summary", ""), Attribute("data-open-incidents", "\(open)")], [
            .element("h2", [.id("incidents")], [link(links.incidents(), "Open incidents (\(open))")]),
            .element("p", [.class("counts")], counts.isEmpty ? [.text("No open incident.")] : counts),
            open == 0 ? .empty : incidentTable(Array(summary.unresolved.prefix(summary.shown)), links, now: nil),
            open > summary.shown ? .element("p", [], [link(links.incidents(), "All \(open) unresolved incidents")]) : .empty,
            .element("p", [Attribute("data-outbox-pending", "\(outbox.pending + outbox.sending)"), Attribute("data-outbox-failed", "\(outbox.failed)")], [
                .text("Alert outbox: "), link(links.alerts(status: "pending"), "\(outbox.pending + outbox.sending) pending"), .text(" · "),
                outbox.failed == 0 ? .text("0 failed") : .element("a", [.href(links.alerts(status: "failed")), .class("failed")],
                                                                    [.text("\(outbox.failed) failed")]),
                .text(" · \(outbox.sent) sent"),
                .text(outbox.oldestUnsent.map { " · oldest unsent queued " + Format.instant($0) + " UTC" } ?? ""),
            ]),
        ])
    }

    /// The check page's note of its unresolved incident.
    func currentIncident(_ incident: Incident?, _ links: Links) -> HTML {
        guard let i = incident, i.status != .resolved else { return .empty }
        return .element("p", [.class("note"), Attribute("data-current-incident", i.id)], [
            badge(i.status.rawValue), .text(" "), badge(i.severity.rawValue), .text(" Current incident since " + Format.instant(i.openedAt) + " UTC: "),
            link(links.incident(i.id), i.message),
        ])
    }

    private func incidentTable(_ incidents: [Incident], _ links: Links, now: Date?) -> HTML {
        var headers: [(String, Bool)] = [("Incident", false), ("Status", false), ("Severity", false), ("Table", false), ("Check", false),
                                         ("Opened (UTC)", false), ("Last seen (UTC)", false), ("Affected", true)]
        if now != nil { headers += [("Age", true), ("Acknowledged by", false)] }
        return grid(Attribute("data-incidents", ""), headers: headers, rows: incidents.map { i in
            var cells: [HTML] = [
                cell(link(links.incident(i.id), i.id)), cell(badge(i.status.rawValue)), cell(badge(i.severity.rawValue)),
                cell(link(links.table(i.table), i.table)), cell(link(links.check(i.check), i.check.rawValue)), cell(Format.instant(i.openedAt)),
                cell(Format.instant(i.lastSeenAt)), cell(Format.count(i.affectedRecords), numeric: true),
            ]
            if let now { cells += [cell(Format.span(now.timeIntervalSince(i.openedAt)), numeric: true), cell(i.acknowledgedBy ?? "-")] }
            return .element("tr", [Attribute("data-incident", i.id), Attribute("data-status", i.status.rawValue),
                                   Attribute("data-severity", i.severity.rawValue)], cells)
        })
    }

    /// The audit log's actions on an incident: when, what, how many rows, where, who, and how it went.
    private func remediationTable(_ entries: [RemediationEntry]) -> HTML {
        let headers: [(String, Bool)] = [("When (UTC)", false), ("Action", false), ("Rows", true), ("Where", false), ("By", false), ("Id", false), ("Note", false)]
        return grid(Attribute("data-remediations", ""), headers: headers, rows: entries.map { e in
            .element("tr", [Attribute("data-remediation", e.action.rawValue)],
                     [cell(Format.instant(e.at)), cell(e.action.rawValue), cell(Format.count(e.rows)), cell(e.table == e.target ? e.table : e.table + " → " + e.target),
                      cell(e.actor), cell(e.id), cell(.text(e.note ?? (e.refersTo.map { "reverses " + $0 } ?? "")), "msg")])
        })
    }

    private func deliveryTable(_ deliveries: [QueuedAlert], _ links: Links, showIncident: Bool) -> HTML {
        var headers: [(String, Bool)] = [("Delivery", false), ("Alert", false), ("Channel", false), ("Route", false), ("Queued (UTC)", false),
                                         ("Detail", false)]
        if showIncident { headers.insert(("Incident", false), at: 0) }
        return grid(Attribute("data-deliveries", ""), headers: headers, rows: deliveries.map { d in
            var cells: [HTML] = [cell(badge(d.status.rawValue)), cell(d.event.kind.rawValue), cell(d.channel), cell(d.route),
                                 cell(Format.instant(d.queuedAt)), cell(.text(Self.detail(d.delivery)), "msg")]
            if showIncident { cells.insert(cell(link(links.incident(d.event.incident.id), d.event.incident.check.rawValue)), at: 0) }
            return .element("tr", [Attribute("data-delivery", d.status.rawValue), Attribute("data-channel", d.channel)], cells)
        })
    }

    private static func detail(_ state: DeliveryStateMachine.State) -> String {
        switch state {
        case .pending(let attempts, let notBefore):
            "next attempt (\(attempts + 1)) at \(Format.instant(notBefore)) UTC" + (attempts == 0 ? "" : " after \(attempts) failed")
        case .sending(let attempt): "attempt \(attempt) in flight"
        case .sent(let at, let attempts): "sent at \(Format.instant(at)) UTC (attempt \(attempts))"
        case .failed(let reason, let at, let attempts): "failed for good at \(Format.instant(at)) UTC after \(attempts) attempt\(attempts == 1 ? "" : "s"): " + reason
        }
    }

    /// Plain HTML forms posting to `/incidents/{id}/{command}`, which redirects back here: no script needed.
    private func commandForms(_ page: IncidentPage, _ links: Links) -> HTML {
        let commands = page.applicableCommands
        guard !commands.isEmpty else {
            return page.acceptsCommands ? .element("p", [.class("empty")], [.text("Resolved: nothing left to do.")]) : .empty
        }
        let id = page.incident.id
        func who() -> HTML {
            .element("label", [], [.text("Your name "), .element("input", [Attribute("name", "by"), Attribute("autocomplete", "name"),
                                                                          Attribute("maxlength", "100"), Attribute("size", "12")])])
        }
        func form(_ verb: String, _ label: String, _ fields: [HTML]) -> HTML {
            .element("form", [Attribute("method", "post"), Attribute("action", links.incidentCommand(id, verb)), Attribute("data-command", verb)],
                     [who()] + fields + [.element("button", [Attribute("type", "submit")], [.text(label)])])
        }
        var forms: [HTML] = []
        for verb in commands {
            switch verb {
            case "ack": forms.append(form("ack", "Acknowledge", []))
            case "resolve":
                forms.append(form("resolve", "Resolve", [.element("label", [], [.text("Note "), .element("input", [
                    Attribute("name", "note"), Attribute("maxlength", "500"), Attribute("size", "24")])])]))
            default:
                forms.append(form("suppress", "Suppress", [.element("label", [], [.text("Until "), .element("input", [
                    Attribute("name", "until"), Attribute("value", "2h"), Attribute("required", ""), Attribute("size", "22"),
                    Attribute("title", "a span such as 30m, 2h or 1d, or an instant such as 2026-12-01T18:00:00Z")])])]))
            }
        }
        return .element("section", [.class("actions"), Attribute("data-actions", "")], [.element("h2", [], [.text("Act on it")])] + forms)
    }
}

extension Format {
    /// A span as a person reads it: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
    static func span(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded(.down))
        if s < 60 { return "\(s) s" }
        if s < 3_600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3_600) h \(s % 3_600 / 60) min" }
        return "\(s / 86_400) d \(s % 86_400 / 3_600) h"
    }
}
