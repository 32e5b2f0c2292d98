import AssayCore
import Foundation

/// Migration v6, the same on SQLite and PostgreSQL: the remediation audit log and the values fixes changed.
enum RemediationTables {
    static let migration = "v6: remediation audit log and fixes"

    static func statements(text: String, integer: String, real: String) -> [String] {
        ["""
         CREATE TABLE remediation_log (
           id \(text) NOT NULL PRIMARY KEY, at \(text) NOT NULL, suite \(text) NOT NULL, run_id \(text), check_key \(text),
           table_name \(text) NOT NULL, action \(text) NOT NULL, target \(text) NOT NULL, rows \(integer) NOT NULL,
           incident \(text), actor \(text) NOT NULL, writer \(text) NOT NULL, refers_to \(text), note \(text))
         """,
         "CREATE INDEX remediation_by_run ON remediation_log(run_id)",
         "CREATE INDEX remediation_by_check ON remediation_log(check_key, at)",
         "CREATE INDEX remediation_by_incident ON remediation_log(incident)",
         "CREATE INDEX remediation_by_reference ON remediation_log(refers_to)",
         """
         CREATE TABLE fixes (
           action \(text) NOT NULL, seq \(integer) NOT NULL, table_name \(text) NOT NULL, row_key \(text) NOT NULL,
           column_name \(text) NOT NULL, old_value \(text) NOT NULL, new_value \(text) NOT NULL, rule \(text) NOT NULL,
           confidence \(real) NOT NULL, applied \(integer) NOT NULL, undone_at \(text),
           PRIMARY KEY (action, seq))
         """]
    }

    static let insert = """
        INSERT INTO remediation_log (id, at, suite, run_id, check_key, table_name, action, target, rows, incident, actor, writer, refers_to, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertFix = """
        INSERT INTO fixes (action, seq, table_name, row_key, column_name, old_value, new_value, rule, confidence, applied, undone_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let finish = "UPDATE remediation_log SET rows = ?, note = ? WHERE id = ?"

    static let columns = "id, at, suite, run_id, check_key, table_name, action, target, rows, incident, actor, writer, refers_to, note"

    /// `check` matches a key, or an id (the key's last part), or `table.id`.
    static let checkMatch = "(check_key = ? OR check_key LIKE ? ESCAPE '!' OR check_key LIKE ? ESCAPE '!')"

    static func checkValues(_ check: String) -> [StoreValue] {
        let escaped = check.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
        return [.text(check), .text("%." + escaped), .text(escaped + ".%")]
    }

    static func select(run: RunID?, check: String?, incident: String?, last: Int) -> (String, [StoreValue]) {
        var conditions: [String] = [], values: [StoreValue] = []
        if let run { conditions.append("run_id = ?"); values.append(.text(run.rawValue)) }
        if let check { conditions.append(checkMatch); values += checkValues(check) }
        if let incident { conditions.append("incident = ?"); values.append(.text(incident)) }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return ("SELECT \(columns) FROM remediation_log\(filter) ORDER BY at DESC, id DESC LIMIT ?", values + [.integer(Int64(last))])
    }

    static func openMoves(run: RunID?, check: String?) -> (String, [StoreValue]) {
        var conditions = ["action = 'quarantine'", "rows > 0", "NOT EXISTS (SELECT 1 FROM remediation_log r WHERE r.action = 'restore' AND r.refers_to = remediation_log.id)"]
        var values: [StoreValue] = []
        if let run { conditions.append("run_id = ?"); values.append(.text(run.rawValue)) }
        if let check { conditions.append(checkMatch); values += checkValues(check) }
        return ("SELECT \(columns) FROM remediation_log WHERE \(conditions.joined(separator: " AND ")) ORDER BY at, id", values)
    }

    static let selectFixes = """
        SELECT seq, table_name, row_key, column_name, old_value, new_value, rule, confidence, applied, undone_at
        FROM fixes WHERE action = ? ORDER BY seq
        """

    /// Per check: rows quarantined and not restored, values fixed and not undone, rows flagged, in `[from, to)`.
    static let totals = """
        SELECT l.check_key, l.action,
          CAST(SUM(CASE WHEN l.action = 'quarantine' AND NOT EXISTS (SELECT 1 FROM remediation_log r WHERE r.action = 'restore' AND r.refers_to = l.id)
                   THEN l.rows ELSE 0 END) AS BIGINT) AS kept,
          CAST(SUM(l.rows) AS BIGINT) AS rows_total,
          (SELECT COUNT(DISTINCT f.action || ':' || f.row_key) FROM fixes f WHERE f.action IN (SELECT id FROM remediation_log x WHERE x.check_key = l.check_key AND x.action = 'fix' AND x.at >= ? AND x.at < ?)
             AND f.applied = 1 AND f.undone_at IS NULL) AS fixed
        FROM remediation_log l
        WHERE l.at >= ? AND l.at < ? AND l.check_key IS NOT NULL AND l.action IN ('quarantine', 'flag_for_followup', 'fix')
          AND (CAST(? AS TEXT) IS NULL OR l.suite = ?)
        GROUP BY l.check_key, l.action
        """

    static func entry(_ row: some StoreRow) throws -> RemediationEntry {
        let actionName = try row.text(required: "action")
        guard let action = RemediationEntry.Action(rawValue: actionName) else { throw MissingColumnValue(column: "action") }
        return RemediationEntry(
            id: try row.text(required: "id"), at: InstantText.date(try row.text(required: "at")) ?? Date(timeIntervalSince1970: 0),
            suite: try row.text(required: "suite"), run: try row.text("run_id").flatMap(RunID.init), check: try row.text("check_key").map { CheckKey(rawValue: $0) },
            table: try row.text(required: "table_name"), action: action, target: try row.text(required: "target"),
            rows: try row.integer(required: "rows"), incident: try row.text("incident"), actor: try row.text(required: "actor"),
            writer: try row.text(required: "writer"), refersTo: try row.text("refers_to"), note: try row.text("note"))
    }

    static func values(_ entry: RemediationEntry) -> [StoreValue] {
        [.text(entry.id), .text(InstantText.string(entry.at)), .text(entry.suite), StoreValue(entry.run?.rawValue), StoreValue(entry.check?.rawValue),
         .text(entry.table), .text(entry.action.rawValue), .text(entry.target), .integer(Int64(entry.rows)), StoreValue(entry.incident),
         .text(entry.actor), .text(entry.writer), StoreValue(entry.refersTo), StoreValue(entry.note)]
    }

    static func values(_ fix: FixRecord, action: String) throws(StoreError) -> [StoreValue] {
        [.text(action), .integer(Int64(fix.sequence)), .text(fix.table), .text(try IncidentCoding.encode(fix.key)), .text(fix.column),
         .text(try IncidentCoding.encode(fix.oldValue)), .text(try IncidentCoding.encode(fix.newValue)), .text(fix.rule),
         .real(fix.confidence), .integer(fix.applied ? 1 : 0), StoreValue(fix.undoneAt.map(InstantText.string))]
    }

    static func fix(_ row: some StoreRow) throws -> FixRecord {
        FixRecord(sequence: try row.integer(required: "seq"), table: try row.text(required: "table_name"),
                  key: try IncidentCoding.decode([String: SQLValue].self, try row.text(required: "row_key"), what: "fix key"),
                  column: try row.text(required: "column_name"),
                  oldValue: try IncidentCoding.decode(SQLValue.self, try row.text(required: "old_value"), what: "fix old value"),
                  newValue: try IncidentCoding.decode(SQLValue.self, try row.text(required: "new_value"), what: "fix new value"),
                  rule: try row.text(required: "rule"), confidence: try row.real(required: "confidence"),
                  applied: try row.integer(required: "applied") == 1, undoneAt: try row.text("undone_at").flatMap(InstantText.date))
    }

    static func totals(_ rows: [some StoreRow]) throws -> [CheckKey: RemediationTotals] {
        var totals: [CheckKey: RemediationTotals] = [:]
        for row in rows {
            let key = CheckKey(try row.text(required: "check_key"))
            var entry = totals[key] ?? RemediationTotals()
            switch try row.text(required: "action") {
            case "quarantine": entry.quarantined += try row.integer("kept") ?? 0
            case "flag_for_followup": entry.flagged += try row.integer("rows_total") ?? 0
            default: entry.fixed += try row.integer("fixed") ?? 0
            }
            totals[key] = entry
        }
        return totals
    }
}
