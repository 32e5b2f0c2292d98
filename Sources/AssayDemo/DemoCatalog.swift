/// The demo suite's checks in one place: the YAML is rendered from this list, and the manifest's expected
/// counts are computed from it, so the two cannot drift apart.
struct DemoCheck: Sendable {
    /// What the check is, as YAML (the check's first key and its value).
    enum Kind: Sendable {
        case notNull(String)
        case unique(String)
        case regex(column: String, pattern: String)
        case inSet(column: String, values: [String])
        /// Bounds are YAML scalars as written (numbers bare, dates quoted).
        case between(column: String, min: String, max: String)
        case references(column: String, table: String, key: String)
        case columnPair(String)
        /// A rule whose matching rows violate it.
        case violation(String)
        /// A rule whose rows violate it when it is false.
        case expect(String)
        case rowCount(min: Int)
        case columns([String])
        case freshness(column: String, fail: String)
    }

    var id: String
    var kind: Kind
    var severity: String
    var warn: String? = nil
    var fail: String? = nil
    var description: String
    /// The remediation action the suite gives it (`quarantine`, `flag_for_followup`), if any.
    var remediation: String? = nil
    /// The injected defect kinds each of whose rows this check counts once; `nil` for checks that measure
    /// the table rather than count rows (row count, column set, freshness).
    var counts: [String]?
}

/// The checks of one table.
struct DemoTableChecks: Sendable {
    var table: String
    var owner: String
    var checks: [DemoCheck]
}

enum DemoCatalog {
    static let emailPattern = #"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"#
    static let ssnPattern = #"^\d{3}-\d{2}-\d{4}$"#
    static let phonePattern = #"^[0-9\-\(\)\s\+]+$"#

    /// Every table's checks; `today` (`YYYY-MM-DD`) bounds dates of birth.
    static func tables(today: String) -> [DemoTableChecks] {
        [customers(today: today), accounts, transactions, creditScores, regulatoryReports, dataLineage]
    }

    static func customers(today: String) -> DemoTableChecks {
        DemoTableChecks(table: "customers", owner: "customer-data@financeflow.example", checks: [
            DemoCheck(id: "c_customer_id_not_null", kind: .notNull("customer_id"), severity: "CRITICAL",
                      description: "Every customer has an id.", counts: []),
            DemoCheck(id: "c_first_name_not_null", kind: .notNull("first_name"), severity: "HIGH",
                      description: "Every customer has a first name.", counts: []),
            DemoCheck(id: "c_last_name_not_null", kind: .notNull("last_name"), severity: "HIGH",
                      description: "Every customer has a last name.", counts: []),
            DemoCheck(id: "c_email_not_null", kind: .notNull("email"), severity: "HIGH", warn: "0.5%", fail: "2%",
                      description: "Customers can be reached by email.", remediation: "flag_for_followup", counts: ["customers.missing_email"]),
            DemoCheck(id: "c_dob_not_null", kind: .notNull("date_of_birth"), severity: "MEDIUM", warn: "0", fail: "0.5%",
                      description: "KYC requires a date of birth.", counts: ["customers.missing_birth_date"]),
            DemoCheck(id: "c_ssn_not_null", kind: .notNull("ssn"), severity: "HIGH", warn: "0", fail: "1%",
                      description: "KYC requires an SSN.", counts: ["customers.missing_ssn"]),
            DemoCheck(id: "c_customer_id_unique", kind: .unique("customer_id"), severity: "CRITICAL",
                      description: "Customer ids are unique.", counts: []),
            DemoCheck(id: "c_email_unique", kind: .unique("email"), severity: "HIGH", fail: "0",
                      description: "No two customers share an email address.", counts: ["customers.duplicate_email"]),
            DemoCheck(id: "c_ssn_unique", kind: .unique("ssn"), severity: "CRITICAL", fail: "0",
                      description: "No two customers share an SSN.", counts: ["customers.duplicate_ssn"]),
            DemoCheck(id: "c_email_valid", kind: .regex(column: "email", pattern: emailPattern), severity: "MEDIUM",
                      warn: "0.2%", fail: "1%", description: "Emails are well formed.",
                      counts: ["customers.malformed_email"]),
            DemoCheck(id: "c_ssn_valid", kind: .regex(column: "ssn", pattern: ssnPattern), severity: "HIGH", fail: "0",
                      description: "SSNs look like ddd-dd-dddd.", counts: ["customers.bad_ssn_format"]),
            DemoCheck(id: "c_phone_valid", kind: .regex(column: "phone", pattern: phonePattern), severity: "LOW",
                      warn: "0.1%", fail: "2%", description: "Phone numbers hold digits and punctuation only.",
                      counts: ["customers.bad_phone"]),
            DemoCheck(id: "c_email_like", kind: .violation("email NOT LIKE '%@%.%'"), severity: "MEDIUM",
                      warn: "0.2%", fail: "1%", description: "Seed rule: email has an @ and a dot after it.",
                      counts: ["customers.malformed_email"]),
            DemoCheck(id: "c_phone_rule", kind: .violation("phone !~ '\(phonePattern)'"), severity: "LOW",
                      warn: "0.1%", fail: "2%", description: "Seed rule: phone format.", counts: ["customers.bad_phone"]),
            DemoCheck(id: "c_ssn_rule", kind: .violation("ssn !~ '\(ssnPattern)'"), severity: "HIGH", fail: "0",
                      description: "Seed rule: SSN format.", counts: ["customers.bad_ssn_format"]),
            DemoCheck(id: "c_underage", kind: .violation("EXTRACT(YEAR FROM AGE(date_of_birth)) < 18"),
                      severity: "CRITICAL", fail: "0",
                      description: "Account holders are adults (a birth date in the future counts too).",
                      counts: ["customers.underage", "customers.birth_in_future"]),
            DemoCheck(id: "c_dob_range", kind: .between(column: "date_of_birth", min: "'1900-01-01'", max: "'\(today)'"),
                      severity: "HIGH", fail: "0", description: "Dates of birth lie between 1900 and today.",
                      counts: ["customers.birth_before_1900", "customers.birth_in_future"]),
            DemoCheck(id: "c_dob_plausible",
                      kind: .violation("date_of_birth > current_date OR date_of_birth < '1900-01-01'"),
                      severity: "HIGH", fail: "0", description: "Seed rule: date of birth is plausible.",
                      counts: ["customers.birth_before_1900", "customers.birth_in_future"]),
            DemoCheck(id: "c_created_not_future", kind: .violation("created_date > current_date"), severity: "MEDIUM",
                      warn: "0", fail: "0.5%", description: "No record is created in the future.",
                      counts: ["customers.created_in_future"]),
            DemoCheck(id: "c_email_present", kind: .expect("email IS NOT NULL"), severity: "HIGH", warn: "0.5%",
                      fail: "2%", description: "Seed rule: email is present.", counts: ["customers.missing_email"]),
            DemoCheck(id: "c_row_count", kind: .rowCount(min: 1), severity: "CRITICAL",
                      description: "The table is not empty.", counts: nil),
            DemoCheck(id: "c_columns", kind: .columns(DemoTableDefinition.customers.columnNames), severity: "HIGH",
                      description: "The table has exactly the expected columns.", counts: nil),
        ])
    }

    static let accounts = DemoTableChecks(table: "accounts", owner: "core-banking@financeflow.example", checks: [
        DemoCheck(id: "a_account_id_not_null", kind: .notNull("account_id"), severity: "CRITICAL",
                  description: "Every account has an id.", counts: []),
        DemoCheck(id: "a_account_id_unique", kind: .unique("account_id"), severity: "CRITICAL",
                  description: "Account ids are unique.", counts: []),
        DemoCheck(id: "a_customer_id_not_null", kind: .notNull("customer_id"), severity: "HIGH",
                  description: "Every account has a holder.", counts: []),
        DemoCheck(id: "a_customer_exists",
                  kind: .references(column: "customer_id", table: "customers", key: "customer_id"),
                  severity: "CRITICAL", fail: "0", description: "Every account's holder exists.",
                  counts: ["accounts.orphan_customer"]),
        DemoCheck(id: "a_account_type_valid",
                  kind: .inSet(column: "account_type", values: AccountsTable.types), severity: "MEDIUM",
                  warn: "0", fail: "1%", description: "Account types are known.",
                  counts: ["accounts.unknown_account_type"]),
        DemoCheck(id: "a_savings_non_negative", kind: .violation("account_balance < 0 AND account_type = 'savings'"),
                  severity: "HIGH", fail: "0", description: "Seed rule: savings balances are never negative.",
                  counts: ["accounts.negative_savings_balance"]),
        DemoCheck(id: "a_checking_balance_limit",
                  kind: .violation("account_balance > 1000000 AND account_type = 'checking'"), severity: "MEDIUM",
                  warn: "0", fail: "0.5%", description: "Checking balances over 1,000,000 need review.",
                  counts: ["accounts.checking_over_limit"]),
        DemoCheck(id: "a_closed_after_opened", kind: .columnPair("closed_date >= opened_date"), severity: "HIGH",
                  fail: "0", description: "An account closes on or after the day it opened.",
                  counts: ["accounts.closed_before_opened"]),
        DemoCheck(id: "a_closed_before_opened", kind: .violation("closed_date < opened_date"), severity: "HIGH",
                  fail: "0", description: "Seed rule: closed before opened.", counts: ["accounts.closed_before_opened"]),
        DemoCheck(id: "a_row_count", kind: .rowCount(min: 1), severity: "CRITICAL",
                  description: "The table is not empty.", counts: nil),
        DemoCheck(id: "a_columns", kind: .columns(DemoTableDefinition.accounts.columnNames), severity: "HIGH",
                  description: "The table has exactly the expected columns.", counts: nil),
    ])

    static let transactions = DemoTableChecks(table: "transactions", owner: "payments@financeflow.example", checks: [
        DemoCheck(id: "t_transaction_id_not_null", kind: .notNull("transaction_id"), severity: "CRITICAL",
                  description: "Every transaction has an id.", counts: []),
        DemoCheck(id: "t_transaction_id_unique", kind: .unique("transaction_id"), severity: "CRITICAL",
                  description: "Transaction ids are unique.", counts: []),
        DemoCheck(id: "t_account_id_not_null", kind: .notNull("account_id"), severity: "HIGH",
                  description: "Every transaction posts to an account.", counts: []),
        DemoCheck(id: "t_amount_not_null", kind: .notNull("amount"), severity: "MEDIUM", warn: "0", fail: "0.1%",
                  description: "Every transaction has an amount.", counts: ["transactions.missing_amount"]),
        DemoCheck(id: "t_amount_range", kind: .expect("amount > 0 AND amount < 1000000"), severity: "HIGH",
                  warn: "0.1%", fail: "1%", description: "Seed rule: amounts are positive and below 1,000,000.",
                  remediation: "quarantine", counts: ["transactions.amount_out_of_range"]),
        DemoCheck(id: "t_type_valid",
                  kind: .inSet(column: "transaction_type", values: TransactionsTable.types), severity: "MEDIUM",
                  description: "Transaction types are known.", counts: []),
        DemoCheck(id: "t_account_exists",
                  kind: .references(column: "account_id", table: "accounts", key: "account_id"),
                  severity: "CRITICAL", fail: "0", description: "Every transaction's account exists.",
                  remediation: "quarantine", counts: ["transactions.orphan_account"]),
        DemoCheck(id: "t_date_not_future", kind: .violation("transaction_date > current_timestamp"), severity: "HIGH",
                  fail: "0", description: "No transaction is dated in the future.",
                  counts: ["transactions.future_transaction_date"]),
        DemoCheck(id: "t_freshness", kind: .freshness(column: "transaction_date", fail: "2d"), severity: "HIGH",
                  description: "New transactions arrive at least every two days.", counts: nil),
        DemoCheck(id: "t_row_count", kind: .rowCount(min: 1), severity: "CRITICAL",
                  description: "The table is not empty.", counts: nil),
    ])

    static let creditScores = DemoTableChecks(table: "credit_scores", owner: "credit-risk@financeflow.example", checks: [
        DemoCheck(id: "s_score_id_unique", kind: .unique("score_id"), severity: "CRITICAL",
                  description: "Score ids are unique.", counts: []),
        DemoCheck(id: "s_score_range", kind: .between(column: "credit_score", min: "300", max: "850"), severity: "HIGH",
                  warn: "0.1%", fail: "1%", description: "Scores lie in the FICO range 300..850.",
                  counts: ["credit_scores.score_out_of_range"]),
        DemoCheck(id: "s_bureau_not_null", kind: .notNull("bureau"), severity: "MEDIUM", warn: "0.1%", fail: "1%",
                  description: "Every score names its bureau.", counts: ["credit_scores.missing_bureau"]),
        DemoCheck(id: "s_bureau_valid", kind: .inSet(column: "bureau", values: CreditScoresTable.bureaus),
                  severity: "MEDIUM", description: "Bureaus are the three US bureaus.", counts: []),
        DemoCheck(id: "s_customer_exists",
                  kind: .references(column: "customer_id", table: "customers", key: "customer_id"),
                  severity: "HIGH", fail: "0", description: "Every score belongs to a known customer.", counts: []),
        DemoCheck(id: "s_row_count", kind: .rowCount(min: 1), severity: "CRITICAL",
                  description: "The table is not empty.", counts: nil),
    ])

    static let regulatoryReports = DemoTableChecks(
        table: "regulatory_reports", owner: "regulatory-reporting@financeflow.example", checks: [
            DemoCheck(id: "r_report_id_unique", kind: .unique("report_id"), severity: "CRITICAL",
                      description: "Report ids are unique.", counts: []),
            DemoCheck(id: "r_report_type_valid",
                      kind: .inSet(column: "report_type", values: RegulatoryReportsTable.types), severity: "MEDIUM",
                      description: "Report types are known.", counts: []),
            DemoCheck(id: "r_status_valid", kind: .inSet(column: "status", values: ["DRAFT", "SUBMITTED", "ACCEPTED"]),
                      severity: "MEDIUM", description: "Statuses are known.", counts: []),
            DemoCheck(id: "r_submitted_on_time", kind: .columnPair("submitted_date <= due_date"), severity: "CRITICAL",
                      fail: "0", description: "Reports are filed by their deadline.",
                      counts: ["regulatory_reports.late_submission"]),
            DemoCheck(id: "r_unreconciled", kind: .violation("status IN ('SUBMITTED', 'ACCEPTED') AND NOT reconciled"),
                      severity: "CRITICAL", fail: "0", description: "Filed reports are reconciled.",
                      counts: ["regulatory_reports.unreconciled"]),
            DemoCheck(id: "r_overdue", kind: .violation("submitted_date IS NULL AND due_date < current_date"),
                      severity: "CRITICAL", fail: "0", description: "No report is past its deadline unfiled.",
                      counts: ["regulatory_reports.overdue_unsubmitted"]),
            DemoCheck(id: "r_row_count", kind: .rowCount(min: 1), severity: "HIGH",
                      description: "The table is not empty.", counts: nil),
        ])

    static let dataLineage = DemoTableChecks(table: "data_lineage", owner: "data-platform@financeflow.example", checks: [
        DemoCheck(id: "l_lineage_id_unique", kind: .unique("lineage_id"), severity: "HIGH",
                  description: "Lineage ids are unique.", counts: []),
        DemoCheck(id: "l_source_table_not_null", kind: .notNull("source_table"), severity: "MEDIUM",
                  description: "Every edge has a source.", counts: []),
        DemoCheck(id: "l_target_table_not_null", kind: .notNull("target_table"), severity: "LOW", warn: "0",
                  fail: "10%", description: "Every edge has a target.", counts: [DataLineageTable.missingTargetKey]),
        DemoCheck(id: "l_row_count", kind: .rowCount(min: 1), severity: "MEDIUM",
                  description: "The lineage graph is not empty.", counts: nil),
    ])

    /// Expected violating rows per table and check id, for every row-counting check of the generated tables.
    static func expected(today: String, injected: [String: Int], generated: (String) -> Bool) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for table in tables(today: today) where generated(table.table) {
            var counts: [String: Int] = [:]
            for check in table.checks {
                guard let keys = check.counts else { continue }
                counts[check.id] = keys.reduce(0) { total, key in
                    guard let n = injected[key] else { preconditionFailure("unknown defect kind \(key)") }
                    return total + n
                }
            }
            result[table.table] = counts
        }
        return result
    }
}
