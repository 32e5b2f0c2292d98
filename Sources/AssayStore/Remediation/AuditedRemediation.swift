import AssayCore
import AssayMonitorCore
import Foundation

/// Remediation with its audit trail: each action is entered in the store's log before it runs (so even a crash
/// mid-way leaves a trace naming the move, whose rows carry its id) and completed after, with the incident of its
/// check. What `assay remediate --apply` and the monitor's automatic remediation both run.
public struct AuditedRemediation: Sendable {
    public var remediator: Remediator
    public var writer: any RowWriter
    public var log: any RemediationLog
    /// Where the incident of each check is found, to link the action to it.
    public var incidents: (any IncidentStore)?
    /// Who acts, as the log records it (`assay remediate`, `assay monitor`).
    public var actor: String

    public init(remediator: Remediator, writer: any RowWriter, log: any RemediationLog, incidents: (any IncidentStore)?, actor: String) {
        self.remediator = remediator
        self.writer = writer
        self.log = log
        self.incidents = incidents
        self.actor = actor
    }

    /// Applies each target in turn (one transaction each), entering each in the log.
    /// - Returns: one outcome per target; an action the log could not enter is not carried out, and says so.
    public func apply(_ targets: [RemediationTarget], suite: String, run: RunID, at: Date) async -> [RemediationOutcome] {
        let open = await openIncidents(suite: suite)
        var outcomes: [RemediationOutcome] = []
        for (index, target) in targets.enumerated() {
            let id = "\(run.rawValue).\(index + 1)"
            let entry = RemediationEntry(id: id, at: at, suite: suite, run: run, check: target.key, table: target.table,
                                         action: target.action == .quarantine ? .quarantine : .flag,
                                         target: remediator.destination(of: target, columns: nil), rows: 0, incident: open[target.key],
                                         actor: actor, writer: writer.displayName, note: "started")
            let (done, problem) = await audited(entry) {
                await remediator.apply(target, with: writer, move: Remediator.MoveContext(id: id, run: run, at: at))
            } completion: { ($0.rows, $0.message, []) }
            guard var outcome = done else {
                outcomes.append(RemediationOutcome(target: target, destination: entry.target, applied: false, rows: 0,
                                                   error: RemediationError(.writer, problem ?? "")))
                continue
            }
            if let problem { outcome.message = (outcome.message.map { $0 + "; " } ?? "") + problem + "; its rows carry the id \(id)" }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Applies each check's fixes (one transaction each) before any move, entering each in the log with every value it
    /// changed or left for review.
    public func fix(_ targets: [FixableCheck], with fixer: FixApplier, suite: String, run: RunID, at: Date) async -> [FixOutcome] {
        let open = await openIncidents(suite: suite)
        var outcomes: [FixOutcome] = []
        for (index, target) in targets.enumerated() {
            let id = "\(run.rawValue).fix\(index + 1)"
            let entry = RemediationEntry(id: id, at: at, suite: suite, run: run, check: target.key, table: target.table, action: .fix,
                                         target: target.table, rows: 0, incident: open[target.key], actor: actor, writer: writer.displayName,
                                         note: "started")
            let (done, problem) = await audited(entry) {
                await fixer.apply(target, with: writer, move: Remediator.MoveContext(id: id, run: run, at: at))
            } completion: { outcome in (outcome.fixed, outcome.message, Self.records(outcome)) }
            guard var outcome = done else {
                outcomes.append(FixOutcome(target, error: RemediationError(.writer, problem ?? "")))
                continue
            }
            if let problem { outcome.message = (outcome.message.map { $0 + "; " } ?? "") + problem + "; the fixes cannot be undone by run" }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Enters `entry` in the log before `act` runs and completes it after with what `completion` says it came to.
    /// - Returns: the outcome (`nil` when the log could not be written, so nothing was done), and what went wrong with
    ///   the log, if anything.
    private func audited<Outcome: Sendable>(_ entry: RemediationEntry, _ act: () async -> Outcome,
                                            completion: (Outcome) -> (rows: Int, failure: String?, fixes: [FixRecord])) async -> (Outcome?, String?) {
        do throws(StoreError) {
            try await log.record(entry, fixes: [])
        } catch {
            return (nil, "not done: the audit log could not be written (\(error.message))")
        }
        let outcome = await act()
        let (rows, failure, fixes) = completion(outcome)
        do throws(StoreError) {
            try await log.finish(entry.id, rows: rows, note: failure.map { "failed: " + $0 }, fixes: fixes)
            return (outcome, nil)
        } catch {
            return (outcome, "done, but its entry in the audit log was not completed (\(error.message))")
        }
    }

    /// Every value a fix changed or left for review, numbered.
    private static func records(_ outcome: FixOutcome) -> [FixRecord] {
        guard outcome.applied else { return [] }
        var records: [FixRecord] = []
        for row in outcome.rows {
            for change in row.changes {
                records.append(FixRecord(sequence: records.count + 1, table: outcome.table, key: row.key, column: change.column,
                                         oldValue: change.oldValue, newValue: change.newValue, rule: row.rule.rawValue,
                                         confidence: row.confidence, applied: row.applied))
            }
        }
        return records
    }

    private func openIncidents(suite: String) async -> [CheckKey: String] {
        guard let incidents, let records = try? await incidents.incidentStates(suite: suite) else { return [:] }
        var open: [CheckKey: String] = [:]
        for record in records {
            if case .open(let incident, _, _) = record.state { open[record.check] = incident.id }
        }
        return open
    }
}
