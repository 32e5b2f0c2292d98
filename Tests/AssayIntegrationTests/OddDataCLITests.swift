import AssayTestSupport
import Foundation
import Testing

/// Right answers on odd data, through the real binary and a real SQLite file: checks that do not apply to a
/// column's type, rows dated in the future, columns of NULLs, and dates kept as ISO-8601 text.
@Suite("The assay command: odd data", .serialized)
struct OddDataCLITests {
    /// `opened` is a DATE column and `born` a TEXT column, both holding ISO-8601 text as SQLite stores dates;
    /// `note` holds only NULLs. Row 4 is dated far in the future, row 5 holds text that is not a date.
    static let data = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, name TEXT, balance REAL, opened DATE, born TEXT, seen TIMESTAMP, note TEXT);
        INSERT INTO customers VALUES
          (1, 'ann', 10, '2020-01-15', '1980-01-01', strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 day'), NULL),
          (2, 'bob', 20, '2021-06-30', '2015-07-04', strftime('%Y-%m-%d %H:%M:%S', 'now', '-2 days'), NULL),
          (3, 'cy', 30, '2022-03-01', '1975-12-31', strftime('%Y-%m-%d %H:%M:%S', 'now', '-30 days'), NULL),
          (4, 'dee', 40, '2999-01-01', '2999-01-01', '2999-01-01 00:00:00', NULL),
          (5, 'eve', 50, 'soon', '31/12/1990', NULL, NULL);
        """

    struct Run {
        var status: Int32
        var results: [[String: Any]]
        var stderr: String

        func result(_ id: String) throws -> [String: Any] {
            try #require(results.first { $0["check"] as? String == id }, "no result \(id) in \(results)")
        }
    }

    static func run(_ command: String, _ checks: String) throws -> Run {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("bank.db"), data)
        try ("tables:\n  customers:\n    checks:\n" + checks).write(toFile: dir.file("suite.yml"), atomically: true, encoding: .utf8)
        let arguments = [command, "-c", "suite.yml", "-s", "sqlite:bank.db"] + (command == "check" ? ["--format", "json"] : [])
        let output = try AssayProcess.run(arguments, in: dir.path)
        return Run(status: output.status, results: command == "check" ? try jsonResults(output.stdout) : [], stderr: output.stderr)
    }

    @Test("a statistic that does not apply to the column's type is a configuration error", arguments: [
        ("- mean: {column: opened, min: 0}", "mean applies to numeric columns, but opened is date"),
        ("- stddev: {column: born, max: 5}", "stddev applies to numeric columns, but born is text"),
        ("- sum: {column: seen, min: 0}", "sum applies to numeric columns, but seen is timestamp"),
        ("- median: {column: name, min: a}", "median (the mean of the two middle values) applies to numeric columns, but name is text"),
        ("- median: {column: opened, min: '2020-01-01'}", "but opened is date"),
    ])
    func inapplicableStatistic(_ check: String, _ expected: String) throws {
        let validate = try Self.run("validate", "      " + check + "\n")
        #expect(validate.status == 3)
        #expect(validate.stderr.contains(expected) && validate.stderr.contains("suite.yml:4:"), "\(validate.stderr)")
        let run = try Self.run("check", "      " + check + "\n")
        #expect(run.status == 3)
        let result = try #require(run.results.first)
        #expect(result["status"] as? String == "ERROR")
        #expect((result["message"] as? String)?.contains(expected) == true, "\(result)")
    }

    @Test func orderStatisticsApplyToDatesAndText() throws {
        let run = try Self.run("check", """
                  - min: {column: name, min: a}
                  - quantiles: {column: born, ranges: [{quantile: 0.5, min: '1000'}]}
            """ + "\n")
        #expect(run.results.allSatisfy { $0["status"] as? String == "PASS" }, "\(run.results)")
    }

    @Test func aWindowLeavesOutRowsDatedInTheFuture() throws {
        let run = try Self.run("check", """
                  - row_count: {min: 0}
                    window: {column: seen, last: 7d}
            """ + "\n")
        let result = try run.result("row_count")
        #expect(result["rows_checked"] as? Int == 2, "\(result)")
    }

    @Test func freshnessFailsWhenTheNewestValueIsInTheFuture() throws {
        let run = try Self.run("check", "      - freshness: {column: seen, fail: 7d}\n")
        let result = try run.result("freshness_seen")
        #expect(result["status"] as? String == "FAIL", "\(result)")
        #expect((result["message"] as? String)?.contains("in the future") == true, "\(result)")
    }

    @Test func aColumnOfNullsSaysNoValueWasChecked() throws {
        let run = try Self.run("check", """
                  - regex: {column: note, pattern: 'x'}
                  - in_set: {column: seen, values: ['2999-01-01 00:00:00']}
            """ + "\n")
        let nulls = try run.result("regex_note")
        #expect(nulls["status"] as? String == "PASS")
        #expect(nulls["values_checked"] as? Int == 0, "\(nulls)")
        #expect(nulls["message"] as? String == "no violations in 0 values checked (5 rows, all NULL)", "\(nulls)")
        let some = try run.result("in_set_seen")
        #expect(some["values_checked"] as? Int == 4, "\(some)")
        #expect((some["message"] as? String)?.contains("of 4 values checked") == true, "\(some)")
    }

    @Test func dateFormatReadsDateColumnsStoredAsText() throws {
        let run = try Self.run("check", "      - date_format: {column: opened, format: '%Y-%m-%d'}\n")
        let result = try run.result("date_format_opened")
        #expect(result["status"] as? String == "FAIL", "\(result)")
        #expect(result["violations"] as? Int == 1, "\(result)")
    }

    @Test("text columns holding ISO-8601 dates compare, age and extract as dates", arguments: [
        // Row 4 (2999) violates by date; row 5 ('31/12/1990') is not a date and violates too.
        ("born > current_date", 2),
        ("EXTRACT(YEAR FROM AGE(born)) < 18", 3),
        ("EXTRACT(YEAR FROM born) > 2500", 2),
        ("opened + INTERVAL '1 day' > current_date", 2),
        ("born BETWEEN DATE '1900-01-01' AND DATE '1979-12-31'", 2),
    ])
    func textDates(_ condition: String, _ violations: Int) throws {
        let run = try Self.run("check", "      - rule: {violation: \"\(condition)\"}\n        id: r\n")
        let result = try run.result("r")
        #expect(result["status"] as? String == "FAIL", "\(result)")
        #expect(result["violations"] as? Int == violations, "\(result)")
        #expect((result["message"] as? String)?.contains("1 value is not an ISO-8601 date") == true, "\(result)")
    }
}
