import Assay
import AssayTestSupport
import Foundation

/// A store filled by running a real suite once a day for a week over data that grows each day (with defects), and
/// the suite and source whose trends the pages merge in.
struct DashboardFixture {
    static let hostile = "\"q'&</svg><script>alert(1)</script>"
    static let firstDay = CivilDate(year: 2026, month: 11, day: 21)

    let directory: TemporaryDirectory
    let database: TestDatabase
    let store: SQLiteStore
    let storeURL: String
    let suite: Suite
    let clock: ManualClock
    var trendRequest: CheckRequest { CheckRequest(config: .suite(suite), source: database.url, clock: clock, store: .off) }

    static func suiteText(name: String, checkID: String) -> String {
        """
        name: '\(name.replacingOccurrences(of: "'", with: "''"))'
        tables:
          orders:
            time_column: created_at
            checks:
              - not_null: email
                warn: 5%
                fail: 30%
              - between: {column: amount, min: 0}
                warn: 5%
                fail: 30%
              - regex: {column: label, pattern: '^[a-z]+$'}
                id: '\(checkID.replacingOccurrences(of: "'", with: "''"))'
              - unique: id
          customers:
            time_column: joined
            checks:
              - not_null: name
              - in_set: {column: tier, values: [gold, silver]}
                warn: 10%
                fail: 40%
        """
    }

    /// Seven daily runs, 2026-11-21 to 2026-11-27 at noon UTC; each day adds rows, some of them defective.
    static func make(name: String = "shop", checkID: String = "label_format", runsPerDay: Int = 1) async throws -> DashboardFixture {
        let directory = try TemporaryDirectory()
        let database = try TestDatabase("""
            CREATE TABLE orders(id INTEGER PRIMARY KEY, email TEXT, amount REAL, label TEXT, created_at TEXT);
            CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, tier TEXT, joined TEXT);
            """)
        let suite = try SuiteLoader(environment: [:]).parse(suiteText(name: name, checkID: checkID), file: "shop.yml")
        let storeURL = "sqlite:" + directory.file("assay.db")
        let clock = ManualClock(CivilDateTime(date: firstDay, secondOfDay: 12 * 3600))
        var id = 0
        for day in 0..<7 {
            let date = firstDay.adding(days: day).description
            var rows: [String] = [], customers: [String] = []
            for i in 0..<20 {
                id += 1
                let email = i < day ? "NULL" : "'u\(id)@shop.example'"
                let amount = i < day / 2 ? -5 : 10 + i
                let label = i == 0 && day == 6 ? hostile.replacingOccurrences(of: "'", with: "''") : (i == 1 && day >= 4 ? "Bad Label" : "ok")
                rows.append("(\(id), \(email), \(amount), '\(label)', '\(date) 0\(i % 10):00:00')")
                customers.append("(\(id), \(i < day / 3 ? "NULL" : "'c\(id)'"), '\(i % 7 == day % 7 ? "bronze" : "gold")', '\(date) 08:00:00')")
            }
            try database.execute("INSERT INTO orders VALUES " + rows.joined(separator: ", ") + ";"
                                 + "INSERT INTO customers VALUES " + customers.joined(separator: ", ") + ";")
            clock.set(Date(timeIntervalSince1970: CivilDateTime(date: firstDay.adding(days: day), secondOfDay: 12 * 3600).epochSeconds))
            for run in 0..<runsPerDay {
                if run > 0 { clock.advance(by: 3600) }
                let outcome = try await Assay.check(CheckRequest(config: .suite(suite), source: database.url, clock: clock, store: .url(storeURL)))
                if let error = outcome.storeError { throw error }
            }
        }
        return DashboardFixture(directory: directory, database: database, store: try SQLiteStore(path: directory.file("assay.db")),
                                storeURL: storeURL, suite: suite, clock: clock)
    }

    func cleanUp() {
        database.remove()
        directory.cleanUp()
    }
}
