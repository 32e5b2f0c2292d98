@testable import AssayCore
import Testing

@Suite("Fix rule: swapped dates")
struct SwappedDatesFixTests {
    static let pair = Check(id: "closed_after_opened", kind: .columnPair(left: "closed_date", op: .greaterOrEqual, right: "opened_date"))

    static func account(opened: String, closed: String?, created: String? = nil) -> [String: SQLValue] {
        var row: [String: SQLValue] = ["account_id": .integer(7), "opened_date": .text(opened), "closed_date": closed.map(SQLValue.text) ?? .null,
                                       "account_balance": .double(120.5)]
        if let created { row["created_date"] = .text(created) }
        return row
    }

    @Test func aCreationDateOnTheSwappedStartConfirmsTheSwap() throws {
        let row = Self.account(opened: "2025-06-10", closed: "2025-03-01", created: "2025-03-01 10:11:12")
        let proposal = try #require(FixEngine.proposals(for: Self.pair, row: row).first)
        #expect(Set(proposal.changes) == [FixChange(column: "opened_date", oldValue: .text("2025-06-10"), newValue: .text("2025-03-01")),
                                          FixChange(column: "closed_date", oldValue: .text("2025-03-01"), newValue: .text("2025-06-10"))])
        #expect(proposal.confidence == 0.97)
        #expect(proposal.reason.contains("created_date"))
        #expect(FixEngine.decision(for: Self.pair, row: row).applicable == proposal)
    }

    @Test func withoutEvidenceTheSwapIsOnlySuggested() throws {
        let row = Self.account(opened: "2025-06-10", closed: "2025-03-01")
        #expect(try #require(FixEngine.proposals(for: Self.pair, row: row).first).confidence == 0.85)
        guard case .review = FixEngine.decision(for: Self.pair, row: row) else {
            Issue.record("expected a review")
            return
        }
    }

    @Test func evidenceForTheCurrentStartSpeaksAgainstTheSwap() throws {
        let against = Self.account(opened: "2025-06-10", closed: "2025-03-01", created: "2025-06-10 08:00:00")
        #expect(try #require(FixEngine.proposals(for: Self.pair, row: against).first).confidence == 0.3)
        var both = against
        both["inserted_at"] = .text("2025-03-01 00:00:01")
        #expect(try #require(FixEngine.proposals(for: Self.pair, row: both).first).confidence == 0.6)
        // A last-update time may fall on either day: it is no evidence.
        var updated = Self.account(opened: "2025-06-10", closed: "2025-03-01")
        updated["updated_at"] = .text("2025-06-10 12:00:00")
        updated["last_review_date"] = .text("2025-03-01")
        #expect(try #require(FixEngine.proposals(for: Self.pair, row: updated).first).confidence == 0.85)
    }

    @Test func rulesComparingTwoColumnsAreFixedToo() throws {
        let row = Self.account(opened: "2025-06-10 09:00:00", closed: "2025-03-01 17:30:00", created: "2025-03-01 09:00:00")
        for check in [try FixFixture.rule("closed_date < opened_date"), try FixFixture.rule("closed_date >= opened_date", violationWhen: false),
                      try FixFixture.rule("opened_date > closed_date"),
                      Check(id: "p", kind: .columnPair(left: "opened_date", op: .lessOrEqual, right: "closed_date"))] {
            let proposal = try #require(FixEngine.proposals(for: check, row: row).first, "\(check.kind)")
            #expect(proposal.rule == .swappedDates)
            #expect(proposal.confidence == 0.97)
            #expect(FixVerifier(check: check).violates(proposal.applied(to: row)) == false)
        }
    }

    @Test func typedDatesAsPostgreSQLReturnThemKeepTheirKind() throws {
        let row: [String: SQLValue] = ["opened_date": .date("2025-06-10"), "closed_date": .date("2025-03-01"),
                                       "created_date": .timestamp("2025-03-01 10:11:12+00")]
        let proposal = try #require(FixEngine.proposals(for: Self.pair, row: row).first)
        #expect(Set(proposal.changes.map(\.newValue)) == [.date("2025-03-01"), .date("2025-06-10")])
        #expect(proposal.confidence == 0.97)
    }

    @Test func autoSwapsOnlyAStartAndAnEnd() {
        let deadline = Check(id: "on_time", kind: .columnPair(left: "submitted_date", op: .lessOrEqual, right: "due_date"))
        #expect(CheckFixer(check: deadline, settings: FixSettings()).rules.isEmpty)
        #expect(CheckFixer(check: deadline, settings: FixSettings(rules: .named([.swappedDates]))).rules == [.swappedDates])
        for (start, end) in [("start_time", "end_time"), ("valid_from", "valid_to"), ("policyEffective", "policyExpiry")] {
            let check = Check(id: "x", kind: .columnPair(left: end, op: .greaterOrEqual, right: start))
            #expect(CheckFixer(check: check, settings: FixSettings()).rules == [.swappedDates], "\(start)")
        }
    }

    @Test func nothingToSwap() throws {
        // A missing end, a passing row, equal dates under a strict check, numbers rather than dates.
        #expect(FixEngine.proposals(for: Self.pair, row: Self.account(opened: "2025-06-10", closed: nil)).isEmpty)
        #expect(FixEngine.proposals(for: Self.pair, row: Self.account(opened: "2025-03-01", closed: "2025-06-10")).isEmpty)
        let strict = Check(id: "s", kind: .columnPair(left: "closed_date", op: .greater, right: "opened_date"))
        #expect(FixEngine.proposals(for: strict, row: Self.account(opened: "2025-03-01", closed: "2025-03-01")).isEmpty)
        let money = Check(id: "m", kind: .columnPair(left: "credit_limit", op: .greaterOrEqual, right: "balance"))
        #expect(FixEngine.proposals(for: money, row: ["credit_limit": .integer(100), "balance": .integer(500)]).isEmpty)
        let text = Self.account(opened: "March 1", closed: "June 10")
        #expect(FixEngine.proposals(for: Self.pair, row: text).isEmpty)
        // Not a comparison of two columns.
        #expect(FixEngine.unsuitability(of: .swappedDates, for: .columnPair(left: "a", op: .equal, right: "b")) != nil)
        #expect(FixEngine.unsuitability(of: .swappedDates, for: try Condition("a < b AND b < c").ruleKind) != nil)
    }
}

extension Condition {
    var ruleKind: CheckKind { .rule(self, violationWhen: true) }
}

@Suite("Fix verification in memory")
struct FixVerifierTests {
    func violates(_ condition: String, _ row: [String: SQLValue], violationWhen: Bool = true) throws -> Bool? {
        FixVerifier(check: try FixFixture.rule(condition, violationWhen: violationWhen)).violates(row)
    }

    @Test func threeValuedLogic() throws {
        #expect(try violates("a > 1", ["a": .integer(2)]) == true)
        #expect(try violates("a > 1", ["a": .null]) == false)
        #expect(try violates("a > 1", ["a": .null], violationWhen: false) == false)
        #expect(try violates("a > 1 OR b = 'x'", ["a": .null, "b": .text("x")]) == true)
        #expect(try violates("a > 1 AND b = 'x'", ["a": .null, "b": .text("y")]) == false)
        #expect(try violates("a IS NULL", ["A": .null]) == true)
        #expect(try violates("NOT (a IN (1, 2))", ["a": .integer(3)]) == true)
        #expect(try violates("a NOT IN (1, NULL)", ["a": .integer(3)]) == false)
        #expect(try violates("a BETWEEN 1 AND 5", ["a": .double(4.5)]) == true)
    }

    @Test func textFunctionsPatternsAndDates() throws {
        #expect(try violates("email NOT LIKE '%@%.%'", ["email": .text("a@b")]) == true)
        #expect(try violates("email NOT LIKE '%@%.%'", ["email": .text("a@b.c")]) == false)
        #expect(try violates("code LIKE 'A_C'", ["code": .text("ABC")]) == true)
        #expect(try violates("code LIKE 'A_C'", ["code": .text("ABBC")]) == false)
        #expect(try violates("code LIKE '50\\%'", ["code": .text("50%")]) == true)
        #expect(try violates("code LIKE '50\\%'", ["code": .text("500")]) == false)
        #expect(try violates("name ILIKE 'ann%'", ["name": .text("ANNA")]) == true)
        #expect(try violates("ssn !~ '^\\d{3}-\\d{2}-\\d{4}$'", ["ssn": .text("123456789")]) == true)
        #expect(try violates("length(trim(code)) <> 3", ["code": .text(" ab ")]) == true)
        #expect(try violates("upper(code) = ('AB' || 'C')", ["code": .text("abc")]) == true)
        #expect(try violates("opened < '2025-01-01'", ["opened": .text("2024-12-31")]) == true)
        #expect(try violates("updated_at >= opened", ["updated_at": .text("2025-01-01 00:00:00"), "opened": .text("2025-01-01")]) == true)
        #expect(try violates("amount + fee > 100", ["amount": .integer(90), "fee": .text("20")]) == true)
    }

    @Test func whatCannotBeToldIsNil() throws {
        #expect(try violates("date_of_birth > current_date", ["date_of_birth": .text("2030-01-01")]) == nil)
        #expect(try violates("EXTRACT(YEAR FROM AGE(dob)) < 18", ["dob": .text("2020-01-01")]) == nil)
        #expect(FixVerifier(check: Check(id: "u", kind: .unique(columns: ["email"]))).violates(["email": .text("a")]) == nil)
        #expect(!FixEngine.canVerify(.references(column: "a", table: "t", key: "k")))
        // An undecidable check gets no proposals at all.
        let future = try FixFixture.rule("phone !~ '^\\d{10}$' OR phone > current_date")
        #expect(CheckFixer(check: future, settings: FixSettings()).rules == [.phone])
        #expect(FixEngine.proposals(for: future, row: ["phone": .text("555.234.5678")]).isEmpty)
    }

    @Test func valueChecksMirrorThePlanner() {
        let between = Check(id: "b", kind: .between(column: "score", min: .integer(300), max: .integer(850), strictMin: false, strictMax: false))
        #expect(FixVerifier(check: between).violates(["score": .integer(299)]) == true)
        #expect(FixVerifier(check: between).violates(["score": .integer(850)]) == false)
        let length = Check(id: "l", kind: .lengthBetween(column: "zip", min: 5, max: 5))
        #expect(FixVerifier(check: length).violates(["zip": .text("1234")]) == true)
        let empty = Check(id: "e", kind: .inSet(column: "t", values: [], negated: false))
        #expect(FixVerifier(check: empty).violates(["t": .text("x")]) == true)
        #expect(FixVerifier(check: Check(id: "n", kind: .notNull(column: "x"))).violates(["x": .null]) == true)
    }
}

@Suite("Fix decisions")
struct FixDecisionTests {
    static func proposal(_ value: String, _ confidence: Double, rule: FixRuleID = .email) -> FixProposal {
        FixProposal(checkID: "c", changes: [FixChange(column: "email", oldValue: .text("X"), newValue: .text(value))],
                    rule: rule, confidence: confidence, reason: "test")
    }

    static let fixer = CheckFixer(check: FixFixture.regex("email", FixFixture.lowerEmail), settings: FixSettings())

    @Test func theBestAtOrAboveTheBarIsApplied() {
        #expect(Self.fixer.decision(for: [Self.proposal("a", 0.95)]) == .apply(Self.proposal("a", 0.95)))
        #expect(Self.fixer.decision(for: [Self.proposal("a", 0.99), Self.proposal("a", 0.96, rule: .category)]).applicable?.rule == .email)
        #expect(Self.fixer.decision(for: [Self.proposal("a", 0.99), Self.proposal("b", 0.5)]).applicable != nil)
        #expect(Self.fixer.decision(for: []) == .noProposal)
    }

    @Test func belowTheBarOrDisagreeingIsReview() {
        guard case .review(let ps, let reason) = Self.fixer.decision(for: [Self.proposal("a", 0.94)]) else {
            Issue.record("expected a review")
            return
        }
        #expect(ps.count == 1 && reason.contains("94 %") && reason.contains("95 %"))
        guard case .review(_, let why) = Self.fixer.decision(for: [Self.proposal("a", 0.99), Self.proposal("b", 0.97, rule: .category)]) else {
            Issue.record("expected a review")
            return
        }
        #expect(why.contains("email, category"))
        let strict = CheckFixer(check: FixFixture.regex("email", FixFixture.lowerEmail), settings: FixSettings(minConfidence: 0.995))
        #expect(strict.decision(for: [Self.proposal("a", 0.99)]).applicable == nil)
        #expect(FixProposal(checkID: "c", changes: [], rule: .ssn, confidence: 1.7, reason: "").confidence == 1)
    }

    @Test func namedRulesThatDoNotSuitTheCheckAreLeftOut() {
        let check = FixFixture.regex("email", FixFixture.lowerEmail)
        #expect(CheckFixer(check: check, settings: FixSettings(rules: .named([.category, .email, .email]))).rules == [.email])
        #expect(CheckFixer(check: Check(id: "n", kind: .notNull(column: "email")), settings: FixSettings()).rules.isEmpty)
        #expect(CheckFixer(check: check) == nil)
        var configured = check
        configured.fix = FixSettings(rules: .named([.email]), minConfidence: 0.5)
        #expect(CheckFixer(check: configured)?.settings.minConfidence == 0.5)
    }

    @Test func fixSettingsArePartOfTheDefinitionNotTheIdentity() {
        let table = TableSpec(name: "customers", checks: [])
        let plain = FixFixture.regex("email", FixFixture.lowerEmail)
        var fixed = plain
        fixed.fix = FixSettings()
        var stricter = plain
        stricter.fix = FixSettings(rules: .named([.email]), minConfidence: 0.99)
        #expect(CheckKey(plain, in: table) == CheckKey(fixed, in: table))
        let prints = Set([plain, fixed, stricter].map { CheckFingerprint($0, in: table) })
        #expect(prints.count == 3)
        #expect(CheckSignature.definition(stricter, table: table).hasSuffix(";fix=email@0.99"))
    }

    @Test func proposalsAreSortedBestFirstAndEachPassesTheCheck() {
        // An email column checked against an allowed set: the email and category rules both fit.
        let check = Check(id: "c", kind: .inSet(column: "email", values: [.string("ops@bank.example"), .string("risk@bank.example")], negated: false))
        let proposals = FixEngine.proposals(for: check, row: ["email": .text(" OPS@bank.example")])
        #expect(proposals.map(\.rule) == [.email, .category])
        #expect(proposals.allSatisfy { FixVerifier(check: check).violates($0.applied(to: ["email": .text(" OPS@bank.example")])) == false })
        #expect(FixEngine.decision(for: check, row: ["email": .text(" OPS@bank.example")]).applicable?.changes[0].newValue == .text("ops@bank.example"))
    }
}
