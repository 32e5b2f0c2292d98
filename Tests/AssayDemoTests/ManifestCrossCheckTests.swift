import AssayCore
import AssayDemo
import Foundation
import GRDB
import Testing

/// Recounts every row-counting check of the demo suite with hand-written SQL (and Swift for the regular
/// expressions and ages), independently of the generator, and compares with the manifest.
@Suite("Manifest cross-check")
struct ManifestCrossCheckTests {
    static var emailRegex: Regex<Substring> { #/^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/# }
    static var ssnRegex: Regex<Substring> { #/^\d{3}-\d{2}-\d{4}$/# }
    static var phoneRegex: Regex<Substring> { #/^[0-9\-\(\)\s\+]+$/# }

    /// Counts the manifest must equal, computed from the data alone.
    static func recount(_ db: Database, now: CivilDateTime) throws -> [String: [String: Int]] {
        let today = now.date.description
        let midnight = CivilDateTime(date: now.date).description
        func nulls(_ table: String, _ column: String) throws -> Int {
            try count(db, "SELECT COUNT(*) FROM \(table) WHERE \(column) IS NULL")
        }
        func duplicates(_ table: String, _ column: String) throws -> Int {
            try count(db, "SELECT COUNT(\(column)) - COUNT(DISTINCT \(column)) FROM \(table)")
        }
        func nonMatching(_ column: String, _ regex: Regex<Substring>) throws -> Int {
            try String.fetchAll(db, sql: "SELECT \(column) FROM customers WHERE \(column) IS NOT NULL")
                .filter { $0.firstMatch(of: regex) == nil }.count
        }
        // PostgreSQL's AGE in whole years is below 18 exactly when the 18th birthday (clamped) is after today.
        let underage = try String.fetchAll(db, sql: "SELECT date_of_birth FROM customers WHERE date_of_birth IS NOT NULL")
            .filter { text in
                let parts = text.split(separator: "-").map { Int($0)! }
                return CivilDate(year: parts[0], month: parts[1], day: parts[2]).adding(months: 18 * 12) > now.date
            }.count
        let badDates = try count(db, "SELECT COUNT(*) FROM customers WHERE date_of_birth < '1900-01-01' OR date_of_birth > ?", [today])

        var result: [String: [String: Int]] = [:]
        result["customers"] = [
            "c_customer_id_not_null": try nulls("customers", "customer_id"),
            "c_first_name_not_null": try nulls("customers", "first_name"),
            "c_last_name_not_null": try nulls("customers", "last_name"),
            "c_email_not_null": try nulls("customers", "email"),
            "c_dob_not_null": try nulls("customers", "date_of_birth"),
            "c_ssn_not_null": try nulls("customers", "ssn"),
            "c_customer_id_unique": try duplicates("customers", "customer_id"),
            "c_email_unique": try duplicates("customers", "email"),
            "c_ssn_unique": try duplicates("customers", "ssn"),
            "c_email_valid": try nonMatching("email", emailRegex),
            "c_ssn_valid": try nonMatching("ssn", ssnRegex),
            "c_phone_valid": try nonMatching("phone", phoneRegex),
            "c_email_like": try count(db, "SELECT COUNT(*) FROM customers WHERE instr(email, '@') = 0 OR instr(substr(email, instr(email, '@') + 1), '.') = 0"),
            "c_phone_rule": try nonMatching("phone", phoneRegex),
            "c_ssn_rule": try nonMatching("ssn", ssnRegex),
            "c_underage": underage,
            "c_dob_range": badDates,
            "c_dob_plausible": badDates,
            "c_created_not_future": try count(db, "SELECT COUNT(*) FROM customers WHERE created_date > ?", [midnight]),
            "c_email_present": try nulls("customers", "email"),
        ]
        result["accounts"] = [
            "a_account_id_not_null": try nulls("accounts", "account_id"),
            "a_account_id_unique": try duplicates("accounts", "account_id"),
            "a_customer_id_not_null": try nulls("accounts", "customer_id"),
            "a_customer_exists": try count(db, """
                SELECT COUNT(*) FROM accounts a WHERE a.customer_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = a.customer_id)
                """),
            "a_account_type_valid": try count(db, "SELECT COUNT(*) FROM accounts WHERE account_type NOT IN ('checking', 'savings', 'credit', 'loan')"),
            "a_savings_non_negative": try count(db, "SELECT COUNT(*) FROM accounts WHERE account_type = 'savings' AND account_balance < 0"),
            "a_checking_balance_limit": try count(db, "SELECT COUNT(*) FROM accounts WHERE account_type = 'checking' AND account_balance > 1000000"),
            "a_closed_after_opened": try count(db, "SELECT COUNT(*) FROM accounts WHERE closed_date < opened_date"),
            "a_closed_before_opened": try count(db, "SELECT COUNT(*) FROM accounts WHERE closed_date < opened_date"),
        ]
        result["transactions"] = [
            "t_transaction_id_not_null": try nulls("transactions", "transaction_id"),
            "t_transaction_id_unique": try duplicates("transactions", "transaction_id"),
            "t_account_id_not_null": try nulls("transactions", "account_id"),
            "t_amount_not_null": try nulls("transactions", "amount"),
            "t_amount_range": try count(db, "SELECT COUNT(*) FROM transactions WHERE amount <= 0 OR amount >= 1000000"),
            "t_type_valid": try count(db, "SELECT COUNT(*) FROM transactions WHERE transaction_type NOT IN ('deposit', 'withdrawal', 'transfer', 'payment', 'fee')"),
            "t_account_exists": try count(db, """
                SELECT COUNT(*) FROM transactions t WHERE t.account_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = t.account_id)
                """),
            "t_date_not_future": try count(db, "SELECT COUNT(*) FROM transactions WHERE julianday(transaction_date) > julianday(?)", [now.description]),
        ]
        result["credit_scores"] = [
            "s_score_id_unique": try duplicates("credit_scores", "score_id"),
            "s_score_range": try count(db, "SELECT COUNT(*) FROM credit_scores WHERE credit_score NOT BETWEEN 300 AND 850"),
            "s_bureau_not_null": try nulls("credit_scores", "bureau"),
            "s_bureau_valid": try count(db, "SELECT COUNT(*) FROM credit_scores WHERE bureau NOT IN ('Equifax', 'Experian', 'TransUnion')"),
            "s_customer_exists": try count(db, """
                SELECT COUNT(*) FROM credit_scores s WHERE s.customer_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = s.customer_id)
                """),
        ]
        result["regulatory_reports"] = [
            "r_report_id_unique": try duplicates("regulatory_reports", "report_id"),
            "r_report_type_valid": try count(db, "SELECT COUNT(*) FROM regulatory_reports WHERE report_type NOT IN ('CTR', 'SAR', 'BASEL_III', 'CCAR', 'FR_Y9C')"),
            "r_status_valid": try count(db, "SELECT COUNT(*) FROM regulatory_reports WHERE status NOT IN ('DRAFT', 'SUBMITTED', 'ACCEPTED')"),
            "r_submitted_on_time": try count(db, "SELECT COUNT(*) FROM regulatory_reports WHERE submitted_date > due_date"),
            "r_unreconciled": try count(db, "SELECT COUNT(*) FROM regulatory_reports WHERE status IN ('SUBMITTED', 'ACCEPTED') AND reconciled = 0"),
            "r_overdue": try count(db, "SELECT COUNT(*) FROM regulatory_reports WHERE submitted_date IS NULL AND due_date < ?", [today]),
        ]
        result["data_lineage"] = [
            "l_lineage_id_unique": try duplicates("data_lineage", "lineage_id"),
            "l_source_table_not_null": try nulls("data_lineage", "source_table"),
            "l_target_table_not_null": try nulls("data_lineage", "target_table"),
        ]
        return result
    }

    static let nows = [
        demoNow,
        // A leap day just after midnight, and a year end late at night.
        CivilDateTime(date: CivilDate(year: 2028, month: 2, day: 29), secondOfDay: 61),
        CivilDateTime(date: CivilDate(year: 2025, month: 12, day: 31), secondOfDay: 86_399.5),
    ]

    @Test("hand-written SQL finds exactly the manifest's counts", arguments: [(1, 0), (1, 1), (1, 2), (4, 0)])
    func handWrittenCounts(scale: Int, nowIndex: Int) throws {
        let now = Self.nows[nowIndex]
        try withTemporaryDirectory { dir in
            let (manifest, queue) = try generate(scale: scale, seed: 20261127 &+ UInt64(nowIndex), now: now, in: dir)
            let recounted = try queue.read { db in try Self.recount(db, now: now) }
            #expect(Set(recounted.keys) == Set(manifest.expected.keys))
            for (table, checks) in recounted {
                let expected = manifest.expected[table] ?? [:]
                #expect(Set(checks.keys) == Set(expected.keys), "\(table)")
                for (id, actual) in checks.sorted(by: { $0.key < $1.key }) {
                    #expect(expected[id] == actual, "\(table).\(id)")
                }
            }
        }
    }

    @Test("checks triggered by one defect count it once each")
    func multiCheckDefects() throws {
        try withTemporaryDirectory { dir in
            let (m, _) = try generate(scale: 2, in: dir)
            let c = try #require(m.expected["customers"])
            let i = m.injected
            #expect(c["c_underage"] == i["customers.underage"]! + i["customers.birth_in_future"]!)
            #expect(c["c_dob_range"] == i["customers.birth_before_1900"]! + i["customers.birth_in_future"]!)
            #expect(c["c_dob_plausible"] == c["c_dob_range"])
            #expect(c["c_email_valid"] == i["customers.malformed_email"] && c["c_email_like"] == c["c_email_valid"])
            #expect(c["c_email_not_null"] == i["customers.missing_email"] && c["c_email_present"] == c["c_email_not_null"])
            let a = try #require(m.expected["accounts"])
            #expect(a["a_closed_after_opened"] == i["accounts.closed_before_opened"])
            #expect(a["a_closed_before_opened"] == i["accounts.closed_before_opened"])
        }
    }
}
