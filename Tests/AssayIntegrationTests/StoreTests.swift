import Assay
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// The history store: every run recorded before it is reported, read back exactly, keyed so that a check keeps its
/// history through edits of its limits, safe with several writers, and clear about stores it cannot use.
@Suite("The history store")
struct StoreTests {
    static let data = """
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, email TEXT, created_at TEXT);
        INSERT INTO customers VALUES (1, 'a@x.example', '2026-11-30 10:00:00'), (2, NULL, '2026-11-30 11:00:00'),
                                     (3, 'c@x.example', '2026-11-29 09:00:00');
        """

    static func suite(warn: String = "1%", retention: Int? = nil) throws -> Suite {
        try SuiteLoader(environment: [:]).parse(suiteText(warn: warn, retention: retention), file: "shop.yml")
    }

    static func suiteText(warn: String = "1%", retention: Int? = nil) -> String {
        """
        name: shop
        \(retention.map { "retention: \($0)" } ?? "")
        tables:
          customers:
            checks:
              - not_null: email
                warn: \(warn)
              - unique: email
              - not_null: nope
        """
    }

    @Test("a recorded run reads back exactly, and a check keeps its history when its limits change")
    func recordsAndReadsBack() async throws {
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let clock = ManualClock(CivilDateTime(date: CivilDate(year: 2026, month: 12, day: 1), secondOfDay: 0))
        let engine = RunEngine(source: try db.source(), clock: clock)
        let first = await engine.run(try Self.suite(warn: "1%"))
        clock.advance(by: 3600)
        let second = await engine.run(try Self.suite(warn: "50%"))
        try await store.record(first)
        try await store.record(second)
        try await store.record(second)      // recording the same run twice keeps one
        let read = try await store.run(first.runID)
        #expect(JSONReport().render(read) == JSONReport().render(first))
        let runs = try await store.runs(last: 10)
        #expect(runs.map(\.runID) == [second.runID, first.runID])
        #expect(runs.first?.checks == 3 && runs.first?.errors == 1)
        let key = try #require(first.results.first?.key)
        #expect(second.results.first?.key == key)
        let history = try await store.history(of: key, since: clock.now().addingTimeInterval(-86_400))
        #expect(history.map(\.runID) == [first.runID, second.runID])
        #expect(history.map(\.violations) == [1, 1])
        #expect(history.map(\.status) == [.warn, .pass])
        #expect(history[0].fingerprint != history[1].fingerprint, "the limits changed, so the definition did")
        let failures = try await DatabaseQueue(path: dir.file("assay.db")).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM failures WHERE failure_id LIKE 'check:%'")
        }
        #expect(failures == 2)
        await #expect(throws: StoreError.self) { try await store.run(RunID(startingAt: Date())) }
    }

    @Test("retention deletes runs older than the suite's number of days, with their results")
    func retentionPrunes() async throws {
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let url = "sqlite:" + dir.file("assay.db")
        let clock = ManualClock(CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 20), secondOfDay: 0))
        let suite = try Self.suite(retention: 3)
        for _ in 0..<3 {
            let request = CheckRequest(config: .suite(suite), source: db.url, clock: clock, store: .url(url))
            let outcome = try await Assay.check(request)
            #expect(outcome.storeError == nil)
            clock.advance(by: 2 * 86_400)
        }
        let store = try SQLiteStore(path: dir.file("assay.db"))
        #expect(try await store.runs(last: 10).count == 2)
        let orphans = try await DatabaseQueue(path: dir.file("assay.db")).read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM results WHERE run NOT IN (SELECT id FROM runs)) + (SELECT COUNT(*) FROM samples WHERE id NOT IN (SELECT sample FROM results WHERE sample IS NOT NULL))")
        }
        #expect(orphans == 0)
    }

    @Test("two `assay check` processes recording into one store at once both succeed, and nothing is corrupted")
    func concurrentWriters() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write(Self.data, at: dir.file("shop.db"))
        try "tables:\n  customers:\n    checks:\n      - not_null: email\n      - unique: email\n"
            .write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let runsEach = 8
        try await withThrowingTaskGroup(of: [Int32].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var statuses: [Int32] = []
                    for _ in 0..<runsEach {
                        statuses.append(try await AssayProcess.run(async: ["check", "-c", "shop.yml", "-s", "sqlite:shop.db", "-f", "json",
                                                                           "-o", "out-\(UUID().uuidString).json"], in: dir.path).status)
                    }
                    return statuses
                }
            }
            for try await statuses in group { #expect(statuses.allSatisfy { $0 == 2 }, "\(statuses)") }
        }
        let queue = try DatabaseQueue(path: dir.file("assay.db"))
        let (runs, results, integrity) = try await queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results")!,
             try String.fetchOne(db, sql: "PRAGMA integrity_check")!)
        }
        #expect(runs == 2 * runsEach)
        #expect(results == 2 * runsEach * 2)
        #expect(integrity == "ok")
    }

    @Test("the run is in the store before the report is written: a report that cannot be written loses nothing")
    func recordedBeforeReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write(Self.data, at: dir.file("shop.db"))
        try "tables:\n  customers:\n    checks:\n      - not_null: email\n".write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let run = try AssayProcess.run(["check", "-c", "shop.yml", "-s", "sqlite:shop.db", "-o", "no/such/folder/out.txt"], in: dir.path)
        #expect(run.status == 3)
        let listed = try AssayProcess.run(["runs", "-c", "shop.yml"], in: dir.path)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("FAIL"), "\(listed.stdout)")
        let none = try AssayProcess.run(["check", "-c", "shop.yml", "-s", "sqlite:shop.db", "--no-store", "--store", "sqlite:other.db"], in: dir.path)
        #expect(none.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.file("other.db")))
    }

    @Test("stores that cannot be used are clear errors: not a store, written by a newer Assay, unwritable")
    func unusableStores() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TestDatabase.write("CREATE TABLE accounts(id INTEGER);", at: dir.file("bank.db"))
        #expect(throws: StoreError.self) { try SQLiteStore(path: dir.file("bank.db")) }
        do { _ = try SQLiteStore(path: dir.file("bank.db")) } catch { #expect(error.code == .notAStore, "\(error)") }
        try "hello".write(toFile: dir.file("text.db"), atomically: true, encoding: .utf8)
        do { _ = try SQLiteStore(path: dir.file("text.db")); Issue.record("a text file opened as a store") } catch {
            #expect(error.code == .notAStore, "\(error)")
        }
        _ = try SQLiteStore(path: dir.file("new.db"))
        try await DatabaseQueue(path: dir.file("new.db")).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')")
        }
        do { _ = try SQLiteStore(path: dir.file("new.db")); Issue.record("a newer store opened") } catch {
            #expect(error.code == .newerVersion, "\(error)")
            #expect(error.message.contains("newer Assay"))
        }
        // An unwritable store: the report is still printed, the failure to record is said, and the exit is 3.
        try TestDatabase.write(Self.data, at: dir.file("shop.db"))
        try "tables:\n  customers:\n    checks:\n      - not_null: email\n".write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let run = try await AssayProcess.run(["check", "-c", "shop.yml", "-s", "sqlite:shop.db", "--store", "sqlite:/proc/assay.db"], in: dir.path)
        #expect(run.status == 3)
        #expect(run.stdout.contains("not_null_email"), "the report is printed")
        #expect(run.stderr.contains("the run was not recorded"), "\(run.stderr)")
        let missing = try await AssayProcess.run(["runs", "--store", "sqlite:nowhere.db"], in: dir.path)
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no store at sqlite:nowhere.db"), "\(missing.stderr)")
    }

    @Test("the scorecard with history: score, status, FAIL and WARN counts, change since the run before and since 7 days")
    func scorecardWithHistory() async throws {
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let suite = try SuiteLoader(environment: [:]).parse("""
            name: shop
            tables:
              customers:
                checks:
                  - not_null: email
                  - unique: email
                    warn: 0
                    fail: 5
            """, file: "shop.yml")
        let clock = ManualClock(CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 1), secondOfDay: 0))
        let engine = RunEngine(source: try db.source(), clock: clock)
        var scores: [Double] = []
        // Day 0: one NULL email (FAIL) and no duplicate. Day 8: also fixed. Day 9: a duplicate (WARN) and the NULL back.
        for (day, fix) in [(0, ""), (8, "UPDATE customers SET email = 'b@x.example' WHERE customer_id = 2"),
                           (9, "UPDATE customers SET email = NULL WHERE customer_id = 2; UPDATE customers SET email = 'a@x.example' WHERE customer_id = 3")] {
            if !fix.isEmpty { try db.execute(fix) }
            clock.set(Date(timeIntervalSince1970: CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 1 + day), secondOfDay: 0).epochSeconds))
            let result = await engine.run(suite)
            try await store.record(result)
            scores.append(try #require(result.scorecards.first?.score))
        }
        let card = try await store.scorecard()
        let table = try #require(card.tables.first)
        #expect(card.suite == "shop")
        #expect(table.score == scores[2])
        #expect(table.critical == 1 && table.warnings == 1)
        #expect(table.changeFromPrevious == ((scores[2] - scores[1]) * 10).rounded() / 10)
        #expect(table.changeFrom7Days == ((scores[2] - scores[0]) * 10).rounded() / 10, "day 9 against day 0, the latest run 7+ days before")
        #expect(card.overallScore == scores[2])
        #expect(scores[1] > scores[0] && scores[2] < scores[1], "\(scores)")
        // As of day 8 the week-old run is day 0 too, and the run before is day 0.
        let earlier = try await store.scorecard(asOf: Date(timeIntervalSince1970: CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 10), secondOfDay: 0).epochSeconds - 1))
        #expect(earlier.tables.first?.changeFromPrevious == ((scores[1] - scores[0]) * 10).rounded() / 10)
        #expect(earlier.tables.first?.changeFrom7Days == ((scores[1] - scores[0]) * 10).rounded() / 10)
        await #expect(throws: StoreError.self) { try await store.scorecard(suite: "other") }
    }
}
