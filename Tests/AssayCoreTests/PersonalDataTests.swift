import AssayCore
import Testing

@Suite("Personal data detection and masking")
struct PersonalDataTests {
    @Test("banking names are personal data", arguments: [
        "ssn", "customer_ssn", "email", "emailAddress", "e_mail", "phone_number", "mobile", "first_name", "lastName",
        "surname", "maiden_name", "mothers_maiden_name", "full_name", "customer_name", "name", "date_of_birth", "dob",
        "DateOfBirth", "birth_date", "card_number", "cardNumber", "credit_card", "pan", "iban", "account_number",
        "acct_no", "national_id", "national_insurance_number", "tax_id", "taxNumber", "tin", "passport_number",
        "passport", "postal_code", "postcode", "zip", "street_address", "address_line1", "drivers_license", "driver_licence_no",
    ])
    func personal(_ column: String) {
        #expect(PersonalData.looksPersonal(column), "\(column)")
    }

    @Test("ordinary names are not", arguments: [
        "customer_id", "account_id", "amount", "balance", "status", "created_date", "table_name", "product_name",
        "risk_score", "account_type", "transaction_id", "merchant_category", "description", "opened_date", "spin_rate",
    ])
    func notPersonal(_ column: String) {
        #expect(!PersonalData.looksPersonal(column), "\(column)")
    }

    static let schema = TableSchema(table: "customers", columns: [
        ColumnInfo(name: "customer_id", declaredType: "INTEGER"), ColumnInfo(name: "ssn", declaredType: "TEXT"),
        ColumnInfo(name: "email", declaredType: "TEXT"), ColumnInfo(name: "segment", declaredType: "TEXT"),
        ColumnInfo(name: "Phone", declaredType: "TEXT"),
    ])

    @Test func piiAddsToTheDetectionAndNotPIIRemoves() {
        #expect(PersonalData.maskedColumns(schema: Self.schema, configured: nil) == ["ssn", "email", "Phone"])
        // Listing one column adds it; SSN and email stay masked.
        #expect(PersonalData.maskedColumns(schema: Self.schema, configured: ["segment"]) == ["ssn", "email", "Phone", "segment"])
        #expect(PersonalData.maskedColumns(schema: Self.schema, configured: ["segment"], excluded: ["email", "phone"])
            == ["ssn", "segment"])
    }

    @Test("masks keep only a hint of the shape", arguments: [
        ("123-45-6789", "***-**-6789"),
        ("4111111111111111", "************1111"),
        ("DE89370400440532013000", "DE****************3000"),
        ("john@bank.example", "j***"),
        ("Smith", "S***"),
        ("1980-05-17", "****-**-**"),
        ("1980-05-17 08:30:00", "****-**-** **:**:**"),
        ("17/05/1980", "**/**/****"),
        ("", ""),
    ])
    func mask(_ value: String, _ masked: String) {
        #expect(PersonalData.mask(value) == masked)
    }
}
