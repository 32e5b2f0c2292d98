import AssayCore
@testable import AssayOpenLineage
import Foundation
import Testing

/// A suite and a hand-made result of it: every measurement the builder reads, set as a run would set it.
enum BuilderFixture {
    static let started = Date(timeIntervalSince1970: 1_780_000_000)
    static let finished = started.addingTimeInterval(2.5)
    static let id = RunID("0190b5f2-7c1e-7a3b-9c4d-1e2f3a4b5c6d")!

    static let checks: [Check] = [
        Check(id: "email_present", kind: .notNull(column: "email"), severity: .high, description: "every customer has an email"),
        Check(id: "id_unique", kind: .unique(columns: ["id"]), severity: .critical),
        Check(id: "email_format", kind: .regex(column: "email", pattern: "@", mustMatch: true)),
        Check(id: "amount_min", kind: .statistic(column: "amount", .min, range: ValueRange(min: .integer(0)))),
        Check(id: "amount_max", kind: .statistic(column: "amount", .max, range: ValueRange(max: .integer(1_000_000)))),
        Check(id: "rows", kind: .rowCount(fail: ValueBounds(min: 1), warn: nil)),
        Check(id: "recent_nulls", kind: .notNull(column: "phone"), filter: try! Condition("amount > 100")),
        Check(id: "amount_quartiles", kind: .quantiles(column: "amount", [QuantileRange(quantile: 0.25, range: ValueRange()),
                                                                          QuantileRange(quantile: 0.75, range: ValueRange())])),
        Check(id: "customer_exists", kind: .references(column: "customer_id", table: "customers", key: "id")),
    ]
    static let table = TableSpec(name: "accounts", checks: checks)
    static let suite = Suite(name: "bank", source: "sqlite:/data/bank.db", tables: [table])

    static func result(_ id: String, _ status: CheckStatus, _ metrics: [String: SQLValue], violations: Int? = nil,
                       observed: Double? = nil) -> CheckResult {
        let check = checks.first { $0.id == id }!
        var r = CheckResult(check, in: table, status: status, message: "\(id) \(status.rawValue)")
        r.metrics = metrics
        r.violations = violations
        r.rowsChecked = metrics["rows"]?.int
        r.observed = observed
        return r
    }

    static func run(_ results: [CheckResult]) -> SuiteResult {
        SuiteResult(runID: id, suite: "bank", source: "sqlite:/data/bank.db", startedAt: started, finishedAt: finished, durationSeconds: 2.5,
                    results: results, scorecards: [Scorecard(table: "accounts", results: results, weights: ScoringWeights())])
    }

    static let passing: [CheckResult] = [
        result("email_present", .pass, ["rows": .integer(1000), "violations": .integer(0)], violations: 0),
        result("id_unique", .pass, ["rows": .integer(1000), "complete": .integer(990), "distinct": .integer(990)], violations: 0),
        result("email_format", .warn, ["rows": .integer(1000), "violations": .integer(3), "values": .integer(1000)], violations: 3),
        result("amount_min", .pass, ["value": .double(0.5)], observed: 0.5),
        result("amount_max", .pass, ["value": .integer(99_000)], observed: 99_000),
        result("rows", .pass, ["rows": .integer(1000)], observed: 1000),
        result("recent_nulls", .pass, ["rows": .integer(40), "violations": .integer(7)], violations: 7),
        result("amount_quartiles", .pass, ["q1": .double(10), "q2": .double(90)]),
        result("customer_exists", .pass, ["rows": .integer(1000), "violations": .integer(0), "values": .integer(1000)], violations: 0),
    ]

    static let schema: TableSchema = {
        var s = TableSchema(table: "accounts", columns: [
            ColumnInfo(name: "id", declaredType: "INTEGER", isNullable: false, isPrimaryKey: true),
            ColumnInfo(name: "email", declaredType: "TEXT"), ColumnInfo(name: "phone", declaredType: "TEXT"),
            ColumnInfo(name: "amount", declaredType: "NUMERIC"), ColumnInfo(name: "customer_id", declaredType: "INTEGER"),
        ])
        s.databaseSchema = nil
        return s
    }()
}

@Suite("OpenLineage event builder")
struct EventBuilderTests {
    let builder = EventBuilder(namespace: "dq", workingDirectory: "/srv")

    @Test func startNamesTheJobRunAndEveryTableRead() {
        let event = builder.start(id: BuilderFixture.id, suite: BuilderFixture.suite, source: "sqlite:/data/bank.db", at: BuilderFixture.started)
        #expect(event.eventType == .start)
        #expect(event.eventTime == BuilderFixture.started)
        #expect(event.run.runId == "0190b5f2-7c1e-7a3b-9c4d-1e2f3a4b5c6d")
        #expect(event.job == RunEvent.Job(namespace: "dq", name: "bank"))
        // The referenced parent is read too.
        #expect(event.inputs.map(\.name) == ["accounts", "customers"])
        #expect(Set(event.inputs.map(\.namespace)) == ["sqlite:/data/bank.db"])
        #expect(event.run.facets.test == nil && event.inputs.allSatisfy { $0.inputFacets.dataQualityMetrics == nil })
    }

    @Test func aRunWithWarningsOnlyCompletes() {
        let event = builder.end(BuilderFixture.run(BuilderFixture.passing), suite: BuilderFixture.suite, schemas: ["accounts": BuilderFixture.schema])
        #expect(event.eventType == .complete)
        #expect(event.eventTime == BuilderFixture.finished)
        #expect(event.run.runId == BuilderFixture.id.rawValue)
        #expect(event.run.facets.errorMessage == nil)
        let tests = event.run.facets.test?.tests ?? []
        #expect(tests.count == BuilderFixture.checks.count)
        let format = tests.first { $0.name == "accounts.email_format" }
        #expect(format?.status == "fail")
        #expect(format?.params["assay_status"] == "WARN")
        #expect(format?.type == "regex")
        #expect(tests.first { $0.name == "accounts.email_present" }?.status == "pass")
        #expect(tests.first { $0.name == "accounts.email_present" }?.severity == "HIGH")
        #expect(tests.first { $0.name == "accounts.email_present" }?.description == "every customer has an email")
    }

    @Test func metricsComeFromTheChecksThatMeasuredTheTablesOwnScope() throws {
        let event = builder.end(BuilderFixture.run(BuilderFixture.passing), suite: BuilderFixture.suite, schemas: ["accounts": BuilderFixture.schema])
        let accounts = try #require(event.inputs.first { $0.name == "accounts" })
        let metrics = try #require(accounts.inputFacets.dataQualityMetrics)
        #expect(metrics.rowCount == 1000)
        #expect(metrics.columnMetrics["email"]?.nullCount == 0)
        #expect(metrics.columnMetrics["email"]?.count == 1000)
        #expect(metrics.columnMetrics["id"]?.distinctCount == 990)
        #expect(metrics.columnMetrics["id"]?.nullCount == 10)
        #expect(metrics.columnMetrics["amount"]?.min == 0.5)
        #expect(metrics.columnMetrics["amount"]?.max == 99_000)
        #expect(metrics.columnMetrics["amount"]?.quantiles == ["0.25": 10, "0.75": 90])
        // The filtered check measured 40 other rows: its 7 NULLs are not the table's.
        #expect(metrics.columnMetrics["phone"] == nil)
        let schema = try #require(accounts.facets.schema)
        #expect(schema.fields.map(\.name) == ["id", "email", "phone", "amount", "customer_id"])
        #expect(schema.fields.map(\.ordinalPosition) == [1, 2, 3, 4, 5])
        #expect(schema.fields[0].type == "INTEGER")
        // The parent table: named, without facets of checks it does not have.
        let customers = try #require(event.inputs.first { $0.name == "customers" })
        #expect(customers.inputFacets.dataQualityMetrics == nil && customers.facets.schema == nil)
    }

    @Test func oneAssertionPerCheck() throws {
        let event = builder.end(BuilderFixture.run(BuilderFixture.passing), suite: BuilderFixture.suite, schemas: [:])
        let assertions = try #require(event.inputs.first?.inputFacets.dataQualityAssertions?.assertions)
        #expect(assertions.map(\.name) == BuilderFixture.checks.map(\.id))
        let present = try #require(assertions.first { $0.name == "email_present" })
        #expect(present.assertion == "not_null")
        #expect(present.success)
        #expect(present.column == "email")
        #expect(present.severity == "HIGH")
        #expect(present.description == "every customer has an email")
        #expect(present.actual == "0 violations in 1000 rows")
        #expect(assertions.first { $0.name == "email_format" }?.success == false)
        #expect(assertions.first { $0.name == "rows" }?.column == nil)
        // No catalogue: no schema facet.
        #expect(event.inputs.first?.facets.schema == nil)
    }

    @Test func failingOrErroringChecksFailTheRunAndAreNamed() throws {
        var results = BuilderFixture.passing
        results[1] = BuilderFixture.result("id_unique", .fail, ["rows": .integer(1000), "complete": .integer(1000), "distinct": .integer(900)], violations: 100)
        results[3] = BuilderFixture.result("amount_min", .error, [:])
        let event = builder.end(BuilderFixture.run(results), suite: BuilderFixture.suite, schemas: [:])
        #expect(event.eventType == .fail)
        let message = try #require(event.run.facets.errorMessage?.message)
        #expect(message == "1 check failed: accounts.id_unique; 1 check could not run: accounts.amount_min")
        #expect(event.run.facets.errorMessage?.programmingLanguage == "Swift")
        // An ERROR measured nothing: its metrics are not reported, and it is no success.
        let metrics = try #require(event.inputs.first?.inputFacets.dataQualityMetrics)
        #expect(metrics.columnMetrics["amount"]?.min == nil)
        #expect(event.inputs.first?.inputFacets.dataQualityAssertions?.assertions.first { $0.name == "amount_min" }?.success == false)
        #expect(event.run.facets.test?.tests.first { $0.name == "accounts.amount_min" }?.params["assay_status"] == "ERROR")
    }

    @Test func theSameRunGivesTheSameEventsByteForByte() throws {
        let result = BuilderFixture.run(BuilderFixture.passing)
        let a = try builder.end(result, suite: BuilderFixture.suite, schemas: ["accounts": BuilderFixture.schema]).jsonLine()
        let b = try builder.end(result, suite: BuilderFixture.suite, schemas: ["accounts": BuilderFixture.schema]).jsonLine()
        #expect(a == b)
        #expect(a.last == UInt8(ascii: "\n"))
        #expect(!a.dropLast().contains(UInt8(ascii: "\n")))
    }

    @Test func theJSONHasTheSpecsShape() throws {
        let line = try builder.end(BuilderFixture.run(BuilderFixture.passing), suite: BuilderFixture.suite, schemas: ["accounts": BuilderFixture.schema]).jsonLine()
        let json = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(json["eventType"] as? String == "COMPLETE")
        #expect(json["eventTime"] as? String == "2026-05-28T20:26:42.500Z")
        #expect(json["schemaURL"] as? String == "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent")
        #expect((json["producer"] as? String)?.hasPrefix("https://") == true)
        #expect((json["outputs"] as? [Any])?.isEmpty == true)
        let run = try #require(json["run"] as? [String: Any])
        let test = try #require((run["facets"] as? [String: Any])?["test"] as? [String: Any])
        #expect(test["_schemaURL"] as? String == "https://openlineage.io/spec/facets/1-0-1/TestRunFacet.json#/$defs/TestRunFacet")
        #expect(test["_producer"] as? String == json["producer"] as? String)
        let input = try #require((json["inputs"] as? [[String: Any]])?.first)
        let inputFacets = try #require(input["inputFacets"] as? [String: Any])
        let metrics = try #require(inputFacets["dataQualityMetrics"] as? [String: Any])
        #expect(metrics["rowCount"] as? Int == 1000)
        #expect(((metrics["columnMetrics"] as? [String: Any])?["id"] as? [String: Any])?["distinctCount"] as? Int == 990)
        let fields = try #require(((input["facets"] as? [String: Any])?["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.first?["ordinal_position"] as? Int == 1)
    }
}
