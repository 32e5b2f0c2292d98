import Assay
import AssayDemo
import AssayTestSupport
import Foundation
import Testing

/// Trends of the whole demo by its `created_date` columns: one statement per table, and each day's rows equal to
/// an independent count of that day.
@Suite("Trends of the demo")
struct DemoTrendsTests {
    @Test("every table, one statement each, rows per day as counted directly")
    func demo() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        _ = try files.write(scale: 1, now: fixedNow)
        let log = StatementLog()
        let request = CheckRequest(config: .file(files.suitePath), clock: FixedClock(fixedNow), trace: log.trace)
        let trends = try await Assay.trends(request, days: 30, timeColumn: "created_date")
        #expect(trends.map(\.table) == DemoGenerator.tableNames)
        #expect(trends.allSatisfy { $0.problem == nil && $0.timeColumn == "created_date" && $0.points.count == 30 })
        #expect(trends.allSatisfy { !$0.checks.isEmpty })
        #expect(log.dataReads.count == trends.count, "\(log.dataReads)")

        let source = try SQLiteSource(path: files.databasePath)
        for trend in trends {
            for point in trend.points where point.start >= "2026-11-20" {
                let sql = SQLFragment("SELECT COUNT(*) FROM \"\(trend.table)\" WHERE date(created_date) = ? AND julianday(created_date) <= ?",
                                      bindings: [.text(point.start), .double(fixedNow.julianDay)])
                let counted = try await source.fetchOne(sql).first?.int
                #expect(counted == point.rows, "\(trend.table) \(point.start)")
            }
        }
    }

    @Test("the demo suite names each table's time column, so its trends need no option and are full on the first run")
    func theDemoSuiteNamesItsTimeColumns() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = DemoFiles(directory: dir.path)
        _ = try files.write(scale: 1, now: fixedNow)
        let trends = try await Assay.trends(CheckRequest(config: .file(files.suitePath), clock: FixedClock(fixedNow)), days: 30, timeColumn: nil)
        #expect(trends.allSatisfy { $0.problem == nil && $0.points.count == 30 }, "\(trends.map { ($0.table, $0.problem) })")
        #expect(Dictionary(uniqueKeysWithValues: trends.map { ($0.table, $0.timeColumn) })
                == ["customers": "created_date", "accounts": "created_date", "transactions": "transaction_date",
                    "credit_scores": "created_date", "regulatory_reports": "created_date", "data_lineage": "created_date"])
        // The busiest table has rows on every one of the 30 days.
        #expect(trends.first { $0.table == "transactions" }?.points.allSatisfy { $0.rows > 0 } == true)
    }
}
