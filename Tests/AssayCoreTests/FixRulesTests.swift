@testable import AssayCore
import Testing

/// Checks and rows for the fix rule tests.
enum FixFixture {
    static func regex(_ column: String, _ pattern: String) -> Check {
        Check(id: "\(column)_valid", kind: .regex(column: column, pattern: pattern, mustMatch: true))
    }

    static func rule(_ text: String, violationWhen: Bool = true) throws -> Check {
        Check(id: "rule", kind: .rule(try Condition(text), violationWhen: violationWhen))
    }

    /// The best proposal for a row holding `value` in the check's column.
    static func best(_ check: Check, _ value: SQLValue, settings: FixSettings = FixSettings()) -> FixProposal? {
        let column = check.kind.columns[0]
        return FixEngine.proposals(for: check, row: ["id": .integer(1), column: value], settings: settings).first
    }

    static func fixed(_ check: Check, _ value: String) -> String? {
        best(check, .text(value)).flatMap { FixRow.text($0.changes[0].newValue) }
    }

    static let usPhone = #"^\(\d{3}\) \d{3}-\d{4}$"#
    static let e164 = #"^\+[1-9]\d{7,14}$"#
    static let demoPhone = #"^[0-9\-\(\)\s\+]+$"#
    static let ssn = #"^\d{3}-\d{2}-\d{4}$"#
    static let lowerEmail = #"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$"#
    static let knownDomains = #"^[a-z0-9._%+-]+@(gmail|yahoo|hotmail|outlook|icloud)\.com$"#
    static let realTLD = #"^[^@\s]+@[^@\sA-Z]+\.(com|net|org|me|fr|uk)$"#
}

@Suite("Fix rule: phone")
struct PhoneFixTests {
    @Test(arguments: [
        ("555.234.5678", "(555) 234-5678"), ("5552345678", "(555) 234-5678"), ("555-234-5678", "(555) 234-5678"),
        ("+1 555 234 5678", "(555) 234-5678"), ("1-555-234-5678", "(555) 234-5678"), ("(555)234-5678", "(555) 234-5678"),
        (" 555 / 234 5678 ", "(555) 234-5678"), ("+1.212.555.0187", "(212) 555-0187"), ("15552345678", "(555) 234-5678"),
    ])
    func northAmericanNumbersTakeTheFormatTheCheckExpects(value: String, expected: String) throws {
        let check = FixFixture.regex("phone", FixFixture.usPhone)
        let proposal = try #require(FixFixture.best(check, .text(value)))
        #expect(proposal.changes == [FixChange(column: "phone", oldValue: .text(value), newValue: .text(expected))])
        #expect(proposal.rule == .phone)
        #expect(proposal.confidence == 0.97)
    }

    @Test func theFormatFollowsTheCheck() {
        #expect(FixFixture.fixed(FixFixture.regex("phone", FixFixture.e164), "(555) 234-5678") == "+15552345678")
        #expect(FixFixture.fixed(FixFixture.regex("phone", #"^\d{3}-\d{3}-\d{4}$"#), "555.234.5678") == "555-234-5678")
        #expect(FixFixture.fixed(FixFixture.regex("phone", #"^\d{10}$"#), "+1 (555) 234-5678") == "5552345678")
        // Several formats pass: a number with its country code keeps it; one without gets the national form.
        #expect(FixFixture.fixed(FixFixture.regex("phone", FixFixture.demoPhone), "+1.555.234.5678") == "+1 555-234-5678")
        #expect(FixFixture.fixed(FixFixture.regex("phone", FixFixture.demoPhone), "555.234.5678") == "(555) 234-5678")
    }

    @Test func aPhoneStoredAsANumberIsWritten() throws {
        let proposal = try #require(FixFixture.best(FixFixture.regex("phone", FixFixture.usPhone), .integer(2_125_550_187)))
        #expect(proposal.changes[0].newValue == .text("(212) 555-0187"))
    }

    @Test(arguments: ["N/A", "unknown", "555-FLOW-BANK", "call branch", "TBD", "234-5678", "12345", "555-234-56789",
                      "555-234-5678 ext 12", "555-234-5678 x12", "", "   ", "+0 555 234 5678", "#5552345678", "555_234_5678!"])
    func valuesThatAreNoReadableNumberGetNothing(value: String) {
        #expect(FixFixture.best(FixFixture.regex("phone", FixFixture.usPhone), .text(value)) == nil)
    }

    @Test func invalidAreaCodesAndExchangesAreBelowTheBar() throws {
        let check = FixFixture.regex("phone", FixFixture.usPhone)
        for value in ["1234567890", "555.123.4567", "055-234-5678"] {
            let proposal = try #require(FixFixture.best(check, .text(value)), "\(value)")
            #expect(proposal.confidence == 0.6)
            #expect(FixEngine.decision(for: check, row: ["phone": .text(value)]).applicable == nil)
        }
    }

    @Test func otherCountriesAreWrittenInE164BelowTheBar() throws {
        let proposal = try #require(FixFixture.best(FixFixture.regex("phone", FixFixture.e164), .text("+44 20 7946 0958")))
        #expect(proposal.changes[0].newValue == .text("+442079460958"))
        #expect(proposal.confidence == 0.8)
        // A format the check does not accept is never proposed.
        #expect(FixFixture.best(FixFixture.regex("phone", FixFixture.usPhone), .text("+44 20 7946 0958")) == nil)
    }

    @Test func aPassingOrNullValueGetsNothing() {
        let check = FixFixture.regex("phone", FixFixture.usPhone)
        #expect(FixFixture.best(check, .text("(555) 234-5678")) == nil)
        #expect(FixFixture.best(check, .null) == nil)
    }

    @Test func autoPicksThePhoneRuleByColumnName() {
        let pattern = FixFixture.usPhone
        for column in ["phone", "mobile_phone", "homePhone", "tel", "fax_number", "cell"] {
            #expect(CheckFixer(check: FixFixture.regex(column, pattern), settings: FixSettings()).rules == [.phone], "\(column)")
        }
        for column in ["notes", "hotel", "code"] {
            #expect(CheckFixer(check: FixFixture.regex(column, pattern), settings: FixSettings()).rules.isEmpty, "\(column)")
        }
        // Named, the rule works whatever the column is called.
        let named = CheckFixer(check: FixFixture.regex("contact", pattern), settings: FixSettings(rules: .named([.phone])))
        #expect(named.rules == [.phone])
        #expect(named.proposals(for: ["contact": .text("555.234.5678")]).first?.changes[0].newValue == .text("(555) 234-5678"))
    }
}

@Suite("Fix rule: email")
struct EmailFixTests {
    @Test(arguments: [
        ("  John.Smith@Example.com ", "john.smith@example.com", 0.99), ("ANN@GMAIL.COM", "ann@gmail.com", 0.99),
        ("ann @ gmail.com", "ann@gmail.com", 0.97), ("Ann@gmail..com", "ann@gmail.com", 0.97),
        ("ann@gmail.com.", "ann@gmail.com", 0.97), ("ann@gmailcom", "ann@gmail.com", 0.96),
        ("Ann@Hotmailcom", "ann@hotmail.com", 0.96),
    ])
    func trimmedLowerCasedAndRepaired(value: String, expected: String, confidence: Double) throws {
        let proposal = try #require(FixFixture.best(FixFixture.regex("email", FixFixture.lowerEmail), .text(value)))
        #expect(proposal.changes[0].newValue == .text(expected))
        #expect(proposal.confidence == confidence)
        #expect(proposal.rule == .email)
    }

    @Test(arguments: [
        ("jane@gmial.com", "jane@gmail.com"), ("jane@gmai.com", "jane@gmail.com"), ("jane@gmaill.com", "jane@gmail.com"),
        ("jane@gamil.com", "jane@gmail.com"), ("jane@hotmial.com", "jane@hotmail.com"), ("jane@hotmal.com", "jane@hotmail.com"),
        ("jane@yaho.com", "jane@yahoo.com"), ("jane@yahooo.com", "jane@yahoo.com"), ("jane@outlok.com", "jane@outlook.com"),
        ("jane@outllook.com", "jane@outlook.com"), ("jane@iclod.com", "jane@icloud.com"), ("jane@gmail.cmo", "jane@gmail.com"),
        ("jane@gmail.con", "jane@gmail.com"), ("Jane@GMIAL.COM", "jane@gmail.com"), ("jane@hotmail.comm", "jane@hotmail.com"),
    ])
    func commonDomainTyposAreCorrected(value: String, expected: String) throws {
        let proposal = try #require(FixFixture.best(FixFixture.regex("email", FixFixture.knownDomains), .text(value)))
        #expect(proposal.changes[0].newValue == .text(expected))
        #expect(proposal.confidence == 0.96)
        #expect(proposal.reason.contains("typo"))
    }

    @Test func anUnknownDomainIsKeptAndAMisspeltTopLevelDomainFixed() {
        let check = FixFixture.regex("email", FixFixture.realTLD)
        #expect(FixFixture.fixed(check, "CEO@Acme-Bank.com") == "ceo@acme-bank.com")
        #expect(FixFixture.fixed(check, "ceo@acme-bank.con") == "ceo@acme-bank.com")
        #expect(FixFixture.fixed(check, "ops@example.nte") == "ops@example.net")
        // Real domains next to a webmail one are known and never "corrected".
        for real in ["info@yahoo.fr", "a@email.com", "b@ymail.com", "c@gmx.net", "d@me.com"] {
            #expect(FixFixture.best(FixFixture.regex("email", FixFixture.lowerEmail), .text(real)) == nil, "\(real)")
            #expect(EmailRule.correct(real)?.value == real)
        }
    }

    @Test func uncertainCorrectionsAreBelowTheBar() throws {
        // One edit from both yahoo.com and yahoo.ca.
        let ambiguous = try #require(EmailRule.correct("jane@yahoo.co"))
        #expect(ambiguous.confidence == 0.5)
        // Two edits from exactly one known domain.
        let far = try #require(EmailRule.correct("jane@otlok.com"))
        #expect(far.value == "jane@outlook.com")
        #expect(far.confidence == 0.8)
        let check = FixFixture.regex("email", FixFixture.knownDomains)
        guard case .review(let proposals, _) = FixEngine.decision(for: check, row: ["email": .text("jane@otlok.com")]) else {
            Issue.record("expected a review")
            return
        }
        #expect(proposals.first?.changes[0].newValue == .text("jane@outlook.com"))
    }

    @Test(arguments: ["john.smith.12.gmail.com", "john.smith.12 at gmail.com", "a@b@c.com", "@gmail.com", "john@",
                      "john smith@gmail.com", "N/A", "", "john@.", "  "])
    func noAtSignNoGuess(value: String) throws {
        #expect(FixFixture.best(FixFixture.regex("email", FixFixture.lowerEmail), .text(value)) == nil)
        #expect(FixFixture.best(try FixFixture.rule("email NOT LIKE '%@%.%'"), .text(value)) == nil)
    }

    @Test func theFixMustPassTheCheck() throws {
        // Lower-casing does not help a check that wants something else: no proposal.
        #expect(FixFixture.best(FixFixture.regex("email", #"^[a-z]+@bank\.example$"#), .text("Ann@Gmail.com")) == nil)
        // A LIKE rule is re-evaluated in memory.
        let like = try FixFixture.rule("email NOT LIKE '%@%.%'")
        #expect(FixFixture.fixed(like, "ann@gmailcom") == "ann@gmail.com")
        let expect = try FixFixture.rule("email = lower(trim(email))", violationWhen: false)
        #expect(FixFixture.fixed(expect, " Ann@Bank.Example") == "ann@bank.example")
    }
}

@Suite("Fix rule: SSN")
struct SSNFixTests {
    @Test(arguments: ["123456789", "123 45 6789", "123.45.6789", "123/45-6789", " 123-45-6789 ", "123_45_6789", "123 - 45 - 6789"])
    func nineDigitsBecomeTheUsualForm(value: String) throws {
        let proposal = try #require(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .text(value)))
        #expect(proposal.changes[0].newValue == .text("123-45-6789"))
        #expect(proposal.confidence == 0.98)
    }

    @Test func theFormFollowsTheCheck() {
        #expect(FixFixture.fixed(FixFixture.regex("ssn", #"^\d{9}$"#), "123-45-6789") == "123456789")
        #expect(FixFixture.fixed(FixFixture.regex("social_security_number", #"^\d{3} \d{2} \d{4}$"#), "123456789") == "123 45 6789")
    }

    @Test(arguments: ["000 12 3456", "666123456", "912.34.5678", "999 99 9999", "123004567", "123/45-0000"])
    func numbersNeverIssuedAreOnlySuggested(value: String) throws {
        let proposal = try #require(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .text(value)))
        #expect(proposal.confidence == 0.4)
        #expect(FixEngine.decision(for: FixFixture.regex("ssn", FixFixture.ssn), row: ["ssn": .text(value)]).applicable == nil)
    }

    @Test func anUnusualGroupingIsBelowTheBar() throws {
        #expect(try #require(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .text("123-456-789"))).confidence == 0.6)
        #expect(try #require(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .text("12345-6789"))).confidence == 0.6)
    }

    @Test func integersAreZeroPadded() throws {
        let nine = try #require(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .integer(123_456_789)))
        #expect(nine.changes[0].newValue == .text("123-45-6789"))
        #expect(nine.confidence == 0.98)
        let eight = try #require(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .integer(12_345_678)))
        #expect(eight.changes[0].newValue == .text("012-34-5678"))
        #expect(eight.confidence == 0.8)
    }

    @Test(arguments: ["12345678", "1234567890", "12a-45-6789", "N/A", "", "123-45-678", "SSN 123456789", "123-45-6789-0"])
    func otherValuesGetNothing(value: String) {
        #expect(FixFixture.best(FixFixture.regex("ssn", FixFixture.ssn), .text(value)) == nil)
    }
}

@Suite("Fix rule: categorical values")
struct CategoryFixTests {
    static let types = Check(id: "type_valid", kind: .inSet(column: "account_type",
                                                             values: ["checking", "savings", "credit", "loan"].map(Literal.string), negated: false))

    @Test(arguments: [(" Checking", "checking"), ("SAVINGS", "savings"), ("Credit ", "credit"), ("  loan\t", "loan"), ("cHeCkInG", "checking")])
    func whitespaceAndCase(value: String, expected: String) throws {
        let proposal = try #require(FixFixture.best(Self.types, .text(value)))
        #expect(proposal.changes[0].newValue == .text(expected))
        #expect(proposal.confidence == 0.99)
        #expect(proposal.rule == .category)
    }

    @Test func separatorsMatchBelowTheBar() throws {
        let cards = Check(id: "card", kind: .inSet(column: "product", values: [.string("credit_card"), .string("debit_card")], negated: false))
        let proposal = try #require(FixFixture.best(cards, .text("Credit-Card")))
        #expect(proposal.changes[0].newValue == .text("credit_card"))
        #expect(proposal.confidence == 0.9)
        #expect(FixFixture.best(Self.types, .text("check ing"))?.confidence == 0.9)
    }

    @Test func noMatchOrSeveralMatchesGetNothing() {
        #expect(FixFixture.best(Self.types, .text("premium")) == nil)
        #expect(FixFixture.best(Self.types, .text("checkings")) == nil)
        let twins = Check(id: "t", kind: .inSet(column: "status", values: [.string("Open"), .string("OPEN")], negated: false))
        #expect(FixFixture.best(twins, .text("open")) == nil)
        #expect(FixFixture.best(Self.types, .integer(3)) == nil)
    }

    @Test func onlyAnAllowedSetOfTextFits() {
        let negated = CheckKind.inSet(column: "t", values: [.string("x")], negated: true)
        #expect(FixEngine.unsuitability(of: .category, for: negated) != nil)
        #expect(FixEngine.unsuitability(of: .category, for: .inSet(column: "n", values: [.integer(1)], negated: false)) != nil)
        #expect(FixEngine.unsuitability(of: .category, for: Self.types.kind) == nil)
        #expect(CheckFixer(check: Self.types, settings: FixSettings()).rules == [.category])
    }
}
