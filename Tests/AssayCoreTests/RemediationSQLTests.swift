@testable import AssayCore
import Foundation
import Testing

/// The statements of remediation, built from a check's own violating-row selection (no database): a PostgreSQL move
/// is one statement; a SQLite move copies and deletes exactly the copied keys; tables that do not fit are named.
@Suite("Remediation statements")
struct RemediationSQLTests {
    static func selection(_ dialect: any SQLDialect, check: Check) throws -> RowSelection {
        try #require(CoreFixture.plan([check], dialect: dialect).checks.first?.violatingRows)
    }

    static let move = RemediationSQL.Move(id: "R.1", run: "R", check: "accounts.amount_positive", reason: "negative", at: Date(timeIntervalSince1970: 1_800_000_000))

    @Test("PostgreSQL: the move is one statement over one snapshot, returning both counts")
    func postgresMove() throws {
        let dialect = PostgresDialect()
        let check = try CoreFixture.rule("amount_positive", "amount <= 0")
        let sql = RemediationSQL(dialect: dialect)
        let text = dialect.render(sql.moveInOneStatement(try Self.selection(dialect, check: check), columns: ["id", "amount"], into: "q", move: Self.move))
        #expect(text.hasPrefix("WITH moved AS (DELETE FROM \"accounts\" AS \"accounts\" WHERE "), "\(text)")
        #expect(text.contains("RETURNING \"accounts\".\"id\", \"accounts\".\"amount\"), kept AS (INSERT INTO \"q\" (\"id\", \"amount\", \"quarantine_id\", \"quarantine_run_id\", \"quarantine_check\", \"quarantine_reason\", \"quarantined_at\") SELECT \"id\", \"amount\", $"))
        #expect(text.hasSuffix("FROM moved RETURNING 1) SELECT (SELECT COUNT(*) FROM moved), (SELECT COUNT(*) FROM kept)"))
        #expect(text.contains("::timestamptz"), "the time as a timestamp")
    }

    @Test("SQLite: copy the violating rows, then delete exactly the keys this move copied")
    func sqliteMove() throws {
        let dialect = SQLiteDialect()
        let selection = try Self.selection(dialect, check: try CoreFixture.rule("amount_positive", "amount <= 0"))
        #expect(selection.keyColumns == ["id"])
        let sql = RemediationSQL(dialect: dialect)
        let copy = dialect.render(sql.copy(selection, columns: ["id", "amount"], into: "q", move: Self.move))
        #expect(copy.hasPrefix("INSERT INTO \"q\" (\"id\", \"amount\", \"quarantine_id\"") && copy.contains(" FROM \"accounts\" AS \"accounts\" WHERE "), "\(copy)")
        let delete = sql.deleteMoved(selection, from: "q", moveID: "R.1")
        #expect(dialect.render(delete) == "DELETE FROM \"accounts\" WHERE (\"id\") IN (SELECT \"id\" FROM \"q\" WHERE \"quarantine_id\" = ?)")
        #expect(delete.bindings == [.text("R.1")])
    }

    @Test("a check's filter is part of what moves")
    func scope() throws {
        let dialect = SQLiteDialect()
        var check = try CoreFixture.rule("amount_positive", "amount <= 0")
        check.filter = try Condition("status = 'open'")
        let count = RemediationSQL(dialect: dialect).count(try Self.selection(dialect, check: check))
        let text = dialect.render(count)
        #expect(text == "SELECT COUNT(*) FROM \"accounts\" AS \"accounts\" WHERE ((\"status\" = ?) AND (\"amount\" <= ?))", "\(text)")
        #expect(count.bindings == [.text("open"), .integer(0)], "the check's filter and its violation, both bound")
    }

    @Test("an existing quarantine table must have the source's columns and the record columns, no other (and the types on PostgreSQL)")
    func quarantineShape() {
        let source = CoreFixture.customers
        let fits = TableSchema(table: "q", columns: source.columns + QuarantineTable.recordColumns.map { ColumnInfo(name: $0, declaredType: "text") })
        #expect(QuarantineTable.mismatch(fits, source: source, compareTypes: true) == nil)
        let other = TableSchema(table: "q", columns: [ColumnInfo(name: "customer_id", declaredType: "text"), ColumnInfo(name: "note", declaredType: "text")]
                                + QuarantineTable.recordColumns.map { ColumnInfo(name: $0, declaredType: "text") })
        #expect(QuarantineTable.mismatch(other, source: source, compareTypes: false) == "it lacks segment; it has other columns: note")
        #expect(QuarantineTable.mismatch(other, source: source, compareTypes: true)?.contains("customer_id is text there but INTEGER in customers") == true)
        #expect(FlagTable.mismatch(TableSchema(table: "f", columns: [ColumnInfo(name: "id", declaredType: "int")]), key: ["id"])
                == "it lacks flag_check, flag, flag_reason, flag_run_id, flagged_at")
    }

    @Test("targets: failed checks with an action; --check names any; automatic only for the monitor; names of quarantine and flag tables")
    func targets() throws {
        var quarantine = try CoreFixture.rule("amount_positive", "amount <= 0")
        quarantine.remediation = Remediation(automatic: false, action: .quarantine)
        var flag = try CoreFixture.rule("status_known", "status = 'x'")
        flag.remediation = Remediation(automatic: true, action: .flagForFollowup)
        let plain = try CoreFixture.rule("plain", "amount > 100")
        let plan = CoreFixture.plan([quarantine, flag, plain])
        var prepared = PreparedSuite(Suite(name: "s", tables: [plan.spec]))
        prepared.plans = [plan]
        func result(_ statuses: [CheckStatus]) -> SuiteResult {
            let checks = zip(plan.checks, statuses).map { planned, status in
                var r = CoreFixture.result(status, .validity)
                r.key = planned.check.key(in: plan.spec)
                r.check = planned.check.id
                return r
            }
            return SuiteResult(runID: RunID(startingAt: Date()), suite: "s", source: "x", startedAt: Date(), finishedAt: Date(), durationSeconds: 0, results: checks, scorecards: [])
        }
        let failed = result([.fail, .pass, .fail])
        #expect(RemediationTarget.select(from: failed, prepared: prepared).map(\.check.id) == ["amount_positive"])
        #expect(RemediationTarget.select(from: failed, prepared: prepared, automaticOnly: true).isEmpty)
        #expect(RemediationTarget.select(from: failed, prepared: prepared, only: ["status_known"]).map(\.check.id) == ["status_known"])
        #expect(RemediationTarget.select(from: failed, prepared: prepared, only: ["accounts.plain"]).isEmpty, "no action, nothing to do")
        let settings = RemediationSettings(quarantineTable: "jail_{table}", flagTable: "{table}_review")
        #expect(settings.quarantineTable(for: "accounts", check: quarantine) == "jail_accounts")
        #expect(settings.flagTable(for: "accounts") == "accounts_review")
        #expect(RemediationAction(named: "quarantine_transaction") == .quarantine && RemediationAction(named: "flag") == nil)
    }
}
