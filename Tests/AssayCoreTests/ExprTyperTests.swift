import AssayCore
import Testing

@Suite("Condition language: validation against the schema")
struct ExprTyperTests {
    let customers = TableSchema(table: "customers", columns: [
        ColumnInfo(name: "customer_id", declaredType: "INTEGER", isPrimaryKey: true),
        ColumnInfo(name: "email", declaredType: "TEXT"),
        ColumnInfo(name: "date_of_birth", declaredType: "DATE"),
        ColumnInfo(name: "created_date", declaredType: "TIMESTAMP"),
        ColumnInfo(name: "balance", declaredType: "REAL"),
    ])

    func check(_ text: String) throws(ConditionError) {
        try ExprTyper(schema: customers, text: text).checkCondition(try ConditionParser.parse(text))
    }

    @Test func acceptsWellTypedConditions() throws {
        try check("email NOT LIKE '%@%.%' AND balance >= 0")
        try check("EXTRACT(YEAR FROM AGE(date_of_birth)) < 18")
        try check("date_of_birth > current_date OR date_of_birth < '1900-01-01'")
        try check("created_date > current_date - INTERVAL '1 day'")
        try check("lower(email) IN ('a@b.co', 'c@d.io')")
    }

    @Test func unknownColumnSuggestsTheNearest() {
        do {
            try check("emial IS NULL")
            Issue.record("accepted an unknown column")
        } catch {
            #expect(error.code == .unknownColumn)
            #expect(error.offset == 0)
            #expect(error.message.contains("did you mean 'email'"))
        }
    }

    @Test(arguments: [
        ("balance ~ '^1'", ConditionError.Code.typeMismatch),
        ("email > 5", .typeMismatch),
        ("date_of_birth < 'yesterday'", .typeMismatch),
        ("email ~ '('", .badRegex),
        ("balance + 1", .typeMismatch),
        ("email ~ email", .unsupported),
        ("EXTRACT(DAY FROM AGE(date_of_birth)) > 1", .unsupported),
    ])
    func rejectsIllTyped(_ text: String, _ code: ConditionError.Code) {
        do {
            try check(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == code, "\(error)")
        }
    }
}
