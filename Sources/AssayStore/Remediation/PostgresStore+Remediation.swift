import AssayCore
import Foundation

extension PostgresStore: RemediationLog {
    public func record(_ entry: RemediationEntry, fixes: [FixRecord]) async throws(StoreError) {
        let entryValues = RemediationTables.values(entry)
        var fixValues: [[StoreValue]] = []
        for fix in fixes { fixValues.append(try RemediationTables.values(fix, action: entry.id)) }
        let rows = fixValues
        try await write { connection in
            try await connection.execute(RemediationTables.insert, entryValues)
            for values in rows { try await connection.execute(RemediationTables.insertFix, values) }
        }
    }

    public func finish(_ id: String, rows: Int, note: String?, fixes: [FixRecord]) async throws(StoreError) {
        var fixValues: [[StoreValue]] = []
        for fix in fixes { fixValues.append(try RemediationTables.values(fix, action: id)) }
        let values = fixValues
        try await write { connection in
            try await connection.execute(RemediationTables.finish, [.integer(Int64(rows)), StoreValue(note), .text(id)])
            for fix in values { try await connection.execute(RemediationTables.insertFix, fix) }
        }
    }

    public func remediations(run: RunID?, check: String?, incident: String?, last: Int) async throws(StoreError) -> [RemediationEntry] {
        let (sql, values) = RemediationTables.select(run: run, check: check, incident: incident, last: last)
        return try await read { connection in try await connection.rows(sql, values).map(RemediationTables.entry) }
    }

    public func openMoves(run: RunID?, check: String?) async throws(StoreError) -> [RemediationEntry] {
        let (sql, values) = RemediationTables.openMoves(run: run, check: check)
        return try await read { connection in try await connection.rows(sql, values).map(RemediationTables.entry) }
    }

    public func fixes(of action: String) async throws(StoreError) -> [FixRecord] {
        try await read { connection in try await connection.rows(RemediationTables.selectFixes, [.text(action)]).map(RemediationTables.fix) }
    }

    public func markUndone(action: String, sequences: [Int], at: Date) async throws(StoreError) {
        let when = InstantText.string(at)
        try await write { connection in
            for sequence in sequences {
                try await connection.execute("UPDATE fixes SET undone_at = ? WHERE action = ? AND seq = ?",
                                             [.text(when), .text(action), .integer(Int64(sequence))])
            }
        }
    }

    public func remediationTotals(suite: String?, from: Date, to: Date) async throws(StoreError) -> [CheckKey: RemediationTotals] {
        let bounds: [StoreValue] = [.text(InstantText.string(from)), .text(InstantText.string(to))]
        let values = bounds + bounds + [StoreValue(suite), StoreValue(suite)]
        return try await read { connection in try RemediationTables.totals(try await connection.rows(RemediationTables.totals, values)) }
    }
}
