@testable import AssayCore
import Testing

/// The evaluator on hand-made query results: each measure against its limits, failures and masking.
@Suite("Evaluator: measures, limits, failures and masking")
struct EvaluatorTests {
    typealias F = CoreFixture

    static func ref(_ query: Int, _ column: Int, _ element: Int? = nil) -> MetricRef {
        MetricRef(query: query, column: column, element: element)
    }

    /// Evaluates one planned check of table `accounts` against results.
    static func evaluate(_ check: Check, _ measure: Measure, rows: [Int: [SQLValue]] = [:], lists: [Int: [[SQLValue]]] = [:],
                         failures: [Int: String] = [:], masked: Set<String> = [], sampleColumns: [String] = []) -> CheckResult {
        let planned = PlannedCheck(check: check, measure: measure, sample: nil, sampleColumns: sampleColumns)
        return Evaluator(now: CoreFixture.now, maskedColumns: masked)
            .evaluate(planned, table: TableSpec(name: "accounts", checks: []), results: QueryResults(rows: rows, lists: lists, failures: failures.mapValues { SourceError(.sql, $0) }))
    }

    /// A not-null check with `thresholds`, measured as `violations` of `rows`.
    static func violations(_ violations: Int64, of rows: Int64, _ thresholds: ViolationThresholds = ViolationThresholds()) -> CheckResult {
        evaluate(Check(id: "email_present", kind: .notNull(column: "email"), thresholds: thresholds),
                 .violations(rows: ref(0, 0), violations: ref(0, 1)), rows: [0: [.integer(rows), .integer(violations)]])
    }

    // MARK: violations against thresholds

    @Test func withoutLimitsAnyViolationFails() {
        let clean = Self.violations(0, of: 100)
        #expect(clean.status == .pass && clean.violations == 0 && clean.rowsChecked == 100 && clean.violationRate == 0)
        #expect(clean.message == "no violations in 100 rows")
        let one = Self.violations(1, of: 100)
        #expect(one.status == .fail && one.violations == 1 && one.violationRate == 0.01)
        #expect(one.message == "1 of 100 rows violate (1%)")
        let third = Self.violations(1, of: 3)
        #expect(third.message == "1 of 3 rows violate (33.33%)")
    }

    @Test("count limits: a count equal to the limit passes it", arguments: [
        (Int64(0), CheckStatus.pass), (2, .pass), (3, .warn), (5, .warn), (6, .fail), (1000, .fail),
    ])
    func countLimits(_ violations: Int64, _ expected: CheckStatus) {
        let result = Self.violations(violations, of: 1000, ViolationThresholds(warn: .count(2), fail: .count(5)))
        #expect(result.status == expected)
        #expect(result.violations == Int(violations))
    }

    @Test("percent limits of 200 rows: 1% is 2 rows, 5% is 10", arguments: [
        (Int64(2), CheckStatus.pass), (3, .warn), (10, .warn), (11, .fail), (200, .fail),
    ])
    func percentLimits(_ violations: Int64, _ expected: CheckStatus) {
        let result = Self.violations(violations, of: 200, ViolationThresholds(warn: .percent(1), fail: .percent(5)))
        #expect(result.status == expected)
        #expect(result.violationRate == Double(violations) / 200)
    }

    @Test func aFractionalPercentBoundaryPasses() {
        // 1 of 3 rows is 33.333...%: exactly at a limit of 100/3 %, it passes (no rounding makes it exceed).
        #expect(Self.violations(1, of: 3, ViolationThresholds(fail: .percent(100.0 / 3))).status == .pass)
        #expect(Self.violations(2, of: 3, ViolationThresholds(fail: .percent(100.0 / 3))).status == .fail)
    }

    @Test func onlyAWarnLimitNeverFails() {
        let t = ViolationThresholds(warn: .count(0))
        #expect(Self.violations(0, of: 10, t).status == .pass)
        #expect(Self.violations(10, of: 10, t).status == .warn)
        let failOnly = ViolationThresholds(fail: .count(3))
        #expect(Self.violations(3, of: 10, failOnly).status == .pass)
        #expect(Self.violations(4, of: 10, failOnly).status == .fail)
    }

    @Test func anEmptyTableHasNoViolationsAndARateOfZero() {
        let result = Self.violations(0, of: 0, ViolationThresholds(fail: .percent(0)))
        #expect(result.status == .pass && result.rowsChecked == 0 && result.violationRate == 0)
        #expect(result.message == "no violations in 0 rows")
    }

    // MARK: counted

    static let codeShape = Check(id: "code_shape", kind: .regex(column: "code", pattern: "^A", mustMatch: true))

    @Test func countedWithValuesSaysHowManyWereNull() {
        let result = Self.evaluate(Self.codeShape, .counted(rows: Self.ref(0, 0), violations: Self.ref(0, 1), values: Self.ref(0, 2), notDates: nil),
                                   rows: [0: [.integer(10), .integer(2), .integer(7)]])
        #expect(result.status == .fail && result.rowsChecked == 10 && result.valuesChecked == 7 && result.violations == 2)
        #expect(result.violationRate == 0.2)
        #expect(result.message == "2 of 7 values checked violate (20% of 10 rows, 3 NULL)")
    }

    @Test func countedWhenEveryValueIsNull() {
        let result = Self.evaluate(Self.codeShape, .counted(rows: Self.ref(0, 0), violations: Self.ref(0, 1), values: Self.ref(0, 2), notDates: nil),
                                   rows: [0: [.integer(4), .integer(0), .integer(0)]])
        #expect(result.status == .pass && result.valuesChecked == 0)
        #expect(result.message == "no violations in 0 values checked (4 rows, all NULL)")
        let full = Self.evaluate(Self.codeShape, .counted(rows: Self.ref(0, 0), violations: Self.ref(0, 1), values: Self.ref(0, 2), notDates: nil),
                                 rows: [0: [.integer(4), .integer(1), .integer(4)]])
        #expect(full.message == "1 of 4 rows violate (25%)")
    }

    @Test("values that are not dates count as violations once: P + N − P∩N")
    func notDates() throws {
        let notDates = NotDates(rows: Self.ref(0, 2), alsoViolating: Self.ref(0, 3), columns: ["opened"])
        let check = try F.rule("future", "opened > current_date")
        let measure = Measure.counted(rows: Self.ref(0, 0), violations: Self.ref(0, 1), values: nil, notDates: notDates)
        let result = Self.evaluate(check, measure, rows: [0: [.integer(20), .integer(3), .integer(4), .integer(1)]])
        #expect(result.violations == 6)
        #expect(result.message == "6 of 20 rows violate (30%); 4 values are not ISO-8601 dates (opened), counted as violations")
        let one = Self.evaluate(check, measure, rows: [0: [.integer(20), .integer(0), .integer(1), .integer(0)]])
        #expect(one.violations == 1)
        #expect(one.message.hasSuffix("; 1 value is not an ISO-8601 date (opened), counted as violations"))
        let none = Self.evaluate(check, measure, rows: [0: [.integer(20), .integer(0), .integer(0), .integer(0)]])
        #expect(none.status == .pass && none.message == "no violations in 20 rows")
    }

    // MARK: duplicates

    static let uniqueEmail = Check(id: "unique_email", kind: .unique(columns: ["email"]))

    @Test func duplicatesAreCompleteRowsMinusDistinctValues() {
        let measure = Measure.duplicates(rows: Self.ref(0, 0), complete: Self.ref(0, 1), distinct: Self.ref(0, 2))
        let result = Self.evaluate(Self.uniqueEmail, measure, rows: [0: [.integer(10), .integer(8), .integer(5)]])
        #expect(result.status == .fail && result.violations == 3 && result.rowsChecked == 10)
        let clean = Self.evaluate(Self.uniqueEmail, measure, rows: [0: [.integer(10), .integer(8), .integer(8)]])
        #expect(clean.status == .pass && clean.violations == 0)
    }

    @Test func groupedDuplicatesBringTheirSample() throws {
        let measure = Measure.groupedDuplicates(rows: Self.ref(0, 0), result: Self.ref(0, 1))
        let result = Self.evaluate(Self.uniqueEmail, measure, rows: [0: [.integer(10), .text(#"[3, [["a@x.com", 3], ["b@x.com", 2]]]"#)]],
                                   sampleColumns: ["email", "occurrences"])
        #expect(result.status == .fail && result.violations == 3)
        let sample = try #require(result.sample)
        #expect(sample.columns == ["email", "occurrences"])
        #expect(sample.rows == [["a@x.com", "3"], ["b@x.com", "2"]])
        #expect(sample.numericColumns == ["occurrences"])
        let none = Self.evaluate(Self.uniqueEmail, measure, rows: [0: [.integer(10), .text("[0, []]")]])
        #expect(none.status == .pass && none.sample == nil)
        let garbled = Self.evaluate(Self.uniqueEmail, measure, rows: [0: [.integer(10), .text("{oops")]])
        #expect(garbled.status == .error && garbled.message.contains("unexpected duplicate count"))
    }

    // MARK: row count

    @Test("row count bounds: fail outside [1, 100], warn outside [10, 90]", arguments: [
        (Int64(0), CheckStatus.fail), (1, .warn), (9, .warn), (10, .pass), (90, .pass), (91, .warn), (100, .warn), (101, .fail),
    ])
    func rowCount(_ rows: Int64, _ expected: CheckStatus) {
        let check = Check(id: "rows", kind: .rowCount(fail: ValueBounds(min: 1, max: 100), warn: ValueBounds(min: 10, max: 90)))
        let result = Self.evaluate(check, .rowCount(rows: Self.ref(0, 0)), rows: [0: [.integer(rows)]])
        #expect(result.status == expected)
        #expect(result.observed == Double(rows) && result.rowsChecked == Int(rows))
        switch expected {
        case .pass: #expect(result.message == "\(rows) rows")
        case .warn: #expect(result.message == "\(rows) rows, expected [10, 90]")
        default: #expect(result.message == "\(rows) rows, expected [1, 100]")
        }
    }

    // MARK: freshness

    static let freshness = Check(id: "fresh", kind: .freshness(column: "updated_at", warnAfter: TimeSpan(seconds: 900),
                                                               failAfter: TimeSpan(seconds: 3600)))

    static func fresh(_ newest: SQLValue) -> CheckResult {
        evaluate(freshness, .newest(rows: ref(0, 0), epochSeconds: ref(0, 1)), rows: [0: [.integer(50), newest]])
    }

    @Test("freshness by the newest value's age", arguments: [
        (60.0, CheckStatus.pass), (900, .pass), (901, .warn), (3600, .warn), (3601, .fail), (-300, .pass),
    ])
    func freshnessByAge(_ age: Double, _ expected: CheckStatus) {
        let result = Self.fresh(.double(F.now.epochSeconds - age))
        #expect(result.status == expected)
        #expect(result.observed == max(0, age))
        #expect(result.rowsChecked == 50)
    }

    @Test func freshnessMessages() {
        let stale = Self.fresh(.double(F.now.epochSeconds - 1800))
        #expect(stale.message == "newest updated_at is 2026-06-01 11:30:00 (30m old)")
        let old = Self.fresh(.integer(Int64(F.now.epochSeconds) - 3 * 86_400 - 4 * 3600))
        #expect(old.status == .fail && old.message == "newest updated_at is 2026-05-29 08:00:00 (3d 4h old)")
    }

    @Test func freshnessWithoutValuesFails() {
        let result = Self.fresh(.null)
        #expect(result.status == .fail && result.rowsChecked == 50 && result.observed == nil)
        #expect(result.message == "no updated_at values: the table has no data to be fresh")
    }

    @Test("a newest value more than five minutes in the future fails")
    func freshnessInTheFuture() {
        let ahead = Self.fresh(.double(F.now.epochSeconds + 301))
        #expect(ahead.status == .fail && ahead.observed == -301)
        #expect(ahead.message == "newest updated_at is 2026-06-01 12:05:01 (5m 1s in the future)")
        #expect(Self.fresh(.double(F.now.epochSeconds + 300)).status == .pass)
    }

    // MARK: statistics

    static func statistic(_ statistic: Statistic, _ range: ValueRange, _ values: [SQLValue], column: String = "amount",
                          denominator: Bool = false, masked: Set<String> = []) -> CheckResult {
        evaluate(Check(id: "s", kind: .statistic(column: column, statistic, range: range)),
                 .statistic(value: ref(0, 0), denominator: denominator ? ref(0, 1) : nil), rows: [0: values], masked: masked)
    }

    @Test func statisticWithinAndOutsideItsRange() {
        let range = ValueRange(min: .integer(10), max: .integer(20))
        let inside = Self.statistic(.mean, range, [.double(12.5)])
        #expect(inside.status == .pass && inside.observed == 12.5 && inside.observedValue == .double(12.5))
        #expect(inside.message == "mean of amount is 12.5")
        let edge = Self.statistic(.mean, range, [.integer(20)])
        #expect(edge.status == .pass)
        let strict = Self.statistic(.mean, ValueRange(min: .integer(10), max: .integer(20), strictMax: true), [.integer(20)])
        #expect(strict.status == .fail && strict.message == "mean of amount is 20, expected [10, 20)")
        let outside = Self.statistic(.max, range, [.integer(21)])
        #expect(outside.status == .fail && outside.message == "max of amount is 21, expected [10, 20]")
    }

    @Test func statisticOfNoValues() {
        let bounded = Self.statistic(.min, ValueRange(min: .integer(0)), [.null])
        #expect(bounded.status == .fail && bounded.message == "amount has no values to take the min of")
        #expect(Self.statistic(.min, ValueRange(), [.null]).status == .pass)
    }

    @Test func aStatisticThatCannotBeComparedIsAnError() {
        let result = Self.statistic(.min, ValueRange(min: .integer(0)), [.text("abc")])
        #expect(result.status == .error)
        #expect(result.message.contains("accounts.s could not run") && result.message.contains("cannot be compared"), "\(result.message)")
    }

    @Test func aDenominatorDivides() {
        let share = Self.statistic(.uniqueProportion, ValueRange(min: .decimal(0.8)), [.integer(3), .integer(4)], column: "email", denominator: true)
        #expect(share.status == .fail && share.observed == 0.75)
        #expect(share.message == "unique proportion of email is 0.75, expected >= 0.8")
        let empty = Self.statistic(.uniqueProportion, ValueRange(min: .decimal(0.8)), [.integer(0), .integer(0)], column: "email", denominator: true)
        #expect(empty.status == .fail && empty.message.contains("has no values"))
    }

    @Test func theMedianIsTheMeanOfTheTwoMiddleValues() {
        let check = Check(id: "median", kind: .statistic(column: "amount", .median, range: ValueRange(max: .integer(14))))
        let measure = Measure.median(lower: Self.ref(0, 0, 0), upper: Self.ref(0, 0, 1))
        let even = Self.evaluate(check, measure, rows: [0: [.text("[10,20]")]])
        #expect(even.status == .fail && even.observed == 15)
        let odd = Self.evaluate(check, measure, rows: [0: [.text("{13,13}")]])
        #expect(odd.status == .pass && odd.observed == 13)
        let none = Self.evaluate(check, measure, rows: [0: [.null]])
        #expect(none.status == .fail && none.message == "amount has no values to take the median of")
    }

    @Test("quantiles from an array of SQLite (JSON) or PostgreSQL form", arguments: ["[1,5,9]", "{1,5,9}"])
    func quantiles(_ array: String) {
        let check = Check(id: "q", kind: .quantiles(column: "amount", [
            QuantileRange(quantile: 0.25, range: ValueRange(min: .integer(0), max: .integer(2))),
            QuantileRange(quantile: 0.5, range: ValueRange(min: .integer(4), max: .integer(6))),
            QuantileRange(quantile: 0.9, range: ValueRange(max: .integer(8))),
        ]))
        let result = Self.evaluate(check, .quantiles([Self.ref(0, 0, 0), Self.ref(0, 0, 1), Self.ref(0, 0, 2)]), rows: [0: [.text(array)]])
        #expect(result.status == .fail && result.violations == 1)
        #expect(result.message == "q0.9=9 not in <= 8")
        #expect(result.observedValues == [.integer(1), .integer(5), .integer(9)])
    }

    // MARK: value sets

    static func distinctSet(_ relation: SetRelation, unexpected: Int64, found: Int64, values: [[SQLValue]]) -> CheckResult {
        let set: [Literal] = [.string("a"), .string("b"), .string("c")]
        return evaluate(Check(id: "set", kind: .distinctValues(column: "status", values: set, relation: relation)),
                        .distinctSet(unexpected: ref(0, 0), found: ref(0, 1), expected: 3, values: ref(1, 0)),
                        rows: [0: [.integer(unexpected), .integer(found)]], lists: [1: values])
    }

    @Test func distinctSetRelations() {
        let values: [[SQLValue]] = [[.text("a"), .integer(5)], [.text("b"), .integer(3)], [.text("z"), .integer(1)]]
        let equals = Self.distinctSet(.equals, unexpected: 1, found: 2, values: values)
        #expect(equals.status == .fail && equals.violations == 2)
        #expect(equals.message == "1 value(s) outside the set: z; 1 value(s) of the set missing: c")
        #expect(equals.observedValues == [.text("a"), .text("b"), .text("z")])
        let within = Self.distinctSet(.within, unexpected: 1, found: 2, values: values)
        #expect(within.status == .fail && within.violations == 1 && within.message == "1 value(s) outside the set: z")
        let contains = Self.distinctSet(.contains, unexpected: 1, found: 2, values: values)
        #expect(contains.status == .fail && contains.violations == 1 && contains.message == "1 value(s) of the set missing: c")
        let ok = Self.distinctSet(.within, unexpected: 0, found: 2, values: Array(values.prefix(2)))
        #expect(ok.status == .pass && ok.message == "2 distinct value(s) of status as expected")
    }

    static func mostCommon(_ frequencies: [[SQLValue]], tiesOkay: Bool, masked: Set<String> = []) -> CheckResult {
        evaluate(Check(id: "mode", kind: .mostCommonValue(column: "status", values: [.string("open")], tiesOkay: tiesOkay)),
                 .mostCommon(values: ref(1, 0)), lists: [1: frequencies], masked: masked)
    }

    @Test func mostCommonValue() {
        let tie: [[SQLValue]] = [[.text("open"), .integer(5)], [.text("closed"), .integer(5)], [.text("x"), .integer(1)]]
        let strict = Self.mostCommon(tie, tiesOkay: false)
        #expect(strict.status == .fail && strict.message == "most common status: open, closed (5 rows), a tie")
        #expect(strict.observedValues == [.text("open"), .text("closed")])
        #expect(Self.mostCommon(tie, tiesOkay: true).status == .pass)
        let other = Self.mostCommon([[.text("x"), .integer(9)], [.text("open"), .integer(1)]], tiesOkay: true)
        #expect(other.status == .fail && other.message == "most common status: x (9 rows), not in the set")
        let single = Self.mostCommon([[.text("open"), .integer(9)], [.text("x"), .integer(1)]], tiesOkay: false)
        #expect(single.status == .pass && single.message == "most common status: open (9 rows)")
        let empty = Self.mostCommon([], tiesOkay: true)
        #expect(empty.status == .fail && empty.message == "status has no values")
    }

    // MARK: catalogue, proven, invalid, failures

    @Test func catalogueMeasuresAreJudgedAsPlanned() {
        let check = Check(id: "count", kind: .columnCount(ValueBounds(min: 9)))
        let failed = Self.evaluate(check, .catalogue(passed: false, observed: .integer(8), problems: nil, message: "8 columns, expected >= 9"))
        #expect(failed.status == .fail && failed.observed == 8 && failed.observedValue == .integer(8))
        #expect(failed.message == "8 columns, expected >= 9")
        let missing = Self.evaluate(Check(id: "has", kind: .columnExists(column: "phone")),
                                    .catalogue(passed: false, observed: nil, problems: 1, message: "missing column(s) phone"))
        #expect(missing.status == .fail && missing.violations == 1)
        let passed = Self.evaluate(check, .catalogue(passed: true, observed: nil, problems: 0, message: "schema as expected"))
        #expect(passed.status == .pass && passed.violations == 0)
    }

    @Test func provenChecksPassWithTheirRowCount() {
        let result = Self.evaluate(Self.uniqueEmail, .proven(rows: Self.ref(0, 0), constraint: "the PRIMARY KEY constraint on (id)"),
                                   rows: [0: [.integer(42)]])
        #expect(result.status == .pass && result.rowsChecked == 42 && result.violations == 0)
        #expect(result.message == "no violations in 42 rows: proven by the PRIMARY KEY constraint on (id), no scan needed")
    }

    @Test func invalidChecksAreErrorsWithTheReason() {
        let result = Self.evaluate(Self.uniqueEmail, .invalid("unknown column 'emial' in table 'accounts'"))
        #expect(result.status == .error && result.violations == nil && result.rowsChecked == nil)
        #expect(result.message == "accounts.unique_email could not run: unknown column 'emial' in table 'accounts'")
    }

    @Test func aFailedQueryIsAnErrorNamingTheCause() {
        let measure = Measure.violations(rows: Self.ref(1, 0), violations: Self.ref(1, 1))
        let check = Check(id: "fk", kind: .references(column: "customer_id", table: "customers", key: "customer_id"))
        let failed = Self.evaluate(check, measure, rows: [0: [.integer(10)]], failures: [1: "canceling statement due to statement timeout"])
        #expect(failed.status == .error)
        #expect(failed.message == "accounts.fk could not run: canceling statement due to statement timeout")
        // Another query's failure does not touch this check.
        let fine = Self.evaluate(check, measure, rows: [1: [.integer(10), .integer(0)]], failures: [0: "scan failed"])
        #expect(fine.status == .pass)
        let missing = Self.evaluate(check, measure, rows: [1: [.integer(10)]])
        #expect(missing.status == .error && missing.message.contains("query 2 returned no value for metric 2"), "\(missing.message)")
        let notACount = Self.evaluate(check, measure, rows: [1: [.integer(10), .text("many")]])
        #expect(notACount.status == .error && notACount.message.contains("expected a count"))
        let lostList = Self.evaluate(Check(id: "mode", kind: .mostCommonValue(column: "status", values: [], tiesOkay: true)),
                                     .mostCommon(values: Self.ref(2, 0)), failures: [2: "connection reset by peer"])
        #expect(lostList.status == .error && lostList.message.hasSuffix("could not run: connection reset by peer"))
    }

    @Test func evaluatingAPlanKeepsItsOrder() {
        let plan = F.plan([Check(id: "a", kind: .notNull(column: "email")), Check(id: "b", kind: .notNull(column: "nope"))])
        let results = Evaluator(now: F.now).evaluate(plan, results: QueryResults(rows: [0: [.integer(5), .integer(1)]]))
        #expect(results.map(\.check) == ["a", "b"])
        #expect(results.map(\.status) == [.fail, .error])
        #expect(results[0].message == "1 of 5 rows violate (20%)")
    }

    // MARK: masking

    @Test func personalValuesAreMaskedInMessagesAndObservedValues() {
        let minimum = Self.statistic(.min, ValueRange(min: .string("b")), [.text("alice@example.com")], column: "email", masked: ["email"])
        #expect(minimum.status == .fail, "judged on the real value")
        #expect(!minimum.message.contains("alice"), "\(minimum.message)")
        #expect(minimum.message == "min of email is a***, expected >= b")
        #expect(minimum.observedValue == .text("a***") && minimum.observed == nil)
        // Counts of a personal column are not its values.
        let count = Self.statistic(.distinctCount, ValueRange(min: .integer(1)), [.integer(7)], column: "email", masked: ["email"])
        #expect(count.observed == 7 && count.observedValue == .integer(7))
        // Other columns are shown as they are.
        let plain = Self.statistic(.min, ValueRange(), [.text("alice@example.com")], column: "email")
        #expect(plain.observedValue == .text("alice@example.com"))
    }

    @Test func maskedModesAndFreshness() {
        let modes = Self.mostCommon([[.text("open"), .integer(3)]], tiesOkay: false, masked: ["status"])
        #expect(modes.status == .pass && modes.message == "most common status: o*** (3 rows)")
        #expect(modes.observedValues == [.text("o***")])
        let check = Check(id: "fresh", kind: .freshness(column: "updated_at", warnAfter: nil, failAfter: TimeSpan(seconds: 3600)))
        let fresh = Self.evaluate(check, .newest(rows: Self.ref(0, 0), epochSeconds: Self.ref(0, 1)),
                                  rows: [0: [.integer(1), .double(F.now.epochSeconds - 60)]], masked: ["updated_at"])
        #expect(fresh.message == "newest updated_at is ****-**-** **:**:** (1m old)")
    }
}

/// Defects found by these tests, each kept as a regression case.
@Suite("Evaluator: regressions")
struct EvaluatorDefectTests {
    @Test
    func aFutureNewestValueOfAPersonalColumnIsMasked() {
        let check = Check(id: "fresh", kind: .freshness(column: "updated_at", warnAfter: nil, failAfter: TimeSpan(seconds: 3600)))
        let planned = PlannedCheck(check: check, measure: .newest(rows: MetricRef(query: 0, column: 0), epochSeconds: MetricRef(query: 0, column: 1)),
                                   sample: nil, sampleColumns: [])
        let result = Evaluator(now: CoreFixture.now, maskedColumns: ["updated_at"]).evaluate(
            planned, table: TableSpec(name: "accounts", checks: []), results: QueryResults(rows: [0: [.integer(1), .double(CoreFixture.now.epochSeconds + 3600)]]))
        #expect(result.status == .fail)
        // Was: "newest updated_at is 2026-06-01 13:00:00 (1h in the future)"; the past branch masks the same value.
        #expect(!result.message.contains("2026-06-01 13:00:00"), "\(result.message)")
    }
}
