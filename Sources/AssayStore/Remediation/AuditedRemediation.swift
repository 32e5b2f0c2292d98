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
            do throws(StoreError) {
                try await log.record(entry, fixes: [])
            } catch {
                outcomes.append(RemediationOutcome(target: target, destination: entry.target, applied: false, rows: 0,
                                                   error: RemediationError(.writer, "not done: the audit log could not be written (\(error.message))")))
                continue
            }
            var outcome = await remediator.apply(target, with: writer, move: Remediator.MoveContext(id: id, run: run, at: at))
            do throws(StoreError) {
                try await log.finish(id, rows: outcome.rows, note: outcome.message.map { "failed: " + $0 }, fixes: [])
            } catch {
                outcome.message = (outcome.message.map { $0 + "; " } ?? "") + "done, but its entry in the audit log was not completed (\(error.message)); its rows carry the id \(id)"
            }
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
            do throws(StoreError) {
                try await log.record(entry, fixes: [])
            } catch {
                outcomes.append(FixOutcome(target, error: RemediationError(.writer, "not done: the audit log could not be written (\(error.message))")))
                continue
            }
            var outcome = await fixer.apply(target, with: writer, move: Remediator.MoveContext(id: id, run: run, at: at))
            var records: [FixRecord] = []
            for row in outcome.rows where outcome.applied {
                for change in row.changes {
                    records.append(FixRecord(sequence: records.count + 1, table: target.table, key: row.key, column: change.column,
                                             oldValue: change.oldValue, newValue: change.newValue, rule: row.rule.rawValue,
                                             confidence: row.confidence, applied: row.applied))
                }
            }
            do throws(StoreError) {
                try await log.finish(id, rows: outcome.fixed, note: outcome.message.map { "failed: " + $0 }, fixes: records)
            } catch {
                outcome.message = (outcome.message.map { $0 + "; " } ?? "") + "done, but its entry in the audit log was not completed (\(error.message)); the fixes cannot be undone by run"
            }
            outcomes.append(outcome)
        }
        return outcomes
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
