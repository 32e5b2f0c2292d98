import Assay
import AssayTestSupport
import Foundation
import Testing

/// `assay lineage impact|check` through the real binary on the FinanceFlow demo: the suite's `lineage:` section and
/// the database's `data_lineage` table (with its dangling edge), OpenLineage event files, text, JSON and DOT that
/// Graphviz parses, and bad input.
@Suite("assay lineage on the demo")
struct LineageCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func demo() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let made = try await AssayProcess.run(async: ["demo", "--scale", "1", "--dir", dir.path])
        #expect(made.status == 0, "\(made.stderr)")
        return dir
    }

    @Test("impact of a table: downstream tables, marts and regulatory reports with depth, path and owners; the dangling edge")
    func tableImpact() async throws {
        let dir = try await Self.demo()
        defer { dir.cleanUp() }
        let run = try await AssayProcess.run(async: ["lineage", "impact", "transactions", "--config", "financeflow.yml", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let downstream = try #require(report["downstream"] as? [[String: Any]])
        let depth = Dictionary(uniqueKeysWithValues: downstream.map { ($0["name"] as? String ?? "", $0["depth"] as? Int ?? -1) })
        #expect(depth == ["aml_monitoring": 1, "daily_balance_mart": 1, "regulatory_reports": 1, "fr_y9c_report": 2])
        #expect(report["regulatory_reports"] as? [String] == ["regulatory_reports", "fr_y9c_report"])
        let y9c = try #require(downstream.first { $0["name"] as? String == "fr_y9c_report" })
        #expect(y9c["path"] as? [String] == ["transactions", "daily_balance_mart", "fr_y9c_report"])
        #expect(y9c["owners"] as? [String] == ["regulatory-reporting@financeflow.example"])
        let dangling = try #require(report["dangling"] as? [[String: Any]])
        #expect(dangling.count == 1)
        #expect(dangling.first?["from"] as? String == "transactions" && dangling.first?["to"] is NSNull, "the data_lineage row with target_table NULL")
        #expect((report["read"] as? [String])?.contains("data_lineage: 25 edges (1 dangling)") == true, "\(report["read"] ?? "")")
        #expect((report["cycles"] as? [Any])?.isEmpty == true)

        let text = try await AssayProcess.run(async: ["lineage", "impact", "credit_scores", "--config", "financeflow.yml"], in: dir.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Impact of credit_scores: 5 downstream datasets, 3 regulatory reports at risk"), "\(text.stdout)")
        #expect(text.stdout.contains("3      regulatory_reports"), "through risk_mart and the Basel or CCAR report: \(text.stdout)")
        #expect(text.stdout.contains("ccar_stress_test") && text.stdout.contains("loan_pricing"))
        #expect(text.stdout.contains("Dangling edges (1):\n  transactions -> (no target)  \"ad-hoc CSV export (target not recorded)\""))
    }

    @Test("impact of a column follows the suite's column lineage and says where it fell back to table edges")
    func columnImpact() async throws {
        let dir = try await Self.demo()
        defer { dir.cleanUp() }
        let run = try await AssayProcess.run(async: ["lineage", "impact", "accounts.account_balance", "--config", "financeflow.yml", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let downstream = try #require(report["downstream"] as? [[String: Any]])
        let mart = try #require(downstream.first { $0["name"] as? String == "daily_balance_mart" })
        #expect(mart["columns"] as? [String] == ["closing_balance"])
        #expect(mart["table_level"] as? Bool == true, "the mart is also fed by transactions, which accounts feeds at table level")
        let y9c = try #require(downstream.first { $0["name"] as? String == "fr_y9c_report" })
        #expect(y9c["columns"] as? [String] == ["total_deposits"])
        let risk = try #require(downstream.first { $0["name"] as? String == "risk_mart" })
        #expect(risk["table_level"] as? Bool == true, "accounts -> risk_mart has no column lineage")
        #expect((report["notes"] as? [String])?.contains("accounts -> risk_mart has no column lineage: followed at table level") == true)
        // The column does not flow to transactions: accounts -> transactions is table level, so it is there, said so.
        #expect(downstream.contains { $0["name"] as? String == "transactions" && $0["table_level"] as? Bool == true })
    }

    @Test("check lists cycles and dangling edges (exit 1); the DOT of the graph and of an impact parse with Graphviz")
    func checkAndDOT() async throws {
        let dir = try await Self.demo()
        defer { dir.cleanUp() }
        let check = try await AssayProcess.run(async: ["lineage", "check", "--config", "financeflow.yml"], in: dir.path)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("Cycles: none") && check.stdout.contains("Dangling edges (1):"), "\(check.stdout)")
        #expect(check.stdout.contains("4 regulatory reports (basel_capital_report, ccar_stress_test, fr_y9c_report, regulatory_reports)"))
        for arguments in [["lineage", "check", "--format", "dot"], ["lineage", "impact", "customers", "--format", "dot"]] {
            let run = try await AssayProcess.run(async: arguments + ["--config", "financeflow.yml"], in: dir.path)
            #expect(run.status == 0, "\(run.stderr)")
            try run.stdout.write(toFile: dir.file("graph.dot"), atomically: true, encoding: .utf8)
            let svg = try await Graphviz.svg(dotFile: dir.file("graph.dot"))
            #expect(svg.contains("<svg") && svg.contains("<title>regulatory_reports</title>"), "\(arguments)")
            #expect(svg.contains("marketing_mart"))
        }
    }

    @Test("OpenLineage files add edges (columns too); a cycle is reported, not looped on; a bad event names file:line")
    func events() async throws {
        let dir = try await Self.demo()
        defer { dir.cleanUp() }
        func event(_ inputs: [String], _ outputs: [String], facets: String = "{}") -> String {
            let list = { (names: [String], extra: String) in "[" + names.map { #"{"namespace": "postgres://bank", "name": "public.\#($0)"\#(extra)}"# }.joined(separator: ", ") + "]" }
            return #"{"eventType": "COMPLETE", "eventTime": "2026-12-01T10:00:00Z", "producer": "https://example.com/etl", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", "run": {"runId": "0193a7c2-5f1e-7d3a-9c41-2b8e6f0a1d55"}, "job": {"namespace": "etl", "name": "ctr"}, "inputs": \#(list(inputs, "")), "outputs": \#(list(outputs, ", \"facets\": " + facets))}"#
        }
        let columns = #"{"columnLineage": {"fields": {"cash_total": {"inputFields": [{"namespace": "postgres://bank", "name": "public.regulatory_reports", "field": "record_count"}]}}}}"#
        try [event(["regulatory_reports"], ["ctr_filing"], facets: columns), "", event(["ctr_filing"], ["transactions"])].joined(separator: "\n")
            .write(toFile: dir.file("events.jsonl"), atomically: true, encoding: .utf8)
        let run = try await AssayProcess.run(async: ["lineage", "impact", "regulatory_reports.record_count", "--config", "financeflow.yml",
                                                     "--events", "events.jsonl", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let downstream = try #require(report["downstream"] as? [[String: Any]])
        #expect(downstream.first?["name"] as? String == "ctr_filing" && downstream.first?["columns"] as? [String] == ["cash_total"])
        let cycles = try #require(report["cycles"] as? [[String]])
        #expect(cycles.count == 1 && cycles[0].first == cycles[0].last && Set(cycles[0]).isSuperset(of: ["ctr_filing", "transactions", "regulatory_reports"]),
                "\(cycles)")
        #expect(downstream.contains { $0["name"] as? String == "transactions" }, "the walk goes round the cycle once")

        try (event(["a"], ["b"]) + "\n" + #"{"eventType": "COMPLETE", "job": {"namespace": "etl"}}"#).write(toFile: dir.file("bad.jsonl"), atomically: true, encoding: .utf8)
        let bad = try await AssayProcess.run(async: ["lineage", "check", "--config", "financeflow.yml", "--events", "bad.jsonl"], in: dir.path)
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("bad.jsonl:2: 'eventTime' is missing"), "\(bad.stderr)")
        let missing = try await AssayProcess.run(async: ["lineage", "check", "--events", "nowhere.jsonl"], in: dir.path)
        #expect(missing.status == 3 && missing.stderr.contains("cannot read OpenLineage events from nowhere.jsonl"), "\(missing.stderr)")
    }

    @Test("bad input: an unknown dataset (with a hint), a lineage table the suite names but the source lacks, a table without the columns")
    func badInput() async throws {
        let dir = try await Self.demo()
        defer { dir.cleanUp() }
        let unknown = try await AssayProcess.run(async: ["lineage", "impact", "transactons", "--config", "financeflow.yml"], in: dir.path)
        #expect(unknown.status == 3 && unknown.stderr.contains("no dataset 'transactons' in the lineage graph; did you mean 'transactions'?"), "\(unknown.stderr)")
        var suite = try String(contentsOfFile: dir.file("financeflow.yml"), encoding: .utf8)
        suite = suite.replacingOccurrences(of: "\nlineage:\n", with: "\nlineage:\n  tables: [lineage_edges_of_2019]\n")
        try suite.write(toFile: dir.file("missing.yml"), atomically: true, encoding: .utf8)
        let missing = try await AssayProcess.run(async: ["lineage", "check", "--config", "missing.yml"], in: dir.path)
        #expect(missing.status == 3 && missing.stderr.contains("has no lineage table 'lineage_edges_of_2019'"), "\(missing.stderr)")
        try suite.replacingOccurrences(of: "[lineage_edges_of_2019]", with: "[customers]").write(toFile: dir.file("wrong.yml"), atomically: true, encoding: .utf8)
        let wrong = try await AssayProcess.run(async: ["lineage", "check", "--config", "wrong.yml"], in: dir.path)
        #expect(wrong.status == 3 && wrong.stderr.contains("the lineage table customers needs columns source_table and target_table"), "\(wrong.stderr)")
        let typo = try await AssayProcess.run(async: ["lineage", "check", "--config", "financeflow.yml", "--format", "svg"], in: dir.path)
        #expect(typo.status == 3)
        try suite.replacingOccurrences(of: "  tables: [lineage_edges_of_2019]\n", with: "  edgs: []\n").write(toFile: dir.file("typo.yml"), atomically: true, encoding: .utf8)
        let config = try await AssayProcess.run(async: ["validate", "--config", "typo.yml"], in: dir.path)
        #expect(config.status == 3 && config.stderr.contains("unknown key 'edgs' in lineage; did you mean 'edges'?"), "\(config.stderr)")
    }
}
