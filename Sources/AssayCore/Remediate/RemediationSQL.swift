import Foundation

/// The statements of remediation for one dialect (pure: text and bound values, no I/O). Every statement that picks
/// rows uses the check's own ``RowSelection``, so remediation acts on exactly the rows the check counts as violating.
package struct RemediationSQL: Sendable {
    package let dialect: any SQLDialect

    package init(dialect: any SQLDialect) { self.dialect = dialect }

    private var isPostgres: Bool { dialect.name == "postgresql" }
    package func q(_ name: String) -> String { dialect.quote(name) }
    private func list(_ names: [String], prefix: String = "") -> String { names.map { prefix + q($0) }.joined(separator: ", ") }

    /// `FROM table AS alias WHERE condition`.
    private func source(_ s: RowSelection) -> SQLFragment {
        "FROM \(q(s.table)) AS \(q(alias(s))) WHERE " + s.condition
    }

    private func alias(_ s: RowSelection) -> String { s.alias ?? s.table }
    private func keys(_ s: RowSelection) -> String { list(s.keyColumns, prefix: q(alias(s)) + ".") }

    /// An instant as the database stores remediation times (PostgreSQL `timestamptz`, SQLite ISO text).
    package func instant(_ date: Date) -> SQLFragment {
        let text = InstantText.string(date)
        return isPostgres ? dialect.bind(.text(text)) + "::timestamptz" : dialect.bind(.text(text))
    }

    private var instantType: String { isPostgres ? "timestamptz" : "TEXT" }

    // MARK: previews

    /// How many rows violate, and the first keys (ordered), on a read-only source.
    package func count(_ s: RowSelection) -> SQLFragment { "SELECT COUNT(*) " + source(s) }

    package func sampleKeys(_ s: RowSelection, limit: Int) -> SQLFragment {
        "SELECT \(keys(s)) " + source(s) + " ORDER BY \(keys(s)) LIMIT \(limit)"
    }

    /// Every column of the violating rows, in key order, at most `limit` (what fixes read).
    package func violatingRows(_ s: RowSelection, limit: Int) -> SQLFragment {
        "SELECT \(q(alias(s))).* " + source(s) + " ORDER BY \(keys(s)) LIMIT \(limit)"
    }

    /// `column IS value`, NULL-safe, in this dialect.
    package func same(_ column: String, _ value: SQLValue, prefix: String = "") -> SQLFragment {
        (prefix + q(column)) + (isPostgres ? " IS NOT DISTINCT FROM " : " IS ") + dialect.bind(value)
    }

    /// The row whose key columns hold `key`.
    package func keyMatch(_ key: [String: SQLValue], columns: [String]) -> SQLFragment {
        var joined = same(columns[0], key[columns[0]] ?? .null)
        for column in columns.dropFirst() { joined = joined + " AND " + same(column, key[column] ?? .null) }
        return joined
    }

    /// Sets `changes` on the row with `key`, only while it still holds each change's old value.
    package func guardedUpdate(table: String, key: [String: SQLValue], changes: [FixChange], keyOrder: [String]? = nil) -> SQLFragment {
        var set = SQLFragment("UPDATE \(q(table)) SET ")
        for (index, change) in changes.enumerated() {
            set = set + (index == 0 ? "" : ", ") + "\(q(change.column)) = " + dialect.bind(change.newValue)
        }
        var condition = keyMatch(key, columns: keyOrder ?? key.keys.sorted())
        for change in changes { condition = condition + " AND " + same(change.column, change.oldValue) }
        return set + " WHERE " + condition
    }

    // MARK: quarantine

    /// Creates the quarantine table with the source's columns and types when it does not exist.
    package func createQuarantine(_ table: String, like s: RowSelection) -> SQLFragment {
        let record = [
            "CAST(NULL AS TEXT) AS \(q(QuarantineTable.idColumn))", "CAST(NULL AS TEXT) AS \(q(QuarantineTable.runColumn))",
            "CAST(NULL AS TEXT) AS \(q(QuarantineTable.checkColumn))", "CAST(NULL AS TEXT) AS \(q(QuarantineTable.reasonColumn))",
            "CAST(NULL AS \(instantType)) AS \(q(QuarantineTable.atColumn))",
        ]
        return SQLFragment("CREATE TABLE IF NOT EXISTS \(q(table)) AS SELECT \(q(s.table)).*, \(record.joined(separator: ", ")) FROM \(q(s.table)) WHERE 1 = 0")
    }

    package func indexQuarantine(_ table: String) -> SQLFragment {
        SQLFragment("CREATE INDEX IF NOT EXISTS \(q(table + "_by_move")) ON \(q(table)) (\(q(QuarantineTable.idColumn)))")
    }

    /// The values recorded with each moved row.
    package struct Move: Sendable {
        package var id: String
        package var run: String
        package var check: String
        package var reason: String
        package var at: Date

        package init(id: String, run: String, check: String, reason: String, at: Date) {
            self.id = id
            self.run = run
            self.check = check
            self.reason = reason
            self.at = at
        }
    }

    private func record(_ move: Move) -> SQLFragment {
        dialect.bind(.text(move.id)) + ", " + dialect.bind(.text(move.run)) + ", " + dialect.bind(.text(move.check)) + ", "
            + dialect.bind(.text(move.reason)) + ", " + instant(move.at)
    }

    /// PostgreSQL: one statement, one snapshot: delete the violating rows and insert exactly those into quarantine;
    /// returns (deleted, inserted). A row another client changes meanwhile is judged again at its new version.
    package func moveInOneStatement(_ s: RowSelection, columns: [String], into table: String, move: Move) -> SQLFragment {
        let returning = list(columns, prefix: q(alias(s)) + ".")
        return "WITH moved AS (DELETE " + source(s) + " RETURNING \(returning)), kept AS (INSERT INTO \(q(table)) (\(list(columns + QuarantineTable.recordColumns))) SELECT \(list(columns)), "
            + record(move) + " FROM moved RETURNING 1) SELECT (SELECT COUNT(*) FROM moved), (SELECT COUNT(*) FROM kept)"
    }

    /// SQLite, under the write lock: copy the violating rows into quarantine ...
    package func copy(_ s: RowSelection, columns: [String], into table: String, move: Move) -> SQLFragment {
        "INSERT INTO \(q(table)) (\(list(columns + QuarantineTable.recordColumns))) SELECT \(list(columns, prefix: q(alias(s)) + ".")), "
            + record(move) + " " + source(s)
    }

    /// ... then delete exactly the rows of this move, by key.
    package func deleteMoved(_ s: RowSelection, from table: String, moveID: String) -> SQLFragment {
        let key = list(s.keyColumns)
        return "DELETE FROM \(q(s.table)) WHERE (\(key)) IN (SELECT \(key) FROM \(q(table)) WHERE \(q(QuarantineTable.idColumn)) = "
            + dialect.bind(.text(moveID)) + ")"
    }

    /// Rows of the quarantine table `where` selects whose key is in the source table (must be none after a move).
    package func keysInBoth(source: String, key: [String], quarantine table: String, where filter: SQLFragment) -> SQLFragment {
        let on = key.map { "t.\(q($0)) = m.\(q($0))" }.joined(separator: " AND ")
        return "SELECT \(list(key, prefix: "m.")) FROM \(q(table)) AS m JOIN \(q(source)) AS t ON \(on) WHERE " + filter + " LIMIT 5"
    }

    /// Keys quarantined more than once among the rows `where` selects (they cannot all go back).
    package func repeatedKeys(key: [String], quarantine table: String, where filter: SQLFragment) -> SQLFragment {
        "SELECT \(list(key)) FROM \(q(table)) WHERE " + filter + " GROUP BY \(list(key)) HAVING COUNT(*) > 1 LIMIT 5"
    }

    /// Quarantined rows of a run, a check or a move.
    /// - Parameter prefix: the quarantine table's alias in the statement, if any.
    package func quarantined(run: String? = nil, check: String? = nil, move: String? = nil, prefix: String? = nil) -> SQLFragment {
        let p = prefix.map { $0 + "." } ?? ""
        var parts: [SQLFragment] = []
        if let run { parts.append("\(p)\(q(QuarantineTable.runColumn)) = " + dialect.bind(.text(run))) }
        if let check { parts.append("\(p)\(q(QuarantineTable.checkColumn)) = " + dialect.bind(.text(check))) }
        if let move { parts.append("\(p)\(q(QuarantineTable.idColumn)) = " + dialect.bind(.text(move))) }
        guard var joined = parts.first else { return SQLFragment("1 = 1") }
        for part in parts.dropFirst() { joined = joined + " AND " + part }
        return joined
    }

    /// Puts the rows back with exactly their values.
    package func restore(into source: String, columns: [String], from table: String, where filter: SQLFragment) -> SQLFragment {
        "INSERT INTO \(q(source)) (\(list(columns))) SELECT \(list(columns)) FROM \(q(table)) WHERE " + filter
    }

    package func delete(from table: String, where filter: SQLFragment) -> SQLFragment {
        "DELETE FROM \(q(table)) WHERE " + filter
    }

    /// The moves a quarantine table holds: (move, run, check, reason, at, rows), oldest first.
    package func moves(in table: String) -> SQLFragment {
        let cols = [QuarantineTable.idColumn, QuarantineTable.runColumn, QuarantineTable.checkColumn, QuarantineTable.reasonColumn]
        let at = isPostgres ? "MIN(\(q(QuarantineTable.atColumn)))::text" : "MIN(\(q(QuarantineTable.atColumn)))"
        return SQLFragment("SELECT \(list(cols)), \(at), COUNT(*) FROM \(q(table)) GROUP BY \(list(cols)) ORDER BY 5, 1")
    }

    // MARK: flags

    /// Flags the violating rows in the table's own columns.
    package func flagInPlace(_ s: RowSelection, flagColumn: String, atColumn: String, value: String, at: Date) -> SQLFragment {
        "UPDATE \(q(s.table)) AS \(q(alias(s))) SET \(q(flagColumn)) = " + dialect.bind(.text(value)) + ", \(q(atColumn)) = "
            + instant(at) + " WHERE " + s.condition
    }

    /// Creates the side table of flags, keyed by the table's primary key and the check.
    package func createFlags(_ table: String, key: [ColumnInfo]) -> SQLFragment {
        let keyColumns = key.map { "\(q($0.name)) \($0.declaredType.isEmpty ? "TEXT" : $0.declaredType) NOT NULL" }
        let record = ["\(q(FlagTable.checkColumn)) TEXT NOT NULL", "\(q(FlagTable.flagColumn)) TEXT NOT NULL", "\(q(FlagTable.reasonColumn)) TEXT",
                      "\(q(FlagTable.runColumn)) TEXT", "\(q(FlagTable.atColumn)) \(instantType) NOT NULL"]
        let primary = list(key.map(\.name) + [FlagTable.checkColumn])
        return SQLFragment("CREATE TABLE IF NOT EXISTS \(q(table)) (\((keyColumns + record).joined(separator: ", ")), PRIMARY KEY (\(primary)))")
    }

    /// Flags the violating rows in the side table; a row flagged again by the same check gets the newer flag.
    package func flagInSideTable(_ s: RowSelection, table: String, check: String, value: String, reason: String, run: String, at: Date) -> SQLFragment {
        let target = s.keyColumns + FlagTable.recordColumns
        let conflict = list(s.keyColumns + [FlagTable.checkColumn])
        let updates = [FlagTable.flagColumn, FlagTable.reasonColumn, FlagTable.runColumn, FlagTable.atColumn]
            .map { "\(q($0)) = excluded.\(q($0))" }.joined(separator: ", ")
        return "INSERT INTO \(q(table)) (\(list(target))) SELECT \(keys(s)), " + dialect.bind(.text(check)) + ", " + dialect.bind(.text(value))
            + ", " + dialect.bind(.text(reason)) + ", " + dialect.bind(.text(run)) + ", " + instant(at) + " " + source(s)
            + " ON CONFLICT (\(conflict)) DO UPDATE SET \(updates)"
    }
}
