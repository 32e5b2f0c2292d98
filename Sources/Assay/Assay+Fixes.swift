import AssayStore
import Foundation

extension Assay {
    /// The fix actions of a run, each with every value it changed or left for review, from the audit log.
    /// - Throws: ``AssayError`` when the store cannot be read.
    public static func fixes(run: RunID, store url: String) async throws(AssayError) -> [(RemediationEntry, [FixRecord])] {
        do {
            return try await StoreFactory.withStore(url) { store throws(StoreError) -> [(RemediationEntry, [FixRecord])] in
                let log = try log(of: store)
                var found: [(RemediationEntry, [FixRecord])] = []
                for entry in try await log.remediations(run: run, check: nil, incident: nil, last: 10_000).reversed() where entry.action == .fix {
                    found.append((entry, try await log.fixes(of: entry.id)))
                }
                return found
            }
        } catch {
            throw AssayError(error)
        }
    }

    /// Puts back every value the fixes of `run` changed, in one transaction, and enters the undo in the audit log. A
    /// value changed since it was fixed stops the undo: nothing is put back, and the row is named.
    /// - Returns: the values put back.
    public static func undoFixes(run: RunID, store url: String, writer writerURL: String, actor: String = "assay fixes undo",
                                 clock: any RunClock = WallClock()) async throws(AssayError) -> Int {
        let writer: any RowWriter
        do throws(RemediationError) { writer = try WriterFactory.open(writerURL) } catch { throw AssayError(error) }
        return try await inStore(url) { store throws(StoreError) -> Result<Int, RemediationError> in
            let log = try log(of: store)
            var actions: [(RemediationEntry, [FixRecord])] = []
            for entry in try await log.remediations(run: run, check: nil, incident: nil, last: 10_000) where entry.action == .fix {
                let open = try await log.fixes(of: entry.id).filter { $0.applied && $0.undoneAt == nil }
                if !open.isEmpty { actions.append((entry, open)) }
            }
            let changes = actions.flatMap { _, records in
                records.map { FixUndo.Change(table: $0.table, key: $0.key, column: $0.column, fixed: $0.newValue, original: $0.oldValue) }
            }
            guard !changes.isEmpty else {
                return .failure(RemediationError(.nothingToDo, "run \(run) has no applied fixes left to undo (assay fixes list \(run) shows its fixes)"))
            }
            let undone: Int
            do throws(RemediationError) { undone = try await FixUndo.undo(changes, with: writer) } catch { return .failure(error) }
            let at = clock.now()
            for (entry, records) in actions {
                try await log.markUndone(action: entry.id, sequences: records.map(\.sequence), at: at)
                try await log.record(RemediationEntry(id: entry.id + ".undo", at: at, suite: entry.suite, run: entry.run, check: entry.check,
                                                      table: entry.table, action: .undo, target: entry.table, rows: records.count,
                                                      incident: entry.incident, actor: actor, writer: writer.displayName, refersTo: entry.id),
                                     fixes: [])
            }
            return .success(undone)
        }
    }
}
