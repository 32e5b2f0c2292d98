import AssayCore
import AssayMonitorCore
import Foundation
import Testing

/// The compliance figures from timelines, without a store: shares, coverage, the target rule, incidents, summary.
@Suite("Compliance calculator")
struct ComplianceCalculatorTests {
    /// 2026-03-01T00:00:00Z; the period is ten days from it.
    static let start = Date(timeIntervalSince1970: 1_772_323_200)
    static let day = 86_400.0

    static func at(days: Double) -> Date { start.addingTimeInterval(days * day) }

    static func period(days: Double = 10) throws -> CompliancePeriod { try CompliancePeriod(from: start, to: at(days: days)) }

    static func calculator(rules: [ComplianceRuleSpec]? = nil, targets: ComplianceTargets = ComplianceTargets()) throws -> ComplianceCalculator {
        let period = try period()
        return ComplianceCalculator(suite: "bank", period: period, measured: period, rules: rules, targets: targets)
    }

    static func timeline(_ key: String = "t.c", severity: Severity = .high, before: CheckStatus? = nil,
                         changes: [(Double, CheckStatus)], counts: StatusCounts, last: Double? = nil) -> CheckTimeline {
        CheckTimeline(check: CheckKey(key), table: "t", severity: severity, before: before,
                      changes: changes.map { StatusChange(at: at(days: $0.0), status: $0.1) }, counts: counts,
                      lastRunAt: at(days: last ?? changes.last?.0 ?? 0))
    }

    /// An incident as the monitor's state machine makes it: opened by a failing run, resolved by a person.
    static func incident(_ key: String = "t.c", opened: Double, resolved: Double?, badRow: Double? = nil) -> Incident {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "i-\(opened)" }
        _ = machine.observe(CheckObservation(check: CheckKey(key), table: "t", severity: .high, status: .fail, message: "bad",
                                             at: at(days: opened), firstBadRowAt: badRow.map { at(days: $0) }))
        if let resolved { _ = machine.resolve(by: "ana", at: at(days: resolved)) }
        return machine.incident!
    }

    @Test("a period without runs: every rule of the suite says NO DATA and no figure; the summary too")
    func emptyPeriod() throws {
        let rules = [ComplianceRuleSpec(check: CheckKey("t.a"), table: "t", severity: .critical),
                     ComplianceRuleSpec(check: CheckKey("t.b"), table: "t", severity: .low)]
        let report = try Self.calculator(rules: rules).report(timelines: [], incidents: [], remediation: nil)
        #expect(report.rules.map(\.status) == [.noData, .noData])
        #expect(report.rules.allSatisfy { $0.runShare == nil && $0.timeShare == nil && $0.coverage == nil })
        #expect(report.rules.map(\.target) == [99, 90])
        #expect(report.summary.status == .noData && report.summary.noData == 2 && report.summary.runShare == nil)
        #expect(report.exitCode == 1)
        #expect(report.rules.allSatisfy { $0.rowsQuarantined == nil && $0.rowsFixed == nil } && !report.remediationLogged)
    }

    @Test("runs only before the period are no data, even with a status known at its start")
    func runsOnlyBefore() throws {
        let stale = Self.timeline(before: .pass, changes: [], counts: StatusCounts())
        let report = try Self.calculator().report(timelines: [stale], incidents: [], remediation: nil)
        #expect(report.rules.isEmpty, "without a suite, only checks with runs (or incidents) in the period are rules")
        let withSuite = try Self.calculator(rules: [ComplianceRuleSpec(check: CheckKey("t.c"), table: "t", severity: .high)])
            .report(timelines: [stale], incidents: [], remediation: nil)
        #expect(withSuite.rules.map(\.status) == [.noData] && withSuite.rules[0].timeShare == nil)
    }

    @Test("the status before the period holds from its start; each status holds until the next change; the last until the end")
    func timeShare() throws {
        // PASS from the start (a run before), FAIL at day 2, PASS at day 2.5: half a day of ten not in compliance.
        let t = Self.timeline(before: .pass, changes: [(0.5, .pass), (2, .fail), (2.5, .pass)],
                              counts: StatusCounts(pass: 38, fail: 2), last: 9.75)
        let rule = try #require(try Self.calculator().report(timelines: [t], incidents: [], remediation: nil).rules.first)
        #expect(rule.compliantMilliseconds == Int64(9.5 * Self.day * 1000))
        #expect(rule.knownMilliseconds == Int64(10 * Self.day * 1000))
        #expect(rule.timeShare == 95 && rule.coverage == 100 && rule.runShare == 95)
        #expect(rule.status == .meeting, "HIGH's 95 % met exactly on both shares")
        #expect(rule.statusAtStart == .pass && rule.firstRunAt == Self.at(days: 0.5) && rule.lastRunAt == Self.at(days: 9.75))
    }

    @Test("a check added mid-period: the time before its first run is unknown, not compliant, and shown as coverage")
    func addedMidPeriod() throws {
        let t = Self.timeline(changes: [(5, .pass)], counts: StatusCounts(pass: 20))
        let rule = try #require(try Self.calculator().report(timelines: [t], incidents: [], remediation: nil).rules.first)
        #expect(rule.runShare == 100 && rule.timeShare == 50 && rule.coverage == 50)
        #expect(rule.status == .failing && rule.statusAtStart == nil)
    }

    @Test("WARN passes; FAIL and ERROR do not (an ERROR is no evidence of compliance)")
    func passingStatuses() throws {
        let t = Self.timeline(before: .warn, changes: [(0, .warn), (4, .error), (6, .fail), (8, .pass)],
                              counts: StatusCounts(pass: 1, warn: 1, fail: 1, error: 1))
        let report = try Self.calculator().report(timelines: [t], incidents: [], remediation: nil)
        let rule = try #require(report.rules.first)
        #expect(rule.passedRuns == 2 && rule.runShare == 50 && rule.timeShare == 60)
        #expect(report.passingStatuses == [.pass, .warn])
    }

    @Test("runs at the same instant: the later change holds, the earlier lasts no time")
    func ties() throws {
        let t = Self.timeline(before: .pass, changes: [(3, .fail), (3, .pass)], counts: StatusCounts(pass: 1, fail: 1))
        let rule = try #require(try Self.calculator().report(timelines: [t], incidents: [], remediation: nil).rules.first)
        #expect(rule.timeShare == 100 && rule.runShare == 50)
    }

    @Test("targets: the check's sla over the suite's severity target over the default")
    func targets() throws {
        let rules = [ComplianceRuleSpec(check: CheckKey("t.a"), table: "t", severity: .critical, sla: 99.9),
                     ComplianceRuleSpec(check: CheckKey("t.b"), table: "t", severity: .high),
                     ComplianceRuleSpec(check: CheckKey("t.c"), table: "t", severity: .medium)]
        let report = try Self.calculator(rules: rules, targets: ComplianceTargets(bySeverity: [.high: 97]))
            .report(timelines: [], incidents: [], remediation: nil)
        #expect(report.rules.map(\.target) == [99.9, 97, 90])
        #expect(report.rules.map(\.targetSource) == [.check, .suite, .default])
    }

    @Test("a rule just below the target fails; the comparison is exact (no rounding)")
    func belowTarget() throws {
        // 98 of 99 runs: 98.9898… % against CRITICAL's 99.
        let t = Self.timeline(severity: .critical, before: .pass, changes: [(0, .pass)], counts: StatusCounts(pass: 98, fail: 1))
        let rule = try #require(try Self.calculator().report(timelines: [t], incidents: [], remediation: nil).rules.first)
        #expect(rule.timeShare == 100 && rule.status == .failing)
        #expect(try Self.calculator().report(timelines: [t], incidents: [], remediation: nil).exitCode == 2)
    }

    @Test("incidents that span the period's edges count as open in it; MTTD over those opened in it, MTTR over those resolved in it")
    func incidentsAcrossEdges() throws {
        let incidents = [
            Self.incident(opened: -3, resolved: -1),        // resolved before the period: not in it
            Self.incident(opened: -2, resolved: 12),        // spans the whole period: open at its end
            Self.incident(opened: -1, resolved: 1),         // resolved in it: MTTR 2 days
            Self.incident(opened: 4, resolved: 5, badRow: 3.5),   // MTTD half a day, MTTR a day
            Self.incident(opened: 9, resolved: nil, badRow: 9),   // still open
            Self.incident(opened: 10, resolved: nil),       // opened at the period's end (excluded): not in it
        ]
        let t = Self.timeline(before: .fail, changes: [(0, .fail)], counts: StatusCounts(fail: 1))
        let report = try Self.calculator().report(timelines: [t], incidents: incidents, remediation: nil)
        let figures = try #require(report.rules.first).incidents
        #expect(figures == IncidentFigures(count: 4, opened: 2, resolved: 2, stillOpen: 2, mttdSeconds: 0.25 * Self.day, mttrSeconds: 1.5 * Self.day))
        #expect(report.summary.incidents == figures)
    }

    @Test("a check that only has an incident in the period is a rule with no data but its incident")
    func incidentOnly() throws {
        let report = try Self.calculator().report(timelines: [], incidents: [Self.incident("t.gone", opened: -1, resolved: nil)], remediation: nil)
        #expect(report.rules.map(\.check) == [CheckKey("t.gone")] && report.rules[0].status == .noData && report.rules[0].incidents.stillOpen == 1)
    }

    @Test("the summary counts rules by status and severity, CRITICAL first, and pools the runs")
    func summary() throws {
        let timelines = [
            Self.timeline("t.a", severity: .critical, before: .pass, changes: [(0, .pass)], counts: StatusCounts(pass: 10)),
            Self.timeline("t.b", severity: .low, before: .fail, changes: [(0, .fail)], counts: StatusCounts(fail: 10)),
        ]
        let rules = [ComplianceRuleSpec(check: CheckKey("t.a"), table: "t", severity: .critical),
                     ComplianceRuleSpec(check: CheckKey("t.b"), table: "t", severity: .low),
                     ComplianceRuleSpec(check: CheckKey("t.c"), table: "t", severity: .low)]
        let report = try Self.calculator(rules: rules).report(timelines: timelines, incidents: [],
                                                              remediation: [CheckKey("t.a"): RemediationCount(quarantined: 5, fixed: 2)])
        let s = report.summary
        #expect(s.status == .failing && s.rules == 3 && s.meeting == 1 && s.failing == 1 && s.noData == 1)
        #expect(s.bySeverity.map(\.severity) == [.critical, .low])
        #expect(s.bySeverity[1].rules == 2 && s.bySeverity[1].meeting == 0 && s.bySeverity[1].failing == 1 && s.bySeverity[1].noData == 1)
        #expect(s.runs == 20 && s.passedRuns == 10 && s.runShare == 50 && s.timeShare == 50)
        #expect(report.rules.map(\.rowsQuarantined) == [5, 0, 0] && s.rowsQuarantined == 5 && s.rowsFixed == 2)
        #expect(report.rules.map(\.inSuite) == [true, true, true])
    }

    @Test("a period that is not over is measured up to now; one that has not started is an error")
    func measuredPeriod() throws {
        let period = try Self.period()
        #expect(try period.measured(asOf: Self.at(days: 20)) == period)
        let half = try period.measured(asOf: Self.at(days: 5))
        #expect(half.from == period.from && half.to == Self.at(days: 5))
        #expect(throws: CompliancePeriod.Invalid.self) { try period.measured(asOf: Self.at(days: -1)) }
        // Measured up to day 5, a check that passed throughout is in compliance all of the measured time.
        let t = Self.timeline(before: .pass, changes: [(1, .pass)], counts: StatusCounts(pass: 4))
        let report = ComplianceCalculator(suite: "bank", period: period, measured: half, rules: nil).report(timelines: [t], incidents: [], remediation: nil)
        #expect(report.rules.first?.timeShare == 100 && report.measuredTo == Self.at(days: 5) && report.to == Self.at(days: 10))
    }
}

/// Command-line dates: UTC days (the end day included), instants with zones, and clear errors.
@Suite("Compliance period")
struct CompliancePeriodTests {
    @Test("a UTC day is 86,400 s also on a daylight-saving day; --to includes its whole day")
    func days() throws {
        let p = try CompliancePeriod.parse(from: "2026-03-29", to: "2026-03-29")
        #expect(p.to.timeIntervalSince(p.from) == 86_400)
        #expect(p.from == Date(timeIntervalSince1970: 1_774_742_400))
        let march = try CompliancePeriod.parse(from: "2026-03-01", to: "2026-03-31")
        #expect(march.to.timeIntervalSince(march.from) == 31 * 86_400)
        let leap = try CompliancePeriod.parse(from: "2028-02-29", to: "2028-02-29")
        #expect(leap.toMilliseconds - leap.fromMilliseconds == 86_400_000)
    }

    @Test("instants with a zone, to the millisecond")
    func instants() throws {
        let p = try CompliancePeriod.parse(from: "2026-03-01T08:00:00.250+02:00", to: "2026-03-01T12:00:00Z")
        #expect(p.fromMilliseconds == 1_772_344_800_250)
        #expect(p.toMilliseconds == 1_772_366_400_000)
    }

    @Test("bad dates and periods are errors that name the option", arguments: [
        ("2026-02-30", "2026-03-01", "--from '2026-02-30' is not a date"),
        ("2026-03-01", "2026-13-01", "--to '2026-13-01' is not a date"),
        ("yesterday", "2026-03-01", "--from 'yesterday' is not a date"),
        ("2026-03-01T10:00:00", "2026-03-02", "--from '2026-03-01T10:00:00' is not a date"),
        ("2026-3-1", "2026-03-02", "--from '2026-3-1' is not a date"),
        ("2026-03-05", "2026-03-01", "the period must end after it starts"),
        ("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", "the period must end after it starts"),
    ])
    func invalid(from: String, to: String, message: String) {
        #expect {
            _ = try CompliancePeriod.parse(from: from, to: to)
        } throws: { error in
            (error as? CompliancePeriod.Invalid)?.message.contains(message) == true
        }
    }
}
