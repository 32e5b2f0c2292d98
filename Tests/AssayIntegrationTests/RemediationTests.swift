import Assay
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Remediation on SQLite through the real `assay` binary: a dry run changes nothing, `--apply` moves exactly the
/// violating rows into quarantine (verified, audited) or flags them, `assay quarantine restore` puts them back
/// byte for byte, and every bad input is a clear error with no row changed.
@Suite("Remediation on SQLite")
struct RemediationTests {
    /// A bank with every kind of value (integers, reals, text, NULLs, a blob) and rows that fail two checks.
    static let bank = """
        CREATE TABLE transactions (id INTEGER PRIMARY KEY, account_id INTEGER, amount REAL, memo TEXT, raw BLOB, created_date TEXT);
        CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT, created_date TEXT);
        CREATE TABLE accounts (account_id INTEGER PRIMARY KEY, status TEXT, data_quality_flag TEXT, flagged_at TEXT);
        CREATE TABLE ledger (entry INTEGER, amount REAL);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
        INSERT INTO transactions SELECT i, i % 7, CASE WHEN i % 20 = 0 THEN -i - 0.25 ELSE i * 1.5 END,
          CASE WHEN i % 3 = 0 THEN NULL ELSE 'memo ' || i END, CASE WHEN i % 40 = 0 THEN X'00FF10' END, '2026-12-01 10:00:00' FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
        INSERT INTO customers SELECT i, CASE WHEN i % 8 = 0 THEN NULL ELSE 'c' || i || '@bank.example' END, '2026-12-01' FROM n;
        INSERT INTO accounts VALUES (1, 'open', NULL, NULL), (2, 'bogus', NULL, NULL), (3, 'closed', NULL, NULL);
        INSERT INTO ledger VALUES (1, -5), (2, 5);
        """

    static let suite = """
        name: bank
        source: sqlite:bank.db
        tables:
          transactions:
            checks:
              - between: {column: amount, min: 0, strict_min: true}
                id: amount_positive
                remediation: quarantine
          customers:
            checks:
              - not_null: email
                id: email_present
                remediation: flag_for_followup
          accounts:
            checks:
              - in_set: {column: status, values: [open, closed]}
                id: status_known
                remediation: flag_for_followup
        """

    struct Bank {
        let dir: TemporaryDirectory
        var db: String { dir.file("bank.db") }
        var config: String { dir.file("suite.yml") }

        init(suite: String = RemediationTests.suite) throws {
            dir = try TemporaryDirectory()
            try TestDatabase.write(RemediationTests.bank, at: dir.file("bank.db"))
            try suite.write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        }

        func assay(_ arguments: [String]) async throws -> AssayProcess.Output {
            try await AssayProcess.run(arguments, in: dir.path, environment: ["ASSAY_WRITER_URL": ""])
        }

        func rows(_ sql: String) throws -> [[String]] {
            try DatabaseQueue(path: db).read { db in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { value -> String in
                    switch value.storage {
                    case .null: "NULL"
                    case .int64(let i): "i\(i)"
                    case .double(let d): "r\(d)"
                    case .string(let s): "t\(s)"
                    case .blob(let b): "b" + b.map { String(format: "%02x", $0) }.joined()
                    }
                } }
            }
        }

        /// Every row of `table`, every column with its storage class, in key order.
        func dump(_ table: String, key: String) throws -> [[String]] { try rows("SELECT * FROM \(table) ORDER BY \(key)") }
    }

    @Test("a dry run shows what would move and changes nothing; --apply without a writer is refused")
    func dryRun() async throws {
        let bank = try Bank()
        defer { bank.dir.cleanUp() }
        let before = try bank.dump("transactions", key: "id")
        let dry = try await bank.assay(["remediate", "-c", bank.config])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run: nothing was changed"))
        #expect(dry.stdout.contains("transactions.amount_positive (quarantine, 10 violating at the run): would move 10 rows -> quarantined_transactions"), "\(dry.stdout)")
        #expect(dry.stdout.contains("first keys: 20; 40; 60"))
        #expect(dry.stdout.contains("would flag 5 rows -> customers_quality_flags"))
        #expect(dry.stdout.contains("would flag 1 row -> accounts"), "own columns: \(dry.stdout)")
        #expect(try bank.dump("transactions", key: "id") == before)
        #expect(try bank.rows("SELECT name FROM sqlite_master WHERE name LIKE '%quarantine%' OR name LIKE '%flags%'").isEmpty)

        let unknown = try await bank.assay(["remediate", "-c", bank.config, "--check", "amount_postive"])
        #expect(unknown.status == 3 && unknown.stderr.contains("--check amount_postive: no check of the suite by that name has a remediation action"), "\(unknown.stderr)")

        let refused = try await bank.assay(["remediate", "-c", bank.config, "--apply"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("no write connection"), "\(refused.stderr)")
        #expect(try bank.dump("transactions", key: "id") == before)
    }

    @Test("--apply moves exactly the violating rows, verified and audited; restore puts them back byte for byte")
    func quarantineAndRestore() async throws {
        let bank = try Bank()
        defer { bank.dir.cleanUp() }
        let before = try bank.dump("transactions", key: "id")
        let bad = before.filter { $0[2].hasPrefix("r-") }
        #expect(bad.count == 10)

        let applied = try await bank.assay(["remediate", "-c", bank.config, "--apply", "--writer", "sqlite:bank.db", "--format", "json"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any]
        let outcomes = report?["outcomes"] as? [[String: Any]] ?? []
        let moved = try #require(outcomes.first { $0["check"] as? String == "amount_positive" })
        #expect(moved["rows"] as? Int == 10 && moved["applied"] as? Bool == true && moved["target"] as? String == "quarantined_transactions")
        let move = try #require(moved["moveID"] as? String)

        // Exactly the bad rows left, and each is in quarantine with every value as it was, and the record of the move.
        let after = try bank.dump("transactions", key: "id")
        #expect(after == before.filter { !$0[2].hasPrefix("r-") })
        let quarantined = try bank.rows("SELECT id, account_id, amount, memo, raw, created_date FROM quarantined_transactions ORDER BY id")
        #expect(quarantined == bad)
        let records = try bank.rows("SELECT DISTINCT quarantine_id, quarantine_check, quarantine_run_id FROM quarantined_transactions")
        #expect(records.count == 1 && records.first?[0] == "t" + move && records.first?[1] == "ttransactions.amount_positive")
        #expect(try bank.rows("SELECT COUNT(*) FROM quarantined_transactions q JOIN transactions t USING (id)") == [["i0"]])

        // Flags: a side table keyed by the primary key, and the table's own columns where it has them.
        #expect(try bank.rows("SELECT customer_id, flag FROM customers_quality_flags ORDER BY customer_id")
            == [8, 16, 24, 32, 40].map { ["i\($0)", "tNEEDS_REVIEW"] })
        #expect(try bank.rows("SELECT account_id, data_quality_flag FROM accounts WHERE flagged_at IS NOT NULL") == [["i2", "tNEEDS_REVIEW"]])

        // The audit log, and the listing.
        let store = try SQLiteStore(path: bank.dir.file("assay.db"))
        let log = try await store.remediations(run: nil, check: nil, incident: nil, last: 10)
        #expect(Set(log.map(\.action)) == [.quarantine, .flag] && log.count == 3)
        #expect(log.allSatisfy { $0.note == nil && $0.writer == "sqlite:bank.db" && $0.actor == "assay remediate" })
        let list = try await bank.assay(["quarantine", "list", "-c", bank.config])
        #expect(list.stdout.contains("\(move)  10 rows  transactions -> quarantined_transactions  transactions.amount_positive"), "\(list.stdout)")

        // The compliance report counts the rows quarantined for the check, from the audit log.
        let today = String(InstantText.string(Date()).prefix(10))
        let compliance = try await bank.assay(["compliance", "--from", today, "--to", today, "-c", bank.config, "--format", "json"])
        let rules = (try JSONSerialization.jsonObject(with: Data(compliance.stdout.utf8)) as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        #expect(rules.first { $0["check"] as? String == "transactions.amount_positive" }?["rowsQuarantined"] as? Int == 10, "\(compliance.stdout.prefix(400)) \(compliance.stderr)")

        // A run after the move: the check passes, so nothing more moves (flags stay wrong, so they are flagged again).
        let again = try await bank.assay(["remediate", "-c", bank.config, "--apply", "--writer", "sqlite:bank.db"])
        #expect(again.status == 0 && !again.stdout.contains("amount_positive") && again.stdout.contains("flagged 5 rows"), "\(again.stdout)")

        let restored = try await bank.assay(["quarantine", "restore", "amount_positive", "-c", bank.config, "--writer", "sqlite:bank.db"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("restored 10 rows of move \(move)"))
        #expect(try bank.dump("transactions", key: "id") == before, "every row back with every value and storage class")
        #expect(try bank.rows("SELECT COUNT(*) FROM quarantined_transactions") == [["i0"]])
        #expect(try await bank.assay(["quarantine", "list", "-c", bank.config]).stdout.contains("Nothing is in quarantine"))
        let totals = try await store.remediationTotals(suite: nil, from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60))
        #expect(totals[CheckKey(rawValue: "transactions.amount_positive")]?.quarantined == 0, "restored rows no longer count")
        #expect(totals[CheckKey(rawValue: "customers.email_present")]?.flagged == 10, "two flag actions of 5 rows")
    }

    @Test("a restore whose keys were re-used, a missing quarantine, and nothing to restore: clear errors, no row changed")
    func restoreConflicts() async throws {
        let bank = try Bank()
        defer { bank.dir.cleanUp() }
        _ = try await bank.assay(["remediate", "-c", bank.config, "--apply", "--writer", "sqlite:bank.db", "--check", "amount_positive"])
        try TestDatabase.write("INSERT INTO transactions (id, amount) VALUES (40, 1.0), (100, 2.0)", at: bank.db)
        let table = try bank.dump("transactions", key: "id"), quarantine = try bank.dump("quarantined_transactions", key: "id")
        let reused = try await bank.assay(["quarantine", "restore", "amount_positive", "-c", bank.config, "--writer", "sqlite:bank.db"])
        #expect(reused.status == 3)
        #expect(reused.stderr.contains("rows now in 'transactions' use the keys of quarantined rows (id=40; id=100); no row was restored"), "\(reused.stderr)")
        #expect(try bank.dump("transactions", key: "id") == table && bank.dump("quarantined_transactions", key: "id") == quarantine)

        let nothing = try await bank.assay(["quarantine", "restore", "email_present", "-c", bank.config, "--writer", "sqlite:bank.db"])
        #expect(nothing.status == 3 && nothing.stderr.contains("nothing quarantined by 'email_present' is still in quarantine"), "\(nothing.stderr)")

        try TestDatabase.write("DROP TABLE quarantined_transactions", at: bank.db)
        let gone = try await bank.assay(["quarantine", "restore", "amount_positive", "-c", bank.config, "--writer", "sqlite:bank.db"])
        #expect(gone.status == 3 && gone.stderr.contains("quarantine table 'quarantined_transactions' no longer exists"), "\(gone.stderr)")
        #expect(try bank.dump("transactions", key: "id") == table)
    }

    @Test("no primary key, a quarantine table with other columns, a check that judges no single row: clear errors, no row changed")
    func badTargets() async throws {
        let bank = try Bank(suite: """
            source: sqlite:bank.db
            tables:
              ledger:
                checks:
                  - between: {column: amount, min: 0}
                    remediation: quarantine
              transactions:
                checks:
                  - between: {column: amount, min: 0, strict_min: true}
                    remediation: {action: quarantine, table: tx_jail}
            """)
        defer { bank.dir.cleanUp() }
        try TestDatabase.write("CREATE TABLE tx_jail (id INTEGER, amount REAL, reason TEXT)", at: bank.db)
        let ledger = try bank.dump("ledger", key: "entry"), transactions = try bank.dump("transactions", key: "id")
        let run = try await bank.assay(["remediate", "-c", bank.config, "--apply", "--writer", "sqlite:bank.db"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("not done: table 'ledger' has no primary key, so its rows cannot be quarantined and restored one by one"), "\(run.stdout)")
        #expect(run.stdout.contains("not done: quarantine table 'tx_jail' exists but does not fit 'transactions': it lacks account_id, memo, raw, created_date, quarantine_id"), "\(run.stdout)")
        #expect(run.stdout.contains("it has other columns: reason"))
        #expect(try bank.dump("ledger", key: "entry") == ledger && bank.dump("transactions", key: "id") == transactions)
        #expect(try bank.rows("SELECT COUNT(*) FROM tx_jail") == [["i0"]])
        let store = try SQLiteStore(path: bank.dir.file("assay.db"))
        let log = try await store.remediations(run: nil, check: nil, incident: nil, last: 10)
        #expect(log.count == 2 && log.allSatisfy { $0.rows == 0 && ($0.note ?? "").hasPrefix("failed: ") }, "failed attempts are audited too")

        try """
            source: sqlite:bank.db
            tables:
              transactions:
                checks:
                  - row_count: {min: 1000}
                    remediation: quarantine
            """.write(toFile: bank.config, atomically: true, encoding: .utf8)
        let invalid = try await bank.assay(["validate", "-c", bank.config])
        #expect(invalid.status == 3 && invalid.stderr.contains("suite.yml:6:22: error: remediation acts on the rows a check finds at fault, and row_count judges the table as a whole"), "\(invalid.stderr)")
    }

    @Test("an unwritable write connection (the database on a read-only mount): a clear error, no row changed",
          .enabled(if: canMountTmpfs, "needs to mount a tmpfs (root with CAP_SYS_ADMIN)"))
    func unwritable() async throws {
        let bank = try Bank()
        defer { bank.dir.cleanUp() }
        let disk = bank.dir.file("ro")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(system("mount -t tmpfs -o size=4m tmpfs \(disk) && cp \(bank.db) \(disk)/bank.db && mount -o remount,ro \(disk)") == 0)
        defer { _ = system("umount \(disk) >/dev/null 2>&1") }
        let before = try bank.dump("transactions", key: "id")
        let run = try await bank.assay(["remediate", "-c", bank.config, "--apply", "--writer", "sqlite:\(disk)/bank.db", "--check", "amount_positive"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("not done: cannot write to the SQLite database \(disk)/bank.db"), "\(run.stdout)")
        #expect(run.stdout.contains("no row was changed"))
        let readOnly = try DatabaseQueue(path: disk + "/bank.db", configuration: { var c = Configuration(); c.readonly = true; return c }())
        let count = try await readOnly.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transactions") }
        #expect(count == before.count)
    }

    @Test("the seed's rules: auto_remediation with quarantine_transaction and flag_for_followup act as written")
    func seedRules() async throws {
        let bank = try Bank(suite: "")
        defer { bank.dir.cleanUp() }
        let rules = bank.dir.file("rules.json")
        try """
            {"rules": [
              {"rule_id": "TXN_001", "table_name": "transactions", "column_name": "amount", "rule_type": "validity",
               "condition": "amount > 0 AND amount < 1000000", "threshold": 99.0, "severity": "MEDIUM",
               "auto_remediation": true, "remediation_action": "quarantine_transaction"},
              {"rule_id": "CUST_001", "table_name": "customers", "column_name": "email", "rule_type": "completeness",
               "condition": "email IS NOT NULL", "threshold": 95.0, "severity": "HIGH",
               "auto_remediation": true, "remediation_action": "flag_for_followup"}]}
            """.write(toFile: rules, atomically: true, encoding: .utf8)
        let run = try await bank.assay(["remediate", "-c", rules, "-s", "sqlite:bank.db", "--apply", "--writer", "sqlite:bank.db"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("transactions.TXN_001 (quarantine, 10 violating at the run): moved 10 rows -> quarantined_transactions"), "\(run.stdout)")
        #expect(run.stdout.contains("customers.CUST_001 (flag_for_followup, 5 violating at the run): flagged 5 rows -> customers_quality_flags"))
        let left = try bank.rows("SELECT COUNT(*) FROM transactions WHERE NOT (amount > 0 AND amount < 1000000)")
        #expect(left == [["i0"]])
    }
}
