import AssayStore
import Foundation

extension Assay {
    /// The quarantine moves whose rows are still in quarantine, oldest first, from the store's audit log.
    /// - Throws: ``AssayError`` when the store cannot be opened or read.
    public static func quarantined(store url: String) async throws(AssayError) -> [RemediationEntry] {
        do {
            return try await StoreFactory.withStore(url) { store throws(StoreError) in try await log(of: store).openMoves(run: nil, check: nil) }
        } catch {
            throw AssayError(error)
        }
    }

    /// Puts back every row still quarantined by a run, a check (id, `table.id` or key) or one move, exactly as it
    /// was, in one transaction: all of them or, on any conflict (a key used again, a table changed), none.
    /// - Parameter suite: only moves of this suite (by name), when given.
    /// - Returns: the log's restore entries, one per move.
    /// - Throws: ``AssayError`` naming why nothing was restored.
    public static func restore(_ selector: String, store url: String, writer writerURL: String, suite: String? = nil,
                               actor: String = "assay quarantine restore",
                               clock: any RunClock = WallClock()) async throws(AssayError) -> [RemediationEntry] {
        let writer: any RowWriter
        do throws(RemediationError) { writer = try WriterFactory.open(writerURL) } catch { throw AssayError(error) }
        return try await inStore(url) { store throws(StoreError) -> Result<[RemediationEntry], RemediationError> in
            let log = try log(of: store)
            let all = try await log.openMoves(run: nil, check: nil).filter { suite == nil || $0.suite == suite }
            var moves = all.filter { $0.id == selector }
            if moves.isEmpty, let run = RunID(selector) { moves = all.filter { $0.run == run } }
            if moves.isEmpty { moves = try await log.openMoves(run: nil, check: selector).filter { suite == nil || $0.suite == suite } }
            guard !moves.isEmpty else {
                return .failure(RemediationError(.nothingToDo, "nothing quarantined by '\(selector)' is still in quarantine (a run id, a check or a move id; assay quarantine list shows them)"))
            }
            let restored: [String: Int]
            do throws(RemediationError) {
                restored = try await QuarantineRestore.restore(moves.map(\.move), with: writer)
            } catch {
                return .failure(error)
            }
            let at = clock.now()
            var entries: [RemediationEntry] = []
            for move in moves {
                let entry = RemediationEntry(id: move.id + ".restore", at: at, suite: move.suite, run: move.run, check: move.check, table: move.table,
                                             action: .restore, target: move.table, rows: restored[move.id] ?? 0, incident: move.incident,
                                             actor: actor, writer: writer.displayName, refersTo: move.id)
                try await log.record(entry, fixes: [])
                entries.append(entry)
            }
            return .success(entries)
        }
    }

    /// Remediation actions of a run, a check or an incident, newest first.
    public static func remediations(store url: String, run: RunID? = nil, check: String? = nil, incident: String? = nil,
                                    last: Int = 100) async throws(AssayError) -> [RemediationEntry] {
        do {
            return try await StoreFactory.withStore(url) { store throws(StoreError) in
                try await log(of: store).remediations(run: run, check: check, incident: incident, last: last)
            }
        } catch {
            throw AssayError(error)
        }
    }

    /// Runs `body` with the store at `url`; a store error, or the remediation error `body` returns, is the AssayError.
    static func inStore<T: Sendable>(_ url: String, _ body: (any ResultStore) async throws(StoreError) -> Result<T, RemediationError>) async throws(AssayError) -> T {
        let outcome: Result<T, RemediationError>
        do throws(StoreError) { outcome = try await StoreFactory.withStore(url, body) } catch { throw AssayError(error) }
        do throws(RemediationError) { return try outcome.get() } catch { throw AssayError(error) }
    }

    static func log(of store: any ResultStore) throws(StoreError) -> any RemediationLog {
        guard let log = store as? any RemediationLog else { throw StoreError(.notAStore, "this store keeps no remediation audit log") }
        return log
    }
}

extension RemediationEntry {
    /// The move this quarantine entry records.
    var move: QuarantineMove {
        QuarantineMove(id: id, run: run ?? RunID(startingAt: at), check: check ?? CheckKey(rawValue: table), table: table, quarantine: target, rows: rows)
    }
}
