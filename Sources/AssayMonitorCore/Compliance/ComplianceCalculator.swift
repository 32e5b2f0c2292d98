import AssayCore
import Foundation

/// Computes a ``ComplianceReport`` from what the store returned for a period. Pure: no I/O, no clock (the report's
/// "now" comes in through the period, see ``CompliancePeriod/measured(asOf:)``).
public struct ComplianceCalculator: Sendable {
    public var suite: String
    /// The period asked for.
    public var period: CompliancePeriod
    /// The part of it that is measured: up to `asOf` when the period is not over.
    public var measured: CompliancePeriod
    /// The suite's checks, when a suite was given (then every one of them is a rule, with or without runs).
    public var rules: [ComplianceRuleSpec]?
    public var targets: ComplianceTargets

    public init(suite: String, period: CompliancePeriod, measured: CompliancePeriod, rules: [ComplianceRuleSpec]?,
                targets: ComplianceTargets = ComplianceTargets()) {
        self.suite = suite
        self.period = period
        self.measured = measured
        self.rules = rules
        self.targets = targets
    }

    /// The report: one rule per check of the suite and per check with runs or incidents in the period.
    /// - Parameters:
    ///   - timelines: the checks with runs in the measured period (others are ignored).
    ///   - incidents: the suite's incidents (those not open in the period are ignored).
    ///   - remediation: rows quarantined and fixed per check, from the store's remediation log; `nil` when it has none.
    public func report(timelines: [CheckTimeline], incidents: [Incident], remediation: [CheckKey: RemediationCount]?) -> ComplianceReport {
        let byCheck = Dictionary(timelines.filter { $0.counts.total > 0 }.map { ($0.check, $0) }, uniquingKeysWith: { first, _ in first })
        let open = incidents.filter(overlapsPeriod)
        let incidentsByCheck = Dictionary(grouping: open, by: \.check)
        var specs: [CheckKey: ComplianceRuleSpec] = [:]
        for spec in rules ?? [] where specs[spec.check] == nil { specs[spec.check] = spec }
        let keys = Set(specs.keys).union(byCheck.keys).union(incidentsByCheck.keys).sorted()
        let reported = keys.map { key in
            rule(key, spec: specs[key], timeline: byCheck[key], incidents: incidentsByCheck[key] ?? [], remediation: remediation)
        }
        return ComplianceReport(suite: suite, from: period.from, to: period.to, measuredTo: measured.to,
                                passingStatuses: CheckStatus.allCases.filter(CompliancePolicy.passing.contains),
                                remediationLogged: remediation != nil, rules: reported,
                                summary: summary(reported, incidents: open, remediation: remediation != nil))
    }

    private func rule(_ key: CheckKey, spec: ComplianceRuleSpec?, timeline: CheckTimeline?, incidents: [Incident],
                      remediation: [CheckKey: RemediationCount]?) -> RuleCompliance {
        let severity = spec?.severity ?? timeline?.severity ?? incidents.last?.severity ?? .medium
        let (target, source): (Double, TargetSource) =
            if let sla = spec?.sla { (sla, .check) } else if targets.bySeverity[severity] != nil { (targets.target(for: severity), .suite) }
            else { (targets.target(for: severity), .default) }
        let table = spec?.table ?? timeline?.table ?? incidents.first?.table ?? String(key.rawValue.prefix { $0 != "." })
        var rule = RuleCompliance(
            check: key, table: table, severity: severity, description: spec?.description, inSuite: rules.map { _ in spec != nil },
            target: target, targetSource: source, status: .noData, runs: StatusCounts(), passedRuns: 0, runShare: nil,
            compliantMilliseconds: 0, knownMilliseconds: 0, timeShare: nil, coverage: nil, statusAtStart: nil,
            firstRunAt: nil, lastRunAt: nil, incidents: figures(incidents),
            rowsQuarantined: remediation.map { $0[key]?.quarantined ?? 0 }, rowsFixed: remediation.map { $0[key]?.fixed ?? 0 })
        guard let timeline, let first = timeline.changes.first else { return rule }
        let time = Self.time(timeline, in: measured)
        let length = Double(measured.toMilliseconds - measured.fromMilliseconds)
        rule.runs = timeline.counts
        rule.passedRuns = timeline.counts.passing
        rule.runShare = Double(rule.passedRuns) * 100 / Double(timeline.counts.total)
        rule.compliantMilliseconds = time.compliant
        rule.knownMilliseconds = time.known
        rule.timeShare = Double(time.compliant) * 100 / length
        rule.coverage = Double(time.known) * 100 / length
        rule.statusAtStart = timeline.before
        rule.firstRunAt = first.at
        rule.lastRunAt = timeline.lastRunAt
        // Compared without rounding or division: passed × 100 ≥ target × runs, compliant ms × 100 ≥ target × period ms.
        let meets = Double(rule.passedRuns) * 100 >= target * Double(timeline.counts.total) && Double(time.compliant) * 100 >= target * length
        rule.status = meets ? .meeting : .failing
        return rule
    }

    /// Milliseconds in compliance and known in `period`: each status holds from its run until the next change (or the
    /// period's end); the status before the period holds from its start; before the first run nothing is known.
    static func time(_ timeline: CheckTimeline, in period: CompliancePeriod) -> (compliant: Int64, known: Int64) {
        let start = period.fromMilliseconds, end = period.toMilliseconds
        var segments: [(at: Int64, status: CheckStatus)] = timeline.before.map { [(start, $0)] } ?? []
        segments += timeline.changes.map { (min(max(CompliancePeriod.milliseconds($0.at), start), end), $0.status) }
        var compliant: Int64 = 0, known: Int64 = 0
        for (index, segment) in segments.enumerated() {
            let next = index + 1 < segments.count ? segments[index + 1].at : end
            let length = max(0, next - segment.at)
            known += length
            if CompliancePolicy.passing.contains(segment.status) { compliant += length }
        }
        return (compliant, known)
    }

    /// Open at some moment of the period: opened before its end, not resolved before its start.
    private func overlapsPeriod(_ incident: Incident) -> Bool {
        incident.openedAt < period.to && (incident.resolvedAt.map { $0 >= period.from } ?? true)
    }

    private func figures(_ incidents: [Incident]) -> IncidentFigures {
        let opened = incidents.filter { $0.openedAt >= period.from && $0.openedAt < period.to }
        let resolved = incidents.filter { incident in incident.resolvedAt.map { $0 >= period.from && $0 < period.to } ?? false }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        return IncidentFigures(count: incidents.count, opened: opened.count, resolved: resolved.count,
                               stillOpen: incidents.filter { incident in incident.resolvedAt.map { $0 >= period.to } ?? true }.count,
                               mttdSeconds: mean(opened.compactMap(\.detectionSeconds)),
                               mttrSeconds: mean(resolved.compactMap(\.resolutionSeconds)))
    }

    private func summary(_ rules: [RuleCompliance], incidents: [Incident], remediation: Bool) -> ComplianceSummary {
        func count(_ status: ComplianceStatus, in rules: [RuleCompliance]) -> Int { rules.filter { $0.status == status }.count }
        let bySeverity = Severity.allCases.reversed().compactMap { severity -> SeveritySummary? in
            let these = rules.filter { $0.severity == severity }
            guard !these.isEmpty else { return nil }
            return SeveritySummary(severity: severity, rules: these.count, meeting: count(.meeting, in: these),
                                   failing: count(.failing, in: these), noData: count(.noData, in: these))
        }
        let runs = rules.reduce(0) { $0 + $1.runs.total }, passed = rules.reduce(0) { $0 + $1.passedRuns }
        let shares = rules.compactMap(\.timeShare)
        let failing = count(.failing, in: rules), meeting = count(.meeting, in: rules)
        return ComplianceSummary(
            status: failing > 0 ? .failing : meeting > 0 ? .meeting : .noData, rules: rules.count, meeting: meeting,
            failing: failing, noData: count(.noData, in: rules), bySeverity: bySeverity, runs: runs, passedRuns: passed,
            runShare: runs > 0 ? Double(passed) * 100 / Double(runs) : nil,
            timeShare: shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count),
            incidents: figures(incidents),
            rowsQuarantined: remediation ? rules.reduce(0) { $0 + ($1.rowsQuarantined ?? 0) } : nil,
            rowsFixed: remediation ? rules.reduce(0) { $0 + ($1.rowsFixed ?? 0) } : nil)
    }
}

extension CompliancePeriod {
    /// The part of the period up to `asOf` (a report's "now"): the period itself when it is over.
    /// - Throws: ``Invalid`` when the period starts at or after `asOf`.
    public func measured(asOf: Date) throws(Invalid) -> CompliancePeriod {
        guard asOf < to else { return self }
        guard from < InstantText.rounded(asOf) else {
            throw Invalid(message: "the period starts at \(InstantText.string(from)), which is not in the past yet; nothing can have been measured")
        }
        return try CompliancePeriod(from: from, to: asOf)
    }
}
