import AssayCore
import Foundation
import GRDB

extension SQLiteStore: RemediationLog {
    public func record(_ entry: RemediationEntry, fixes: [FixRecord]) async throws(StoreError) {
        let entryValues = StatementArguments(RemediationTables.values(entry))
        var fixValues: [StatementArguments] = []
        for fix in fixes { fixValues.append(StatementArguments(try RemediationTables.values(fix, action: entry.id))) }
        let rows = fixValues
        try await writing { db in
            try db.execute(sql: RemediationTables.insert, arguments: entryValues)
            for arguments in rows { try db.execute(sql: RemediationTables.insertFix, arguments: arguments) }
        }
    }

    public func finish(_ id: String, rows: Int, note: String?, fixes: [FixRecord]) async throws(StoreError) {
        var fixValues: [StatementArguments] = []
        for fix in fixes { fixValues.append(StatementArguments(try RemediationTables.values(fix, action: id))) }
        let values = fixValues
        try await writing { db in
            try db.execute(sql: RemediationTables.finish, arguments: [rows, note, id])
            for arguments in values { try db.execute(sql: RemediationTables.insertFix, arguments: arguments) }
        }
    }

    public func remediations(run: RunID?, check: String?, incident: String?, last: Int) async throws(StoreError) -> [RemediationEntry] {
        let (sql, values) = RemediationTables.select(run: run, check: check, incident: incident, last: last)
        return try await reading { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(values)).map(RemediationTables.entry) }
    }

    public func openMoves(run: RunID?, check: String?) async throws(StoreError) -> [RemediationEntry] {
        let (sql, values) = RemediationTables.openMoves(run: run, check: check)
        return try await reading { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(values)).map(RemediationTables.entry) }
    }

    public func fixes(of action: String) async throws(StoreError) -> [FixRecord] {
        try await reading { db in try Row.fetchAll(db, sql: RemediationTables.selectFixes, arguments: [action]).map(RemediationTables.fix) }
    }

    public func markUndone(action: String, sequences: [Int], at: Date) async throws(StoreError) {
        let when = InstantText.string(at)
        try await writing { db in
            for sequence in sequences {
                try db.execute(sql: "UPDATE fixes SET undone_at = ? WHERE action = ? AND seq = ?", arguments: [when, action, sequence])
            }
        }
    }

    public func remediationTotals(suite: String?, from: Date, to: Date) async throws(StoreError) -> [CheckKey: RemediationTotals] {
        let bounds: [StoreValue] = [.text(InstantText.string(from)), .text(InstantText.string(to))]
        let values = StatementArguments(bounds + bounds + [StoreValue(suite), StoreValue(suite)])
        return try await reading { db in try RemediationTables.totals(try Row.fetchAll(db, sql: RemediationTables.totals, arguments: values)) }
    }

    private func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(body) } catch { throw Self.describe(error, path: path) }
    }

    private func writing(_ body: @escaping @Sendable (Database) throws -> Void) async throws(StoreError) {
        do { try await pool.write(body) } catch { throw Self.describe(error, path: path) }
    }
}
