import Assay
import AssayTestSupport
import Foundation
import Testing

/// `assay compliance`'s bad input, each a clear error with exit 3 and no report; and the HTML page written to a file.
@Suite("assay compliance: bad input and the HTML page")
struct ComplianceCLITests {
    static let suite = """
        name: shop
        tables:
          customers:
            checks:
              - not_null: email
                severity: HIGH
        """

    /// A folder with shop.yml, shop.db and a store holding two runs on 2026-03-01.
    static func recorded() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try TestDatabase.write("CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT); INSERT INTO customers VALUES (1, 'a@x.example');",
                               at: dir.file("shop.db"))
        try suite.write(toFile: dir.file("shop.yml"), atomically: true, encoding: .utf8)
        let clock = ManualClock(CivilDateTime(date: CivilDate(year: 2026, month: 3, day: 1), secondOfDay: 3600))
        for _ in 0..<2 {
            let outcome = try await Assay.check(CheckRequest(config: .file(dir.file("shop.yml")), source: "sqlite:" + dir.file("shop.db"),
                                                             clock: clock, store: .url("sqlite:" + dir.file("assay.db"))))
            #expect(outcome.storeError == nil)
            clock.advance(by: 6 * 3600)
        }
        return dir
    }

    @Test("bad dates, a period that ends before it starts, an unknown format or suite: exit 3 with the reason", arguments: [
        (["--from", "2026-02-30", "--to", "2026-03-01"], "assay: --from '2026-02-30' is not a date: give a UTC day as YYYY-MM-DD"),
        (["--from", "2026-03-01", "--to", "March"], "assay: --to 'March' is not a date"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "assay: the period must end after it starts"),
        (["--from", "2026-03-01", "--to", "2026-03-01", "--format", "pdf"], "pdf"),
        (["--from", "2026-03-01", "--to", "2026-03-01", "--suite", "shopp"], "assay: the store has no run of suite 'shopp'; did you mean 'shop'?"),
        (["--from", "2999-01-01", "--to", "2999-01-02"], "assay: the period starts at 2999-01-01T00:00:00.000Z, which is not in the past yet"),
        (["--to", "2026-03-01"], "--from"),
    ])
    func badInput(arguments: [String], message: String) async throws {
        let dir = try await Self.recorded()
        defer { dir.cleanUp() }
        let run = try await AssayProcess.run(async: ["compliance", "--config", "shop.yml"] + arguments, in: dir.path)
        #expect(run.status == 3)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("no store, an empty store, a store that is no store, an unreachable server (its password never shown): exit 3")
    func badStores() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let period = ["compliance", "--from", "2026-03-01", "--to", "2026-03-01"]
        let missing = try await AssayProcess.run(async: period + ["--store", "sqlite:" + dir.file("none.db")], in: dir.path)
        #expect(missing.status == 3 && missing.stderr.contains("no store at sqlite:"), "\(missing.stderr)")
        _ = try SQLiteStore(path: dir.file("empty.db"))
        let empty = try await AssayProcess.run(async: period + ["--store", "sqlite:" + dir.file("empty.db")], in: dir.path)
        #expect(empty.status == 3 && empty.stderr.contains("the store has no runs"), "\(empty.stderr)")
        try "not a database".write(toFile: dir.file("junk.db"), atomically: true, encoding: .utf8)
        let junk = try await AssayProcess.run(async: period + ["--store", "sqlite:" + dir.file("junk.db")], in: dir.path)
        #expect(junk.status == 3 && junk.stderr.contains("not an Assay store"), "\(junk.stderr)")
        let unreachable = try await AssayProcess.run(
            async: period + ["--store", "postgres://auditor:hunter2secret@127.0.0.1:1/quality?connect_timeout=2"], in: dir.path)
        #expect(unreachable.status == 3 && !unreachable.stderr.isEmpty && !unreachable.stderr.contains("hunter2secret"), "\(unreachable.stderr)")
    }

    @Test("a bad compliance section in the suite is a configuration error at its place")
    func badConfig() async throws {
        let dir = try await Self.recorded()
        defer { dir.cleanUp() }
        try ("compliance:\n  targets: {URGENT: 99}\n" + Self.suite.replacingOccurrences(of: "name: shop\n", with: "name: shop\n"))
            .write(toFile: dir.file("bad.yml"), atomically: true, encoding: .utf8)
        let run = try await AssayProcess.run(async: ["compliance", "--config", "bad.yml", "--store", "sqlite:assay.db", "--from", "2026-03-01",
                                                     "--to", "2026-03-01"], in: dir.path)
        #expect(run.status == 3 && run.stderr.contains("bad.yml:2:13: error: unknown severity 'URGENT' in compliance.targets"), "\(run.stderr)")
    }

    @Test("--format html --output writes one self-contained page with a row per rule")
    func htmlPage() async throws {
        let dir = try await Self.recorded()
        defer { dir.cleanUp() }
        let run = try await AssayProcess.run(async: ["compliance", "--config", "shop.yml", "--from", "2026-03-01", "--to", "2026-03-01",
                                                     "--format", "html", "--output", "sla.html"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: dir.file("sla.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("data-compliance-summary=\"\" data-status=\"MEETING\""))
        #expect(page.contains("data-rule=\"customers.not_null_email.") && !page.contains("<script") && !page.contains("src=\"http"))
    }
}
