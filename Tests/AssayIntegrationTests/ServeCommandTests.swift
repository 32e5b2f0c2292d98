import Assay
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// `assay serve` refuses what it cannot serve with a clear message and exit status 3, before listening.
@Suite("assay serve: bad input")
struct ServeCommandTests {
    @Test("a malformed --listen, --days out of range, no store, a file that is not a store, a store from a newer Assay, an unreachable PostgreSQL store")
    func refusals() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = try SQLiteStore(path: dir.file("newer.db"))
        try await DatabaseQueue(path: dir.file("newer.db")).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')")
        }
        try "not a database".write(toFile: dir.file("junk.db"), atomically: true, encoding: .utf8)
        _ = try SQLiteStore(path: dir.file("ok.db"))
        let cases: [([String], String)] = [
            (["--store", "sqlite:ok.db", "--listen", "localhost"], "is not HOST:PORT"),
            (["--store", "sqlite:ok.db", "--listen", "127.0.0.1:70000"], "is not HOST:PORT"),
            (["--store", "sqlite:ok.db", "--days", "0"], "--days must be from 1 to 3650"),
            (["--store", "sqlite:nowhere.db"], "no store at sqlite:nowhere.db"),
            (["--store", "sqlite:junk.db"], "not a SQLite database"),
            (["--store", "sqlite:newer.db"], "newer Assay"),
            (["--store", "sqlite:ok.db", "--config", "missing.yml"], "missing.yml"),
            (["--store", "postgres://assay:s3cret@127.0.0.1:1/db"], "cannot connect to PostgreSQL at 127.0.0.1:1: connection refused"),
        ]
        for (arguments, message) in cases {
            let run = try await AssayProcess.run(async: ["serve"] + arguments, in: dir.path)
            #expect(run.status == 3, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("s3cret"))
        }
    }

    @Test("a port already in use is a clear error, not a hang")
    func portInUse() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = try SQLiteStore(path: dir.file("assay.db"))
        let (first, base) = try await ServerProcess.serve(["--store", "sqlite:assay.db"], folder: dir.path)
        defer { first.stop() }
        let second = try await AssayProcess.run(async: ["serve", "--store", "sqlite:assay.db", "--listen", "127.0.0.1:\(base.port ?? 0)"], in: dir.path)
        #expect(second.status == 3)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(base.port ?? 0): the address is already in use"), "\(second.stderr)")
    }
}
