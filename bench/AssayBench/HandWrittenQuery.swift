import Assay

/// The customers suite as one SELECT a person would write for SQLite with ISO-8601 text dates: the floor
/// Assay's generated scan is measured against. Identical predicates are computed once, as a person would.
struct HandWrittenQuery {
    var now: CivilDateTime

    static let email = #"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"#
    static let ssn = #"^\d{3}-\d{2}-\d{4}$"#
    static let phone = #"^[0-9\-\(\)\s\+]+$"#

    /// Check ids in column order (after the row count).
    static let checks: [[String]] = [
        ["c_customer_id_not_null"], ["c_first_name_not_null"], ["c_last_name_not_null"], ["c_email_not_null"],
        ["c_dob_not_null"], ["c_ssn_not_null"], ["c_customer_id_unique"], ["c_email_unique"], ["c_ssn_unique"],
        ["c_email_valid"], ["c_ssn_valid", "c_ssn_rule"], ["c_phone_valid", "c_phone_rule"], ["c_email_like"],
        ["c_underage"], ["c_dob_range", "c_dob_plausible"], ["c_created_not_future"],
    ]

    var sql: SQLFragment {
        let today = now.date.description
        let adultCutoff = now.date.adding(months: -18 * 12).description
        return SQLFragment("""
            SELECT COUNT(*),
              COUNT(*) - COUNT(customer_id), COUNT(*) - COUNT(first_name), COUNT(*) - COUNT(last_name),
              COUNT(*) - COUNT(email), COUNT(*) - COUNT(date_of_birth), COUNT(*) - COUNT(ssn),
              COUNT(customer_id) - COUNT(DISTINCT customer_id), COUNT(email) - COUNT(DISTINCT email),
              COUNT(ssn) - COUNT(DISTINCT ssn),
              SUM(NOT (email REGEXP '\(Self.email)')), SUM(NOT (ssn REGEXP '\(Self.ssn)')),
              SUM(NOT (phone REGEXP '\(Self.phone)')), SUM(email NOT LIKE '%@%.%'),
              SUM(date_of_birth > '\(adultCutoff)'),
              SUM(date_of_birth < '1900-01-01' OR date_of_birth > '\(today)'),
              SUM(created_date > '\(today)')
            FROM customers
            """)
    }

    func run(on source: SQLiteSource) async throws -> [SQLValue] {
        try await source.fetchOne(sql)
    }

    /// Checks whose count differs from Assay's (the benchmark is only fair if both compute the same answers).
    func compare(_ row: [SQLValue], with result: SuiteResult) -> [String] {
        var differences: [String] = []
        for (index, ids) in Self.checks.enumerated() {
            let count = row[index + 1].int ?? 0
            for id in ids {
                let reported = result.results.first { $0.check == id }?.violations
                if reported != count { differences.append("\(id): hand \(count), Assay \(reported.map(String.init) ?? "none")") }
            }
        }
        return differences
    }
}
