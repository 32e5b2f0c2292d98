import AssayCore
import Testing

@Suite("Condition language: parsing")
struct ConditionParserTests {
    static let seedConditions = [
        "email NOT LIKE '%@%.%'",
        #"phone !~ '^[0-9\-\(\)\s\+]+$'"#,
        #"ssn !~ '^\d{3}-\d{2}-\d{4}$'"#,
        "EXTRACT(YEAR FROM AGE(date_of_birth)) < 18",
        "date_of_birth > current_date OR date_of_birth < '1900-01-01'",
        "created_date > current_date",
        "account_balance < 0 AND account_type = 'savings'",
        "closed_date < opened_date",
        "amount > 0 AND amount < 1000000",
        "email IS NOT NULL",
    ]

    @Test("the seed's conditions parse", arguments: seedConditions)
    func seedConditionParses(_ text: String) throws {
        _ = try ConditionParser.parse(text)
    }

    @Test func precedenceAndStructure() throws {
        let expr = try ConditionParser.parse("a = 1 OR b = 2 AND NOT c IS NULL")
        guard case .binary(.or, .binary(.equal, _, _), .binary(.and, _, .not(.isNull(_, negated: false)))) = expr else {
            Issue.record("unexpected tree \(expr)")
            return
        }
    }

    @Test func negativeNumbersAndTypedLiterals() throws {
        #expect(try ConditionParser.parse("x > -5") == .binary(.greater, .column(ColumnRef("x")), .literal(.integer(-5))))
        #expect(try ConditionParser.parse("d < DATE '2024-02-29'") == .binary(.less, .column(ColumnRef("d")), .literal(.date("2024-02-29"))))
        let interval = try ConditionParser.parse("d > current_date - INTERVAL '18 years'")
        #expect(interval == .binary(.greater, .column(ColumnRef("d")),
                                    .binary(.minus, .now(.date), .literal(.interval(Interval(months: 216))))))
    }

    @Test func quotedIdentifiersAndEscapedStrings() throws {
        let expr = try ConditionParser.parse(#""select" = 'it''s'"#)
        #expect(expr == .binary(.equal, .column(ColumnRef("select")), .literal(.string("it's"))))
    }

    struct Hostile: Sendable, CustomStringConvertible {
        var text: String
        var code: ConditionError.Code
        var offset: Int
        var description: String { text }
    }

    static let hostile: [Hostile] = [
        Hostile(text: "1=1; DROP TABLE customers", code: .forbidden, offset: 3),
        Hostile(text: "email = 'x' -- comment", code: .forbidden, offset: 12),
        Hostile(text: "email = 'x' /* c */", code: .forbidden, offset: 12),
        Hostile(text: "customer_id IN (SELECT customer_id FROM accounts)", code: .forbidden, offset: 16),
        Hostile(text: "EXISTS (SELECT 1)", code: .forbidden, offset: 0),
        Hostile(text: "pg_sleep(10) IS NULL", code: .unknownFunction, offset: 0),
        Hostile(text: "load_extension('x') = 1", code: .unknownFunction, offset: 0),
        Hostile(text: "email = 'unterminated", code: .syntax, offset: 8),
        Hostile(text: "amount > ", code: .syntax, offset: 9),
        Hostile(text: "amount >> 5", code: .syntax, offset: 8),
        Hostile(text: "a = 1 UNION SELECT 1", code: .syntax, offset: 6),
        Hostile(text: "d < DATE '2024-02-30'", code: .syntax, offset: 9),
        Hostile(text: "email = @x", code: .syntax, offset: 8),
        Hostile(text: "", code: .syntax, offset: 0),
    ]

    @Test("hostile and malformed conditions are rejected at the right place", arguments: hostile)
    func rejects(_ case_: Hostile) {
        do {
            let expr = try ConditionParser.parse(case_.text)
            Issue.record("accepted \(case_.text) as \(expr)")
        } catch {
            #expect(error.code == case_.code, "\(error)")
            #expect(error.offset == case_.offset, "\(error)")
        }
    }

    @Test func errorNamesThePosition() {
        #expect(throws: ConditionError.self) { try ConditionParser.parse("amount > 0 AND sleep(5)") }
        do {
            _ = try ConditionParser.parse("amount > 0 AND sleep(5)")
        } catch {
            #expect(error.description.contains("unknown function 'sleep'"))
            #expect(error.description.contains("position 16"))
        }
    }
}
