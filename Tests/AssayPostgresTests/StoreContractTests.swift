import Assay
import AssayTestSupport
import Foundation
import Testing

/// The history store's contract, the same on SQLite and on PostgreSQL: a run reads back exactly, a check keeps its
/// key when its limits change, history, retention, scorecard, score series, suites and size.
@Suite("The store contract on both backends", .serialized)
struct StoreContractTests {
    static let data = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT, created_at TEXT);
        INSERT INTO customers VALUES (1, 'a@x.example', '2026-11-30 10:00:00'), (2, NULL, '2026-11-30 11:00:00'),
                                     (3, 'c@x.example', '2026-11-29 09:00:00');
        CREATE TABLE orders(order_id INTEGER PRIMARY KEY, amount REAL);
        INSERT INTO orders VALUES (1, 10), (2, -5), (3, 7);
        """

    static func suite(name: String = "shop", warn: String = "1%", retention: Int? = nil) throws -> Suite {
        try SuiteLoader(environment: [:]).parse("""
            name: \(name)
            \(retention.map { "retention: \($0)" } ?? "")
            tables:
              customers:
                checks:
                  - not_null: email
                    warn: \(warn)
                  - unique: email
                  - not_null: nope
              orders:
                checks:
                  - between: {column: amount, min: 0, max: 1000}
            """, file: "shop.yml")
    }

    static func at(day: Int, hour: Int = 0) -> Date {
        Date(timeIntervalSince1970: CivilDateTime(date: CivilDate(year: 2026, month: 11, day: day), secondOfDay: Double(hour * 3600)).epochSeconds)
    }

    @Test("a recorded run reads back exactly; a check keeps its key (and history) when its limits change", arguments: StoreBackend.allCases)
    func recordsAndReadsBack(_ backend: StoreBackend) async throws {
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let store = try FreshStore(backend)
        let clock = ManualClock(Self.at(day: 20))
        let engine = RunEngine(source: try db.source(), clock: clock)
        let first = await engine.run(try Self.suite(warn: "1%"))
        clock.advance(by: 3600)
        let second = await engine.run(try Self.suite(warn: "50%"))
        do {
            try await withStore(store.url) { s in
                try await s.record(first)
                try await s.record(second)
                try await s.record(second)      // the same run twice is kept once
                let read = try await s.run(first.runID)
                #expect(read == first)
                #expect(JSONReport().render(read) == JSONReport().render(first))
                #expect(JSONReport().render(try await s.run(second.runID)) == JSONReport().render(second))
                let runs = try await s.runs(last: 10)
                #expect(runs.map(\.runID) == [second.runID, first.runID])
                #expect(runs.first?.checks == 4 && runs.first?.errors == 1)
                #expect(runs.first?.failed == second.results.filter { $0.status == .fail }.count && runs.first?.failed == 1)
                let key = try #require(first.results.first?.key)
                #expect(second.results.first?.key == key)
                let history = try await s.history(of: key, since: Self.at(day: 19))
                #expect(history.map(\.runID) == [first.runID, second.runID])
                #expect(history.map(\.violations) == [1, 1])
                #expect(history.map(\.status) == [.warn, .pass])
                #expect(history[0].fingerprint != history[1].fingerprint, "the limits changed, so the definition did")
                #expect(try await s.history(of: key, since: Self.at(day: 20, hour: 1)).map(\.runID) == [second.runID])
                await #expect(throws: StoreError.self) { try await s.run(RunID(startingAt: Date())) }
                #expect(try await s.sizeInBytes() > 0)
            }
            let checkFailures = (first.failures + second.failures).filter { $0.id.hasPrefix("check:") }.count
            #expect(checkFailures > 0)
            #expect(try await store.integer("SELECT count(*) FROM failures WHERE failure_id LIKE 'check:%'") == checkFailures)
            #expect(try await store.integer("SELECT count(*) FROM runs") == 2)
            #expect(try await store.integer("SELECT count(*) FROM checks") == 5, "one definition per fingerprint: 4 checks, one changed")
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }

    @Test("retention deletes older runs with their results and table scores, and samples no run refers to any more",
          arguments: StoreBackend.allCases)
    func retentionPrunes(_ backend: StoreBackend) async throws {
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let store = try FreshStore(backend)
        let clock = ManualClock(Self.at(day: 20))
        let suite = try Self.suite(retention: 3)
        do {
            // Day 20: customer 2 has no email. Days 22 and 24: customer 3 instead, so the day-20 sample is used by no later run.
            for day in [20, 22, 24] {
                if day == 22 { try db.execute("UPDATE customers SET email = 'b@x.example' WHERE customer_id = 2; UPDATE customers SET email = NULL WHERE customer_id = 3") }
                clock.set(Self.at(day: day))
                let outcome = try await Assay.check(CheckRequest(config: .suite(suite), source: db.url, clock: clock, store: .url(store.url)))
                #expect(outcome.storeError == nil, "\(String(describing: outcome.storeError))")
                if day == 20 { #expect(try await store.integer("SELECT count(*) FROM samples") >= 1) }
            }
            let runs = try await withStore(store.url) { s in try await s.runs(last: 10) }
            #expect(runs.map(\.startedAt) == [Self.at(day: 24), Self.at(day: 22)])
            #expect(try await store.integer("SELECT count(*) FROM results WHERE run NOT IN (SELECT id FROM runs)") == 0)
            #expect(try await store.integer("SELECT count(*) FROM results") == 2 * 4)
            #expect(try await store.integer("SELECT count(*) FROM table_scores WHERE run NOT IN (SELECT id FROM runs)") == 0)
            #expect(try await store.integer("SELECT count(*) FROM table_scores") == 2 * 2)
            #expect(try await store.integer("SELECT count(*) FROM samples WHERE id NOT IN (SELECT sample FROM results WHERE sample IS NOT NULL)") == 0)
            #expect(try await store.integer("SELECT count(*) FROM samples") >= 1)
            #expect(try await withStore(store.url) { s in try await s.prune(before: Self.at(day: 23)) } == 1)
            #expect(try await withStore(store.url) { s in try await s.prune(before: Self.at(day: 23)) } == 0)
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }

    @Test("scorecard, score series per run and per bucket (values computed from the recorded runs), suites",
          arguments: StoreBackend.allCases)
    func scoresAndSeries(_ backend: StoreBackend) async throws {
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let store = try FreshStore(backend)
        let clock = ManualClock(Self.at(day: 1))
        let engine = RunEngine(source: try db.source(), clock: clock)
        // Day 1 00:00 and 06:00 (different data), day 8 and day 9 (different again); and one run of another suite on day 5.
        var recorded: [SuiteResult] = []
        for (day, hour, fix) in [(1, 0, ""), (1, 6, "UPDATE customers SET email = 'b@x.example' WHERE customer_id = 2; UPDATE orders SET amount = 5 WHERE order_id = 2"),
                                 (8, 0, "UPDATE customers SET email = 'a@x.example' WHERE customer_id = 3"),
                                 (9, 0, "UPDATE customers SET email = NULL WHERE customer_id = 2")] {
            if !fix.isEmpty { try db.execute(fix) }
            clock.set(Self.at(day: day, hour: hour))
            recorded.append(await engine.run(try Self.suite()))
        }
        clock.set(Self.at(day: 5))
        let other = await engine.run(try Self.suite(name: "other"))
        do {
            try await withStore(store.url) { s in
                for run in recorded + [other] { try await s.record(run) }

                let suites = try await s.suites()
                #expect(suites.map(\.suite) == ["shop", "other"])
                #expect(suites.map(\.runs) == [4, 1])
                #expect(suites.first?.lastStartedAt == Self.at(day: 9))

                let card = try await s.scorecard(suite: "shop")
                #expect(card.runID == recorded[3].runID)
                let latest = try #require(recorded[3].scorecards.first { $0.table == "customers" })
                let previous = try #require(recorded[2].scorecards.first { $0.table == "customers" })
                let week = try #require(recorded[1].scorecards.first { $0.table == "customers" })
                let table = try #require(card.tables.first { $0.table == "customers" })
                #expect(table.score == latest.score)
                #expect(table.changeFromPrevious == ((latest.score - previous.score) * 10).rounded() / 10)
                #expect(table.changeFrom7Days == ((latest.score - week.score) * 10).rounded() / 10, "day 9 against day 1 06:00, the latest run 7+ days before")
                #expect(try await s.scorecard().suite == "shop", "the latest run's suite")

                // Per run: one point per run and table, in time order.
                let perRun = try await s.scoreSeries(suite: "shop", since: Self.at(day: 1), bucketSeconds: nil)
                let expected = recorded.flatMap { run in
                    run.scorecards.sorted { $0.table < $1.table }.map { card in
                        ScorePoint(table: card.table, at: run.startedAt, runs: 1, score: (card.score * 10).rounded() / 10,
                                   minimumScore: card.score, rows: 3, failed: card.failed, warned: card.warned, errors: card.errors,
                                   dimensions: card.dimensions.mapValues { ($0 * 10).rounded() / 10 })
                    }
                }
                #expect(perRun == expected)
                #expect(try await s.scoreSeries(suite: "shop", since: Self.at(day: 2), bucketSeconds: nil).count == 4)
                #expect(try await s.scoreSeries(suite: nil, since: Self.at(day: 1), bucketSeconds: nil).count == 10)

                // Per day: day 1 holds the mean of its two runs, days 8 and 9 one run each.
                let daily = try await s.scoreSeries(suite: "shop", since: Self.at(day: 1), bucketSeconds: 86_400)
                #expect(daily.map(\.at) == [1, 1, 8, 8, 9, 9].map { Self.at(day: $0) })
                #expect(daily.filter { $0.at != Self.at(day: 1) } == perRun.filter { $0.at >= Self.at(day: 8) })
                let day1 = try #require(daily.first { $0.table == "customers" })
                let (a, b) = (try #require(recorded[0].scorecards.first { $0.table == "customers" }), week)
                #expect(day1.runs == 2)
                #expect(day1.score == (((a.score + b.score) / 2) * 10).rounded() / 10)
                #expect(day1.minimumScore == min(a.score, b.score))
                #expect(day1.failed == a.failed + b.failed && day1.warned == a.warned + b.warned && day1.errors == a.errors + b.errors)
                #expect(day1.rows == 3)
                #expect(a.score != b.score, "the data changed between the two runs of day 1")
                #expect(try await s.sizeInBytes() > 0)
            }
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }
}
