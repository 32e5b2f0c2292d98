import GRDB

/// `data_lineage`: a fixed graph from upstream feeds through the five tables to marts and regulatory reports.
/// One edge has lost its target (the injected defect).
struct DataLineageTable {
    static let missingTargetKey = "data_lineage.missing_target"

    /// (source, target, transformation, owner); a `nil` target is the defect.
    static let edges: [(String, String?, String, String)] = [
        ("crm_export", "customers", "daily CRM extract, deduplicated on SSN", "customer-data@financeflow.example"),
        ("kyc_onboarding", "customers", "KYC onboarding events, identity verified", "customer-data@financeflow.example"),
        ("core_banking_feed", "accounts", "nightly core banking snapshot", "core-banking@financeflow.example"),
        ("customers", "accounts", "account holder lookup by customer_id", "core-banking@financeflow.example"),
        ("card_processor_feed", "transactions", "card settlement files, hourly", "payments@financeflow.example"),
        ("ach_gateway", "transactions", "ACH batches, every 15 minutes", "payments@financeflow.example"),
        ("accounts", "transactions", "posting account resolution", "payments@financeflow.example"),
        ("bureau_feed", "credit_scores", "monthly bureau pulls (Equifax, Experian, TransUnion)", "credit-risk@financeflow.example"),
        ("customers", "credit_scores", "bureau match on SSN and date of birth", "credit-risk@financeflow.example"),
        ("transactions", "regulatory_reports", "CTR: cash transactions over $10,000 per day", "regulatory-reporting@financeflow.example"),
        ("transactions", "aml_monitoring", "AML scenario features", "financial-crime@financeflow.example"),
        ("aml_monitoring", "regulatory_reports", "SAR case filing", "financial-crime@financeflow.example"),
        ("accounts", "daily_balance_mart", "end-of-day balances", "data-platform@financeflow.example"),
        ("transactions", "daily_balance_mart", "intraday movements rolled up per day", "data-platform@financeflow.example"),
        ("credit_scores", "risk_mart", "latest score per customer", "credit-risk@financeflow.example"),
        ("accounts", "risk_mart", "exposure at default per account", "credit-risk@financeflow.example"),
        ("risk_mart", "basel_capital_report", "risk-weighted assets (Basel III)", "regulatory-reporting@financeflow.example"),
        ("risk_mart", "ccar_stress_test", "stress scenarios (CCAR)", "regulatory-reporting@financeflow.example"),
        ("daily_balance_mart", "fr_y9c_report", "consolidated financial statements (FR Y-9C)", "regulatory-reporting@financeflow.example"),
        ("basel_capital_report", "regulatory_reports", "BASEL_III filing", "regulatory-reporting@financeflow.example"),
        ("ccar_stress_test", "regulatory_reports", "CCAR filing", "regulatory-reporting@financeflow.example"),
        ("fr_y9c_report", "regulatory_reports", "FR_Y9C filing", "regulatory-reporting@financeflow.example"),
        ("customers", "marketing_mart", "consented contact details only", "marketing-analytics@financeflow.example"),
        ("credit_scores", "loan_pricing", "risk-based pricing inputs", "lending@financeflow.example"),
        ("transactions", nil, "ad-hoc CSV export (target not recorded)", "data-platform@financeflow.example"),
    ]

    let context: DemoContext

    func fill(_ db: Database) throws -> [String: Int] {
        let inserter = try RowInserter(db, .dataLineage)
        for (index, edge) in Self.edges.enumerated() {
            let created = (context.today - 400 + 15 * index) * 86_400 + 9 * 3_600 + 17 * 60 * index % 3_600
            inserter.add(index + 1)
            inserter.add(edge.0)
            inserter.add(edge.1)
            inserter.add(edge.2)
            inserter.add(edge.3)
            inserter.addTimestamp(epochSeconds: created)
            try inserter.insertRow()
        }
        return [Self.missingTargetKey: Self.edges.filter { $0.1 == nil }.count]
    }
}
