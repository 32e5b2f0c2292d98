import AssayTestSupport
import AssayConformance
import Foundation
import Testing

func conformanceCasesPath() -> String {
    ConformanceCase.casesPath(repository: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
}

/// Great Expectations' own test cases, run through Assay on SQLite.
@Suite("GX conformance on SQLite")
struct ConformanceTests {
    /// Agreement required on the cases GX itself runs on the backend (issue 4).
    static let target = 0.98

    @Test func agreesWithGXOnItsOwnCases() async throws {
        let cases = try ConformanceCase.load(path: conformanceCasesPath())
        #expect(cases.count >= 275)
        let report = try await ConformanceRunner(backend: .sqlite).run(cases)
        let ran = report.summary(.gxRan)
        print(report.table())
        #expect(ran.cases >= 180)
        #expect(ran.agreement >= Self.target, "\(report.outcomes.filter { $0.outcome == .disagree }.map { "\($0.id): \($0.reason)" })")
        // Skips only for documented reasons.
        #expect(Set(report.skipReasons().keys).isSubset(of: [
            "legacy: describes GX 0.18 behaviour", "pandas-only condition (row_condition for the pandas parser)",
            "argument removed in GX 1.x",
        ]))
        // Cases GX never ran on SQL backends are run and reported apart.
        let apart = report.summary(.gxNeverRan)
        #expect(apart.cases >= 20 && apart.agree + apart.disagree == apart.cases)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["agree"] as? Int == ran.agree)
        #expect((json["cases"] as? [Any])?.count == report.outcomes.count)
    }

    /// Cases of the held-out file, one or more per class of disagreement found there (issue 8, point 7):
    /// an empty regular expression, a null value set / column list / type list, a boolean column's mean,
    /// disordered quantile ranges, a statistic without bounds, the columns GX observes, value pairs.
    static let heldOutClasses = [
        "expect_column_values_to_match_regex:expect_column_values_to_match_regex:19",
        "expect_column_values_to_not_match_regex:expect_column_values_to_not_match_regex:11",
        "expect_column_distinct_values_to_be_in_set:expect_column_distinct_values_to_be_in_set:1",
        "expect_column_values_to_be_in_type_list:expect_column_values_to_be_in_type_list:25",
        "expect_table_columns_to_match_ordered_list:expect_table_columns_to_match_ordered_list:5",
        "expect_table_columns_to_match_set:expect_table_columns_to_match_set:10",
        "expect_table_columns_to_match_set:expect_table_columns_to_match_set:11",
        "expect_table_columns_to_match_set:expect_table_columns_to_match_set:0",
        "expect_column_mean_to_be_between:expect_column_mean_to_be_between:11",
        "expect_column_quantile_values_to_be_between:expect_column_quantile_values_to_be_between:4",
        "expect_column_min_to_be_between:expect_column_min_to_be_between:7",
        "expect_column_pair_values_to_be_in_set:expect_column_pair_values_to_be_in_set:2",
    ]

    /// GX's cases outside the shared file: the shared cases are a sample, not the target.
    @Test func agreesWithGXOnCasesOutsideTheSharedFile() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let heldOut = try ConformanceCase.load(path: ConformanceCase.heldOutPath(repository: root))
        let shared = Set(try ConformanceCase.load(path: conformanceCasesPath()).map(\.id))
        #expect(heldOut.count >= 280)
        #expect(heldOut.allSatisfy { !shared.contains($0.id) })
        let report = try await ConformanceRunner(backend: .sqlite).run(heldOut)
        print(report.table())
        let ran = report.summary(.gxRan)
        #expect(ran.cases >= 180)
        #expect(ran.agreement >= Self.target, "\(report.outcomes.filter { $0.outcome == .disagree }.map { "\($0.id): \($0.reason)" })")
        let outcomes = Dictionary(report.outcomes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in Self.heldOutClasses {
            let outcome = try #require(outcomes[id], "\(id) is not run on SQLite")
            #expect(outcome.outcome == .agree, "\(id): \(outcome.reason)")
        }
        // The shared file's case of the same class as min's (sum without bounds) agrees too.
        let sum = try await ConformanceRunner(backend: .sqlite).run(try ConformanceCase.load(path: conformanceCasesPath())
            .filter { $0.id == "expect_column_sum_to_be_between:expect_column_sum_to_be_between:6" })
        #expect(sum.outcomes.map(\.outcome) == [.agree])
    }

    @Test func runsAnyFileInTheFormatAndNamesBadLines() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let lines = try String(contentsOfFile: conformanceCasesPath(), encoding: .utf8).split(separator: "\n")
        let picked = lines.filter { $0.contains("\"expectation\": \"expect_column_values_to_be_unique\"") }
        #expect(!picked.isEmpty)
        try picked.joined(separator: "\n").write(toFile: dir.file("some.jsonl"), atomically: true, encoding: .utf8)
        let report = try await ConformanceRunner(backend: .sqlite).run(try ConformanceCase.load(path: dir.file("some.jsonl")))
        #expect(Set(report.outcomes.map(\.expectation)) == ["expect_column_values_to_be_unique"])
        #expect(report.summary(.gxRan).disagree == 0)
        try "{\"id\": 1}\n".write(toFile: dir.file("bad.jsonl"), atomically: true, encoding: .utf8)
        #expect { _ = try ConformanceCase.load(path: dir.file("bad.jsonl")) } throws: { "\($0)".contains("bad.jsonl:1:") }
    }

    @Test func theCommandPrintsTheTableWritesTheReportAndGatesOnTheTarget() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let output = try AssayProcess.run([conformanceCasesPath(), "--backend", "sqlite", "--report", dir.file("r.json"), "--target", "98"],
                                          product: "assay-conformance")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("cases GX runs on sqlite"))
        #expect(output.stdout.contains("expect_column_values_to_be_unique"))
        #expect(output.stdout.contains("cases GX never ran on SQL backends"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("r.json")))) as? [String: Any])
        let cases = try #require(report["cases"] as? [[String: Any]])
        #expect(cases.allSatisfy { ["agree", "disagree", "skipped"].contains($0["outcome"] as? String ?? "") && $0["id"] is String && $0["reason"] is String })
        let unreachable = try AssayProcess.run([conformanceCasesPath(), "--target", "100"], product: "assay-conformance")
        #expect(unreachable.status == 1)
        let missing = try AssayProcess.run([dir.file("nope.jsonl")], product: "assay-conformance")
        #expect(missing.status == 3 && missing.stderr.contains("cannot read"))
    }
}
