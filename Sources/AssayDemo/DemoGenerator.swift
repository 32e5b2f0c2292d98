import AssayCore
import Foundation
import GRDB

/// Generates the FinanceFlow Bank demo: a SQLite database of six tables with realistic values and
/// deterministic injected defects, and the ``DemoManifest`` saying exactly what ``DemoSuite`` must find.
///
/// At scale `S`: `S*1000` customers, `2*S*1000` accounts, `10*S*1000` transactions, `S*1000`
/// credit scores, `40 + S` regulatory reports and a fixed 25-row lineage graph. The same seed, scale and
/// `now` always give the same bytes in every table.
///
/// Defects are placed in disjoint rows (a row carries at most one), every other row passes every check, and
/// a kind's count is `max(1, rows * rate)` (rounded down), so every kind occurs even at scale 1.
/// Duplicates copy the value of a distinct clean row, so each adds exactly one duplicate.
/// For the fixable defects (`bad_ssn_format`, `closed_before_opened`) the manifest's ``DemoManifest/fixTruth``
/// records the values before injection, so fixes can be scored against them.
///
/// | table | defect kind (`injected` key) | rate | what the row gets | check ids it triggers |
/// |---|---|---|---|---|
/// | customers | `missing_email` | 1% | email NULL | `c_email_not_null`, `c_email_present` |
/// | customers | `duplicate_email` | 0.5% | another clean customer's email | `c_email_unique` |
/// | customers | `malformed_email` | 0.5% | unique email without `@` | `c_email_valid`, `c_email_like` |
/// | customers | `bad_ssn_format` | 0.3% | unique nine digits, wrong separators | `c_ssn_valid`, `c_ssn_rule` |
/// | customers | `duplicate_ssn` | 0.2% | another clean customer's SSN | `c_ssn_unique` |
/// | customers | `bad_phone` | 0.4% | letters (`N/A`, `555-FLOW-BANK`, ...) | `c_phone_valid`, `c_phone_rule` |
/// | customers | `underage` | 0.3% | aged 10..17 | `c_underage` |
/// | customers | `birth_before_1900` | 0.05% | born 1850..1899 | `c_dob_range`, `c_dob_plausible` |
/// | customers | `birth_in_future` | 0.05% | born 1..3650 days after today | `c_dob_range`, `c_dob_plausible`, `c_underage` |
/// | customers | `created_in_future` | 0.1% | created 1..365 days after today | `c_created_not_future` |
/// | customers | `missing_ssn` | 0.2% | SSN NULL | `c_ssn_not_null` |
/// | customers | `missing_birth_date` | 0.1% | date of birth NULL | `c_dob_not_null` |
/// | accounts | `orphan_customer` | 0.5% | customer_id above every customer | `a_customer_exists` |
/// | accounts | `negative_savings_balance` | 0.3% | savings, balance -1..-5000 | `a_savings_non_negative` |
/// | accounts | `checking_over_limit` | 0.1% | checking, balance > 1,000,000 | `a_checking_balance_limit` |
/// | accounts | `closed_before_opened` | 0.2% | opening and closing dates swapped (the account closed 1..365 days after it opened) | `a_closed_after_opened`, `a_closed_before_opened` |
/// | accounts | `unknown_account_type` | 0.1% | type `premium` | `a_account_type_valid` |
/// | transactions | `amount_out_of_range` | 0.3% | 0, negative, or >= 1,000,000 | `t_amount_range` |
/// | transactions | `future_transaction_date` | 0.1% | dated 1 hour..30 days after now | `t_date_not_future` |
/// | transactions | `orphan_account` | 0.1% | account_id above every account | `t_account_exists` |
/// | transactions | `missing_amount` | 0.05% | amount NULL | `t_amount_not_null` |
/// | credit_scores | `score_out_of_range` | 0.5% | 100..299 or 851..999 | `s_score_range` |
/// | credit_scores | `missing_bureau` | 0.2% | bureau NULL | `s_bureau_not_null` |
/// | regulatory_reports | `late_submission` | `2 + S/25` rows | submitted 1..30 days after due | `r_submitted_on_time` |
/// | regulatory_reports | `unreconciled` | `2 + S/25` rows | filed on time, reconciled = 0 | `r_unreconciled` |
/// | regulatory_reports | `overdue_unsubmitted` | `1 + S/50` rows | DRAFT, not submitted, due before today | `r_overdue` |
/// | data_lineage | `missing_target` | 1 row | target_table NULL | `l_target_table_not_null` |
///
/// Clean rows: adults at least a week past their 18th birthday and under 90; created dates on days before
/// today; transactions dated between 90 days and two minutes before now (the newest five minutes before);
/// amounts 0.01..50,000; savings balances positive; checking balances below 250,000; closed dates on or
/// after opening; filed reports submitted by their deadline and reconciled; unfiled reports (DRAFT) due
/// after today.
///
/// ```swift
/// let now = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 9 * 3600)
/// let manifest = try DemoGenerator(scale: 10, now: now).write(databasePath: "financeflow.db")
/// let yaml = DemoSuite.yaml(databaseFile: "financeflow.db", manifest: manifest)
/// ```
public struct DemoGenerator: Sendable {
    public var scale: Int
    public var seed: UInt64
    public var now: CivilDateTime
    /// The tables to generate; `nil` for all six. Benchmarks use this to build one large table alone.
    public var tables: Set<String>?

    /// The six tables, in the order they are generated.
    public static let tableNames = ["customers", "accounts", "transactions", "credit_scores", "regulatory_reports", "data_lineage"]

    /// - Parameters:
    ///   - scale: Size multiplier, at least 1 (`scale * 1000` customers).
    ///   - seed: Seed of every random choice.
    ///   - now: The instant taken as "now"; clean data lies before it, future-dated defects after it.
    ///   - tables: Only these tables (names from ``tableNames``); `nil` for all.
    public init(scale: Int, seed: UInt64 = 20261127, now: CivilDateTime, tables: Set<String>? = nil) {
        precondition(scale >= 1, "scale must be at least 1")
        self.scale = scale
        self.seed = seed
        self.now = now
        self.tables = tables
    }

    private func includes(_ table: String) -> Bool { tables?.contains(table) ?? true }

    /// Creates (overwrites) the SQLite file and fills it. Returns the manifest.
    /// - Throws: A GRDB `DatabaseError` or a file-system error when the file cannot be written.
    public func write(databasePath: String) throws -> DemoManifest {
        let files = FileManager.default
        for suffix in ["", "-journal", "-wal", "-shm"] where files.fileExists(atPath: databasePath + suffix) {
            try files.removeItem(atPath: databasePath + suffix)
        }
        let context = DemoContext(seed: seed, scale: scale, now: now)
        var injected: [String: Int] = [:]
        var truth: [DemoFixTruth] = []
        let queue = try DatabaseQueue(path: databasePath)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.inTransaction {
                if includes("customers") { injected.merge(try CustomersTable(context: context).fill(db, truth: &truth)) { $1 } }
                if includes("accounts") { injected.merge(try AccountsTable(context: context).fill(db, truth: &truth)) { $1 } }
                if includes("transactions") { injected.merge(try TransactionsTable(context: context).fill(db)) { $1 } }
                if includes("credit_scores") { injected.merge(try CreditScoresTable(context: context).fill(db)) { $1 } }
                if includes("regulatory_reports") { injected.merge(try RegulatoryReportsTable(context: context).fill(db)) { $1 } }
                if includes("data_lineage") { injected.merge(try DataLineageTable(context: context).fill(db)) { $1 } }
                return .commit
            }
        }
        try queue.close()

        let today = CivilDate(daysSinceEpoch: context.today).description
        return DemoManifest(
            scale: scale,
            now: now.description,
            rowCounts: [
                "customers": context.customerCount,
                "accounts": context.accountCount,
                "transactions": context.transactionCount,
                "credit_scores": context.creditScoreCount,
                "regulatory_reports": context.reportCount,
                "data_lineage": DataLineageTable.edges.count,
            ].filter { includes($0.key) },
            expected: DemoCatalog.expected(today: today, injected: injected, generated: includes),
            injected: injected,
            fixTruth: truth)
    }
}
