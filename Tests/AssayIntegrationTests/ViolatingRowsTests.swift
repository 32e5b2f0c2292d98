import Assay
import AssayDemo
import AssayTestSupport
import Foundation
import Testing

/// The plan keeps each row check's violating-row condition, so later stages can select, flag or move exactly the
/// rows the check counted.
@Suite("Violating rows on the plan")
struct ViolatingRowsTests {
    @Test("selecting with the plan's condition finds exactly the rows each check counted, on the whole demo")
    func theConditionSelectsExactlyTheViolations() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        _ = try files.write(scale: 1, now: fixedNow)
        let suite = try SuiteLoader(environment: [:]).load(path: files.suitePath)
        let source = try Assay.openSource(for: suite, override: nil)
        let engine = RunEngine(source: source, clock: FixedClock(fixedNow))
        var prepared = PreparedSuite(suite)
        let result = await engine.run(&prepared)
        var compared = 0
        for plan in prepared.plans {
            for planned in plan.checks {
                guard let rows = planned.violatingRows else { continue }
                let counted = try #require(result.results.first { $0.table == plan.table && $0.check == planned.check.id }?.violations)
                let from = source.dialect.quote(rows.table) + (rows.alias.map { " " + $0 } ?? "")
                let selected = try await source.fetchOne(SQLFragment("SELECT COUNT(*) FROM " + from + " WHERE ") + rows.condition)
                #expect(selected.first?.int == counted, "\(plan.table).\(planned.check.id)")
                compared += 1
            }
        }
        // Row checks of every shape are covered: not-null, regex, sets, ranges, rules, pairs, references.
        #expect(compared >= 40, "\(compared)")
        #expect(prepared.plans.flatMap(\.checks).contains { if case .references = $0.check.kind { $0.violatingRows != nil } else { false } })
        // Checks that measure a whole table or compare rows with each other have none.
        #expect(prepared.plans.flatMap(\.checks).filter { $0.check.kind.isSchemaCheck }.allSatisfy { $0.violatingRows == nil })
    }
}
