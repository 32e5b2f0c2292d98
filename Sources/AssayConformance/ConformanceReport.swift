import AssayCore
import Foundation

/// One case's outcome.
public struct CaseOutcome: Sendable {
    public enum Group: String, Sendable {
        /// GX itself ran the case on this backend: the agreement target applies.
        case gxRan = "gx_ran"
        /// GX never ran the case on a SQL backend (regex on SQLite, increasing/decreasing, strftime): reported apart.
        case gxNeverRan = "gx_never_ran"
    }

    public enum Outcome: String, Sendable { case agree, disagree, skipped }

    public var id: String
    public var expectation: String
    public var group: Group
    public var outcome: Outcome
    public var reason: String

    init(case c: ConformanceCase, group: Group, outcome: Outcome, reason: String) {
        self.id = c.id
        self.expectation = c.expectation
        self.group = group
        self.outcome = outcome
        self.reason = reason
    }
}

/// Counts of one group of cases.
public struct ConformanceSummary: Sendable, Equatable {
    public var cases = 0, agree = 0, disagree = 0, skipped = 0
    /// Agreement among the cases that ran.
    public var agreement: Double { agree + disagree == 0 ? 1 : Double(agree) / Double(agree + disagree) }

    mutating func add(_ outcome: CaseOutcome.Outcome) {
        cases += 1
        switch outcome {
        case .agree: agree += 1
        case .disagree: disagree += 1
        case .skipped: skipped += 1
        }
    }
}

/// Everything a conformance run found: a table per group, and the JSON report.
public struct ConformanceReport: Sendable {
    public var backend: Backend
    public var outcomes: [CaseOutcome]

    public func summary(_ group: CaseOutcome.Group) -> ConformanceSummary {
        outcomes.filter { $0.group == group }.reduce(into: ConformanceSummary()) { $0.add($1.outcome) }
    }

    /// How many cases were skipped for each reason.
    public func skipReasons(_ group: CaseOutcome.Group? = nil) -> [String: Int] {
        outcomes.filter { $0.outcome == .skipped && (group == nil || $0.group == group) }
            .reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
    }

    /// One row per expectation (cases, agree, disagree, skipped) for each group, then the disagreements.
    public func table() -> String {
        var out = ""
        for (group, title) in [(CaseOutcome.Group.gxRan, "cases GX runs on \(backend.rawValue)"),
                               (.gxNeverRan, "cases GX never ran on SQL backends (reported apart)")] {
            let members = outcomes.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            out += "\n\(title)\n"
            let width = max(11, members.map(\.expectation.count).max() ?? 0)
            out += "expectation".padding(toLength: width, withPad: " ", startingAt: 0) + "  cases  agree  disagree  skipped\n"
            for expectation in Set(members.map(\.expectation)).sorted() {
                let s = members.filter { $0.expectation == expectation }.reduce(into: ConformanceSummary()) { $0.add($1.outcome) }
                out += row(expectation, s, width: width)
            }
            let total = summary(group)
            out += row("total", total, width: width)
            out += "agreement: \(String(format: "%.1f", total.agreement * 100))% of \(total.agree + total.disagree) cases run\n"
            for (reason, count) in skipReasons(group).sorted(by: { $0.key < $1.key }) { out += "skipped \(count): \(reason)\n" }
            for o in members where o.outcome == .disagree { out += "DISAGREE \(o.id): \(o.reason)\n" }
        }
        return out
    }

    private func row(_ name: String, _ s: ConformanceSummary, width: Int) -> String {
        name.padding(toLength: width, withPad: " ", startingAt: 0)
            + String(format: "  %5d  %5d  %8d  %7d\n", s.cases, s.agree, s.disagree, s.skipped)
    }

    /// `{"backend", "summary": {cases, agree, disagree, skipped, agreement_percent, skip_reasons},
    /// "gx_never_ran": {...}, "cases": [{id, expectation, group, outcome, reason}]}`.
    public func json() -> String {
        func summaryJSON(_ group: CaseOutcome.Group) -> JSON {
            let s = summary(group)
            return .object([
                ("cases", .number("\(s.cases)")), ("agree", .number("\(s.agree)")), ("disagree", .number("\(s.disagree)")),
                ("skipped", .number("\(s.skipped)")), ("agreement_percent", .number(String(format: "%.2f", s.agreement * 100))),
                ("skip_reasons", .object(skipReasons(group).sorted { $0.key < $1.key }.map { ($0.key, .number("\($0.value)")) })),
            ])
        }
        let cases = outcomes.map { o in
            JSON.object([("id", .string(o.id)), ("expectation", .string(o.expectation)), ("group", .string(o.group.rawValue)),
                         ("outcome", .string(o.outcome.rawValue)), ("reason", .string(o.reason))])
        }
        return JSON.object([
            ("backend", .string(backend.rawValue)),
            ("summary", summaryJSON(.gxRan)),
            ("gx_never_ran", summaryJSON(.gxNeverRan)),
            ("cases", .array(cases)),
        ]).text + "\n"
    }
}
