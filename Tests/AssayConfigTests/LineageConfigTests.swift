import AssayConfig
import AssayCore
import Testing

@Suite("Lineage configuration: datasets, edges with columns, tables, events; errors with their place and hints")
struct LineageConfigTests {
    let loader = SuiteLoader(environment: [:])

    static let full = """
        name: bank
        lineage:
          tables: [data_lineage, more_lineage]
          events: lineage/events.jsonl
          datasets:
            ccar_stress_test: {kind: report, owner: regulatory@bank.example, description: CCAR}
            bureau_feed: feed
            Risk_Mart: {kind: MART}
          edges:
            - from: transactions
              to: risk_mart
              owner: risk@bank.example
              transformation: exposure per account
              columns: ["amount -> exposure", {from: account_id, to: account_id}]
            - {from: risk_mart, to: ccar_stress_test}
        tables:
          transactions:
            checks:
              - not_null: id
        """

    @Test("a full section decodes into the suite's lineage")
    func full() throws {
        let lineage = try #require(try loader.parse(Self.full, file: "suite.yml").lineage)
        #expect(lineage.tables == ["data_lineage", "more_lineage"])
        #expect(lineage.events == ["lineage/events.jsonl"])
        #expect(lineage.datasets.map(\.name) == ["ccar_stress_test", "bureau_feed", "Risk_Mart"])
        #expect(lineage.datasets.map(\.kind) == [.report, .feed, .mart])
        #expect(lineage.datasets[0].owner == "regulatory@bank.example")
        #expect(lineage.edges.count == 2)
        #expect(lineage.edges[0].columns == [ColumnMapping(from: "amount", to: "exposure"), ColumnMapping(from: "account_id", to: "account_id")])
        #expect(lineage.edges[0].owner == "risk@bank.example" && lineage.edges[0].transformation == "exposure per account")
        #expect(lineage.edges[0].location?.description == "suite.yml:10:7")
        #expect(lineage.edges[1].columns.isEmpty && lineage.edges[1].owner == nil)
    }

    @Test("no section: no lineage; tables: [] reads no table")
    func absent() throws {
        #expect(try loader.parse("tables: {t: {checks: [{not_null: a}]}}", file: "s.yml").lineage == nil)
        let none = try loader.parse("lineage: {tables: []}\ntables: {t: {checks: [{not_null: a}]}}", file: "s.yml").lineage
        #expect(none?.tables == [])
    }

    @Test("every problem at once, each at file:line:column, with did-you-mean hints", arguments: [
        ("lineage: {edgs: []}", "s.yml:1:11: error: unknown key 'edgs' in lineage; did you mean 'edges'?"),
        ("lineage: {datasets: {r: {kind: reprot}}}", "s.yml:1:32: error: kind is one of table, mart, report, feed, not 'reprot'; did you mean 'report'?"),
        ("lineage: {edges: [{from: a}]}", "s.yml:1:19: error: lineage edge 1 is missing 'to'"),
        ("lineage: {edges: [{from: a, to: b, ownr: x}]}", "s.yml:1:36: error: unknown key 'ownr' in lineage edge 1; did you mean 'owner'?"),
        ("lineage: {edges: [{from: a, to: b, columns: ['x => y']}]}", "s.yml:1:46: error: a column mapping is 'FROM_COLUMN -> TO_COLUMN'"),
        ("lineage: {edges: [{from: a, to: b, columns: ['x -> y', 'x -> y']}]}", "s.yml:1:56: error: x -> y is listed twice in lineage edge 1"),
        ("lineage: {datasets: {a: report, A: mart}}", "s.yml:1:33: error: dataset 'A' is declared twice (first at s.yml:1:22)"),
        ("lineage: {edges: {from: a}}", "s.yml:1:18: error: lineage.edges must be a list"),
        ("lineage: {edges: [{from: a, to: b, owner: ''}]}", "s.yml:1:43: error: owner is empty"),
    ])
    func problems(yaml: String, expected: String) {
        let error = loader.error(parsing: yaml + "\ntables: {t: {checks: [{not_null: a}]}}", file: "s.yml")
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
    }

    @Test("an email channel may also mail the downstream owners")
    func downstreamOwners() throws {
        let suite = try loader.parse("""
            monitor:
              channels:
                owners: {email: {server: "smtp://relay.bank.example:25?security=none", from: assay@bank.example, to: [dq@bank.example], to_downstream_owners: true}}
            tables: {t: {checks: [{not_null: a}]}}
            """, file: "s.yml")
        guard case .email(let mail) = suite.monitor?.channels.first?.kind else { Issue.record("no email channel"); return }
        #expect(mail.toDownstreamOwners)
        let error = loader.error(parsing: """
            monitor:
              channels:
                owners: {email: {server: "smtp://relay.bank.example:25", from: a@b.example, to: [c@d.example], to_downstream_owner: true}}
            tables: {t: {checks: [{not_null: a}]}}
            """, file: "s.yml")
        #expect(error?.description.contains("did you mean 'to_downstream_owners'?") == true, "\(error?.description ?? "")")
    }
}
