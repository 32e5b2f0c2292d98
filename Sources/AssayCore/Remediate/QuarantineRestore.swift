/// One move of rows into a quarantine table, as the audit log records it.
public struct QuarantineMove: Sendable, Hashable, Codable {
    public var id: String
    public var run: RunID
    public var check: CheckKey
    /// The table the rows came from.
    public var table: String
    public var quarantine: String
    public var rows: Int

    public init(id: String, run: RunID, check: CheckKey, table: String, quarantine: String, rows: Int) {
        self.id = id
        self.run = run
        self.check = check
        self.table = table
        self.quarantine = quarantine
        self.rows = rows
    }
}

/// Puts quarantined rows back into their tables exactly (every column as it was), in one transaction for all the
/// moves: every row goes back, or none does.
public enum QuarantineRestore {
    /// - Returns: the rows put back per move id.
    /// - Throws: ``RemediationError`` `.keysReused` when a row now in the table has the key of a row to restore (or a
    ///   key was quarantined twice), `.tableMismatch`, `.noPrimaryKey`, `.nothingToDo`; no row is changed then.
    public static func restore(_ moves: [QuarantineMove], with writer: any RowWriter) async throws(RemediationError) -> [String: Int] {
        guard !moves.isEmpty else { throw RemediationError(.nothingToDo, "there are no quarantined rows to restore") }
        let sql = RemediationSQL(dialect: writer.dialect)
        return try await writer.transaction { tx throws(RemediationError) -> [String: Int] in
            var restored: [String: Int] = [:]
            for move in moves {
                guard let source = try await tx.schema(of: move.table) else {
                    throw RemediationError(.unknownTable, "table '\(move.table)' no longer exists, so the rows of move \(move.id) cannot go back", table: move.table)
                }
                guard let quarantine = try await tx.schema(of: move.quarantine) else {
                    throw RemediationError(.unknownTable, "quarantine table '\(move.quarantine)' no longer exists (move \(move.id))", table: move.quarantine)
                }
                let key = source.primaryKey
                guard !key.isEmpty else {
                    throw RemediationError(.noPrimaryKey, "table '\(move.table)' has no primary key now, so restored rows could not be told apart", table: move.table)
                }
                let names = Set(quarantine.columns.map(\.name))
                let lacking = source.columns.map(\.name).filter { !names.contains($0) }
                guard lacking.isEmpty else {
                    throw RemediationError(.tableMismatch, "'\(move.table)' has columns its quarantine table '\(move.quarantine)' lacks (\(lacking.joined(separator: ", "))); the rows cannot go back exactly", table: move.table)
                }
                let selected = sql.quarantined(move: move.id)
                let repeated = try await tx.rows(sql.repeatedKeys(key: key, quarantine: move.quarantine, where: selected))
                if !repeated.isEmpty {
                    throw RemediationError(.keysReused, "move \(move.id) holds the same key more than once (\(describe(repeated, key: key))); no row was restored", table: move.table)
                }
                let reused = try await tx.rows(sql.keysInBoth(source: move.table, key: key, quarantine: move.quarantine,
                                                              where: sql.quarantined(move: move.id, prefix: "m")))
                if !reused.isEmpty {
                    throw RemediationError(.keysReused, "rows now in '\(move.table)' use the keys of quarantined rows (\(describe(reused, key: key))); no row was restored. Remove or re-key those rows first", table: move.table)
                }
                let columns = source.columns.map(\.name)
                let inserted = try await tx.execute(sql.restore(into: move.table, columns: columns, from: move.quarantine, where: selected))
                let deleted = try await tx.execute(sql.delete(from: move.quarantine, where: selected))
                guard inserted == deleted else {
                    throw RemediationError(.verificationFailed, "restoring move \(move.id) inserted \(inserted) rows but removed \(deleted) from quarantine; rolled back, no row changed", table: move.table)
                }
                restored[move.id] = inserted
            }
            return restored
        }
    }

    private static func describe(_ rows: [[SQLValue]], key: [String]) -> String {
        rows.map { row in rowKeyText(Dictionary(uniqueKeysWithValues: zip(key, row)), order: key) }.joined(separator: "; ")
    }
}
