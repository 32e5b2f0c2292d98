import AssayCore
import AssayMonitorCore
import Foundation
import Testing

@Suite("Lineage graph: impact with depth, paths and owners, column lineage, cycles, dangling edges, report rule, DOT")
struct LineageGraphTests {
    static func edge(_ from: String?, _ to: String?, _ columns: [ColumnMapping] = [], owner: String? = nil) -> LineageEdge {
        LineageEdge(from: from, to: to, columns: columns, transformation: "\(from ?? "?") to \(to ?? "?")", owner: owner,
                    origin: LineageOrigin(.suite, "test"))
    }

    /// feed -> t -> mart -> basel_report -> regulatory_reports, t -> other; a shortcut t -> regulatory_reports.
    static let graph = LineageGraph(edges: [
        edge("core_feed", "transactions"),
        edge("transactions", "risk_mart", owner: "risk@bank.example"),
        edge("risk_mart", "basel_report", owner: "regulatory@bank.example"),
        edge("basel_report", "regulatory_reports", owner: "regulatory@bank.example"),
        edge("transactions", "regulatory_reports", owner: "ctr@bank.example"),
        edge("transactions", "aml"),
        edge("transactions", nil, owner: "platform@bank.example"),
    ], datasets: [LineageDatasetSpec(name: "aml", kind: .report, owner: "crime@bank.example")], owners: ["transactions": "payments@bank.example", "unrelated": "x"])

    @Test("every downstream dataset once, at its shortest depth, with the path and the owners of what loads it")
    func impact() throws {
        let impact = try Self.graph.impact(of: LineageTarget(parsing: "TRANSACTIONS"))
        #expect(impact.root == "transactions")
        #expect(impact.downstream.map(\.name) == ["aml", "regulatory_reports", "risk_mart", "basel_report"])
        #expect(impact.downstream.map(\.depth) == [1, 1, 1, 2])
        let reports = impact.downstream.first { $0.name == "regulatory_reports" }
        #expect(reports?.path == ["transactions", "regulatory_reports"], "the shortest path, not the one through the mart")
        #expect(reports?.owners == ["regulatory@bank.example", "ctr@bank.example"])
        #expect(impact.downstream.last?.path == ["transactions", "risk_mart", "basel_report"])
        #expect(impact.reports.map(\.name) == ["aml", "regulatory_reports", "basel_report"])
        #expect(impact.owners.first == "crime@bank.example", "a declared owner comes first")
        #expect(impact.dangling.count == 1 && impact.dangling[0].to == nil)
        #expect(impact.cycles.isEmpty)
        #expect(!impact.downstream.contains { $0.name == "core_feed" }, "upstream is not downstream")
        #expect(Self.graph.datasets["transactions"]?.owners == ["payments@bank.example"])
        #expect(Self.graph.datasets["unrelated"] == nil, "a suite table with no lineage is not a node")
    }

    @Test("a leaf has nothing downstream; an unknown dataset is an error with a did-you-mean hint")
    func unknown() throws {
        #expect(try Self.graph.impact(of: LineageTarget(table: "regulatory_reports")).downstream.isEmpty)
        #expect(throws: LineageError.self) { try Self.graph.impact(of: LineageTarget(table: "transactons")) }
        do {
            _ = try Self.graph.impact(of: LineageTarget(table: "transactons"))
        } catch {
            #expect(error.code == .unknownDataset)
            #expect(error.message.contains("did you mean 'transactions'?"))
        }
    }

    @Test("cycles are found (Tarjan) and reported as walks; the impact walk ends rather than looping")
    func cycles() throws {
        let graph = LineageGraph(edges: [Self.edge("a", "b"), Self.edge("b", "c"), Self.edge("c", "a"), Self.edge("c", "d"),
                                         Self.edge("x", "x"), Self.edge("d", "e")])
        #expect(graph.cycles() == [["a", "b", "c", "a"], ["x", "x"]])
        let impact = try graph.impact(of: LineageTarget(table: "b"))
        #expect(impact.downstream.map(\.name) == ["c", "a", "d", "e"])
        #expect(impact.downstream.map(\.depth) == [1, 2, 2, 3])
        #expect(try graph.impact(of: LineageTarget(table: "x")).downstream.isEmpty, "a dataset feeding itself is not its own downstream")
        // A long chain closing on itself: no recursion to run out of.
        let chain = LineageGraph(edges: (0..<20_000).map { Self.edge("n\($0)", "n\(($0 + 1) % 20_000)") })
        let found = chain.cycles()
        #expect(found.count == 1 && found.first?.count == 20_001)
        let shorter = LineageGraph(edges: (0..<500).map { Self.edge("n\($0)", "n\(($0 + 1) % 500)") })
        #expect(try shorter.impact(of: LineageTarget(table: "n0")).downstream.count == 499)
    }

    @Test("a column follows column edges, falls back to table edges where none are known (saying so), and stops where it does not flow")
    func columns() throws {
        let graph = LineageGraph(edges: [
            Self.edge("t", "mart", [ColumnMapping(from: "amount", to: "net"), ColumnMapping(from: "id", to: "id")]),
            Self.edge("t", "mart"),                    // table level between the same two: superseded by the mappings
            Self.edge("mart", "y9c_report", [ColumnMapping(from: "net", to: "flows")]),
            Self.edge("mart", "other_report", [ColumnMapping(from: "id", to: "id")]),
            Self.edge("t", "aml"),                     // no column lineage: table level
            Self.edge("aml", "sar_filing", [ColumnMapping(from: "score", to: "score")]),
        ])
        let impact = try graph.impact(of: LineageTarget(parsing: "t.amount"))
        #expect(impact.column == "amount")
        let byName = Dictionary(uniqueKeysWithValues: impact.downstream.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["mart", "y9c_report", "aml", "sar_filing"], "other_report gets only the id column")
        #expect(byName["mart"]?.columns == ["net"] && byName["mart"]?.tableLevel == false)
        #expect(byName["y9c_report"]?.columns == ["flows"])
        #expect(byName["aml"]?.tableLevel == true && byName["aml"]?.columns == [])
        #expect(byName["sar_filing"]?.tableLevel == true, "after a table-level edge every column of aml is at risk")
        #expect(impact.notes == ["t -> aml has no column lineage: followed at table level"])
        let id = try graph.impact(of: LineageTarget(parsing: "t.id"))
        #expect(Set(id.downstream.map(\.name)) == ["mart", "other_report", "aml", "sar_filing"])
        #expect(try graph.impact(of: LineageTarget(table: "t")).downstream.count == 5, "a table question follows every edge")
    }

    @Test("schema-qualified names: a.b is a dataset before it is a table and a column; a unique suffix matches")
    func qualified() throws {
        let graph = LineageGraph(edges: [Self.edge("public.transactions", "public.risk_mart")])
        #expect(try graph.impact(of: LineageTarget(parsing: "public.transactions")).downstream.map(\.name) == ["public.risk_mart"])
        #expect(try graph.impact(of: LineageTarget(parsing: "transactions")).root == "public.transactions")
    }

    @Test("the regulatory-report rule: a declared kind wins, else the name", arguments: [
        ("regulatory_reports", DatasetKind.report), ("basel_capital_report", .report), ("fr_y9c_report", .report), ("sar_filing", .report),
        ("ctr_filings", .report), ("regulatory_returns", .report), ("risk_mart", .mart), ("mart_daily", .mart), ("bureau_feed", .feed),
        ("ccar_stress_test", .table), ("reports_archive", .table), ("public.fr_y9c_report", .report),
    ])
    func reportRule(name: String, kind: DatasetKind) {
        #expect(LineageDataset.inferredKind(of: name) == kind)
        let declared = LineageGraph(edges: [Self.edge("a", name)], datasets: [LineageDatasetSpec(name: name, kind: .table)])
        #expect(declared.dataset(named: name)?.isRegulatoryReport == false, "a declared kind wins over the name")
    }

    @Test("dangling edges are kept, never followed, and blank ends count as missing")
    func dangling() {
        let graph = LineageGraph(edges: [Self.edge(nil, "t"), Self.edge("t", "  "), Self.edge("t", "u"), Self.edge("t", "u")])
        #expect(graph.dangling.count == 2)
        #expect(graph.edges.count == 3, "an exact repeat is one edge")
        #expect(graph.edges(from: "t").map(\.to) == ["u"])
    }

    @Test("the blast radius of an incident: downstream assets, reports and owners, and one line for an alert")
    func blastRadius() throws {
        let radius = try #require(BlastRadius(table: "transactions", graph: Self.graph))
        #expect(radius.assets.count == 4)
        #expect(radius.reports.map(\.name) == ["aml", "regulatory_reports", "basel_report"])
        #expect(radius.summary() == "4 downstream (3 regulatory reports at risk: aml, regulatory_reports, basel_report): aml, regulatory_reports, risk_mart, basel_report")
        #expect(radius.summary(limit: 1).contains("aml and 2 more"))
        #expect(BlastRadius(table: "nowhere", graph: Self.graph) == nil)
    }

    @Test("DOT: every dataset and edge once, quoted and escaped, the impact marked, dangling edges in red")
    func dot() throws {
        let graph = LineageGraph(edges: Self.graph.edges + [Self.edge("we\"ird\\name", "transactions")])
        let text = LineageDOT.render(graph, impact: try graph.impact(of: LineageTarget(table: "risk_mart")))
        #expect(text.hasPrefix("digraph \"lineage\" {"))
        #expect(text.contains("\"we\\\"ird\\\\name\" -> \"transactions\""))
        #expect(text.contains("\"risk_mart\" [shape=box3d, label=\"risk_mart\\n(mart)\", style=filled, fillcolor=\"#d9534f\""))
        #expect(text.contains("\"basel_report\" [shape=note"))
        #expect(text.contains("\"risk_mart\" -> \"basel_report\" [tooltip=\"risk_mart to basel_report\", color=\"#d9534f\", penwidth=2]"))
        #expect(text.contains("color=red, style=dashed"))
        #expect(text.components(separatedBy: "\"transactions\" -> \"risk_mart\"").count == 2)
    }
}
