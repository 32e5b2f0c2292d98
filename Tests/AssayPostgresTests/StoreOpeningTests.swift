import Assay
import AssayTestSupport
import Foundation
import Testing

/// Opening a store: versions, stores that are not ours, a v1 store brought up to v2, and on PostgreSQL the errors of
/// a server that cannot be used and several processes creating and recording at once.
@Suite("Opening the store on both backends", .serialized)
struct StoreOpeningTests {
    @Test("a store written by a newer Assay is refused, and so is a store place that holds other tables", arguments: StoreBackend.allCases)
    func refusesNewerAndForeign(_ backend: StoreBackend) async throws {
        let store = try FreshStore(backend)
        let foreign = try FreshStore(backend)
        do {
            #expect(await openingError(store.url) == nil)
            try await store.execute(["INSERT INTO \(store.migrationsTable) (identifier) VALUES ('v99: from the future')"])
            let newer = try #require(await openingError(store.url))
            #expect(newer.code == .newerVersion, "\(newer)")
            #expect(newer.message.contains("newer Assay"))

            if backend == .postgres { try await PostgresTestServer.execute(["CREATE SCHEMA \(foreign.place)"]) }
            try await foreign.execute(["CREATE TABLE accounts (id INTEGER)"])
            let notOurs = try #require(await openingError(foreign.url))
            #expect(notOurs.code == .notAStore, "\(notOurs)")
            #expect(notOurs.message.contains("accounts"), "\(notOurs)")
            #expect(try await foreign.integer("SELECT count(*) FROM accounts") == 0, "nothing was written into it")
        } catch {
            await store.remove()
            await foreign.remove()
            throw error
        }
        await store.remove()
        await foreign.remove()
    }

    @Test("a v1 store (no table scores) is upgraded to v2 with each run's table scores filled from its stored scorecards",
          arguments: StoreBackend.allCases)
    func upgradesV1(_ backend: StoreBackend) async throws {
        let db = try TestDatabase(StoreContractTests.data)
        defer { db.remove() }
        let store = try FreshStore(backend)
        let clock = ManualClock(StoreContractTests.at(day: 3))
        let engine = RunEngine(source: try db.source(), clock: clock)
        do {
            var runs: [SuiteResult] = []
            for fix in ["", "UPDATE customers SET email = 'b@x.example' WHERE customer_id = 2"] {
                if !fix.isEmpty { try db.execute(fix) }
                runs.append(await engine.run(try StoreContractTests.suite()))
                clock.advance(by: 3600)
            }
            let since = StoreContractTests.at(day: 1)
            let before = try await withStore(store.url) { s in
                for run in runs { try await s.record(run) }
                return try await s.scoreSeries(suite: nil, since: since, bucketSeconds: nil)
            }
            #expect(before.count == 4)
            // What v1 left: the same tables and rows without table_scores, and only the v1 migration recorded.
            try await store.execute(["DROP TABLE table_scores", "DROP INDEX runs_by_suite", "DROP TABLE alerts", "DROP TABLE incidents", "DROP TABLE watermarks", "DROP TABLE lineage_edges", "DROP INDEX results_by_check_status", "DROP TABLE remediation_log", "DROP TABLE fixes", "DELETE FROM \(store.migrationsTable) WHERE identifier NOT LIKE 'v1:%'"])
            #expect(try await store.integer("SELECT count(*) FROM \(store.migrationsTable)") == 1)
            let after = try await withStore(store.url) { s in try await s.scoreSeries(suite: nil, since: since, bucketSeconds: nil) }
            #expect(after == before)
            #expect(try await store.integer("SELECT count(*) FROM \(store.migrationsTable)") == 8)
            #expect(try await store.integer("SELECT count(*) FROM table_scores") == 4)
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }
}

/// What only a server can do wrong: not listen, refuse the login, lack the database, or let a role only read.
@Suite("The PostgreSQL store's errors and concurrent writers", .serialized)
struct PostgresStoreServerTests {
    static let secret = "s3cr3t-Pw"

    @Test("an unreachable server, a wrong password and a missing database are clear errors naming host and database, never the password")
    func unusableServers() async throws {
        let base = try PostgresURL(PostgresTestServer.url())
        let closed = "postgres://\(base.user):\(Self.secret)@127.0.0.1:1/\(base.database)?sslmode=disable&connect_timeout=5s"
        let unreachable = try #require(await openingError(closed))
        #expect(unreachable.code == .unavailable)
        #expect(unreachable.message.contains("127.0.0.1:1") && unreachable.message.contains(base.database), "\(unreachable)")
        #expect(unreachable.message.contains("refused"), "\(unreachable)")

        let wrong = "postgres://\(base.user):\(Self.secret)@\(base.host):\(base.port)/\(base.database)?sslmode=disable"
        let login = try #require(await openingError(wrong))
        #expect(login.code == .unavailable)
        #expect(login.message.contains("refused the login") && login.message.contains(base.database), "\(login)")

        let missing = "postgres://\(base.user):\(base.password ?? "")@\(base.host):\(base.port)/no_such_db_for_assay?sslmode=disable"
        let database = try #require(await openingError(missing))
        #expect(database.message.contains("no_such_db_for_assay") && database.message.contains("does not exist"), "\(database)")

        for error in [unreachable, login, database] {
            #expect(!error.message.contains(Self.secret), "\(error)")
        }
        let badSchema = try #require(await openingError(PostgresTestServer.url() + "&schema=Robert'); DROP"))
        #expect(badSchema.code == .invalidURL, "\(badSchema)")
    }

    @Test("a role that may only SELECT reads the store, and recording is refused with a clear error")
    func readOnlyRole() async throws {
        let db = try TestDatabase(StoreContractTests.data)
        defer { db.remove() }
        let store = try FreshStore(.postgres)
        do {
            let run = await RunEngine(source: try db.source()).run(try StoreContractTests.suite())
            try await withStore(store.url) { s in try await s.record(run) }
            try await PostgresTestServer.execute(["GRANT USAGE ON SCHEMA \(store.place) TO assay_noaccess",
                                                  "GRANT SELECT ON ALL TABLES IN SCHEMA \(store.place) TO assay_noaccess"])
            let password = try #require(try PostgresURL(PostgresTestServer.url("ASSAY_TEST_POSTGRES_NOACCESS_URL")).password)
            let reader = PostgresTestServer.url("ASSAY_TEST_POSTGRES_NOACCESS_URL") + "&schema=" + store.place
            let runs = try await withStore(reader) { s in try await s.runs(last: 5) }
            #expect(runs.map(\.runID) == [run.runID])
            var second = run
            second.runID = RunID(startingAt: run.startedAt.addingTimeInterval(60))
            do {
                try await StoreFactory.withStore(reader) { s throws(StoreError) in try await s.record(second) }
                Issue.record("a read-only role recorded a run")
            } catch {
                #expect(error.code == .unavailable)
                #expect(error.message.contains("assay_noaccess") && error.message.contains("permission denied"), "\(error)")
                #expect(error.message.contains("assay_test"), "\(error)")
                #expect(!error.message.contains(":" + password + "@"), "\(error)")
            }
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }

    @Test("two `assay check --store postgres://...` processes creating and recording into one new store at once both succeed; two migrating it at once too")
    func concurrentProcesses() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try FreshStore(.postgres)
        try TestDatabase.write(StoreContractTests.data, at: dir.file("shop.db"))
        try "tables:\n  customers:\n    checks:\n      - not_null: email\n      - unique: email\n"
            .write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let runsEach = 4
        do {
            try await withThrowingTaskGroup(of: [AssayProcess.Output].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        var outputs: [AssayProcess.Output] = []
                        for _ in 0..<runsEach {
                            outputs.append(try await AssayProcess.run(async: ["check", "-c", "shop.yml", "-s", "sqlite:shop.db", "--store", store.url,
                                                                              "-f", "json", "-o", "out-\(UUID().uuidString).json"], in: dir.path))
                        }
                        return outputs
                    }
                }
                for try await outputs in group {
                    #expect(outputs.allSatisfy { $0.status == 2 }, "\(outputs.map { "\($0.status): \($0.stderr)" })")
                }
            }
            let read = try await withStore(store.url) { s in
                let runs = try await s.runs(last: 100)
                var results = 0
                for run in runs { results += try await s.run(run.runID).results.count }
                return (runs.count, results)
            }
            #expect(read.0 == 2 * runsEach)
            #expect(read.1 == 2 * runsEach * 2)
            #expect(try await store.integer("SELECT count(*) FROM migrations") == 8)
            let listed = try await AssayProcess.run(["runs", "--store", store.url], in: dir.path)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.split(separator: "\n").dropFirst().filter { $0.contains("FAIL") }.count == 2 * runsEach, "\(listed.stdout)")

            // Back to v1, then two processes open it at once: one migrates (and backfills) while the other waits, once.
            try await store.execute(["DROP TABLE table_scores", "DROP INDEX runs_by_suite", "DROP TABLE alerts", "DROP TABLE incidents", "DROP TABLE watermarks", "DROP TABLE lineage_edges", "DROP INDEX results_by_check_status", "DROP TABLE remediation_log", "DROP TABLE fixes", "DELETE FROM migrations WHERE identifier NOT LIKE 'v1:%'"])
            try await withThrowingTaskGroup(of: AssayProcess.Output.self) { group in
                for _ in 0..<2 { group.addTask { try await AssayProcess.run(async: ["scorecard", "--store", store.url], in: dir.path) } }
                for try await output in group { #expect(output.status == 0, "\(output.stderr)") }
            }
            #expect(try await store.integer("SELECT count(*) FROM migrations") == 8)
            #expect(try await store.integer("SELECT count(*) FROM table_scores") == 2 * runsEach, "one row per run and table, backfilled once")
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }
}
