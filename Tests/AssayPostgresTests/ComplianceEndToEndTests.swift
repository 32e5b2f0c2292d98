import Assay
import AssayTestSupport
import Foundation
import Testing

/// `assay compliance` end to end on both store backends: runs recorded with a controlled clock (and the incidents the
/// monitor's state machine makes of them), then the real binary's JSON, CSV, text and HTML; exact figures, no data,
/// reproducibility, exit codes.
@Suite("Compliance from the store, end to end", .serialized)
struct ComplianceEndToEndTests {
    static let data = """
        CREATE TABLE accounts(account_id INTEGER PRIMARY KEY, email TEXT, account_no TEXT, balance REAL);
        INSERT INTO accounts VALUES (1, 'a@x.example', 'A1', 10), (2, 'b@x.example', 'A2', 20), (3, 'c@x.example', 'A3', 30);
        """

    /// Version 1 of the suite; version 2 adds a balance check (mid-period); version 3 a check that never runs.
    static func suiteText(version: Int) -> String {
        """
        name: bank
        compliance:
          targets: {HIGH: 97}
        tables:
          accounts:
            checks:
              - not_null: email
                id: EMAIL_PRESENT
                severity: CRITICAL
                description: "Every account has an email, for statements"
              - unique: account_no
                severity: HIGH
        \(version >= 2 ? "      - between: {column: balance, min: 0}\n        id: BALANCE_POSITIVE\n        sla: 80" : "")
        \(version >= 3 ? "      - not_null: account_no\n        id: ACCOUNT_NO_PRESENT" : "")
        """
    }

    static func at(_ text: String) -> Date { InstantText.date(text)! }

    /// Records the scenario: a run before the period, runs every 6 hours on 2026-03-01 (the email check fails at 06:00
    /// and is fixed by 12:00; the balance check is added at 12:00), and one run the next midnight. The email check's
    /// incidents come from the monitor's own state machine, as the monitor would record them.
    static func record(into url: String, directory: TemporaryDirectory) async throws {
        let db = try TestDatabase(data)
        defer { db.remove() }
        let schedule: [(String, Int, String?)] = [
            ("2026-02-28T23:00:00.000Z", 1, nil),
            ("2026-03-01T00:00:00.000Z", 1, nil),
            ("2026-03-01T06:00:00.000Z", 1, "INSERT INTO accounts VALUES (4, NULL, 'A4', 40)"),
            ("2026-03-01T12:00:00.000Z", 2, "DELETE FROM accounts WHERE account_id = 4"),
            ("2026-03-01T18:00:00.000Z", 2, nil),
            ("2026-03-02T00:00:00.000Z", 2, nil),
        ]
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { o in "inc-" + InstantText.string(o.at) }
        try await withStore(url) { store in
            let incidents = try #require(store as? any IncidentStore)
            for (instant, version, change) in schedule {
                if let change { try db.execute(change) }
                let suite = try SuiteLoader(environment: [:]).parse(suiteText(version: version), file: directory.file("bank.yml"))
                let result = await RunEngine(source: try db.source(), clock: ManualClock(at(instant))).run(suite)
                try await store.record(result)
                let email = try #require(result.results.first { $0.check == "EMAIL_PRESENT" })
                _ = machine.observe(CheckObservation(check: email.key, table: email.table, severity: email.severity, status: email.status,
                                                     message: email.message, violations: email.violations, at: result.startedAt))
                if machine.incident != nil {
                    try await incidents.save(IncidentRecord(suite: "bank", check: email.key, state: machine.state), alerts: [])
                }
            }
        }
    }

    static func compliance(_ arguments: [String], store url: String, in directory: TemporaryDirectory) async throws -> AssayProcess.Output {
        try await AssayProcess.run(async: ["compliance", "--store", url] + arguments, in: directory.path)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("exact figures in JSON and CSV, NO DATA for a check without runs, byte-identical twice, exit 2 when a rule fails",
          arguments: StoreBackend.allCases)
    func figures(_ backend: StoreBackend) async throws {
        let store = try FreshStore(backend)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            try await Self.record(into: store.url, directory: dir)
            try Self.suiteText(version: 3).write(toFile: dir.file("bank.yml"), atomically: true, encoding: .utf8)
            let args = ["--from", "2026-03-01", "--to", "2026-03-01", "--config", "bank.yml"]
            let run = try await Self.compliance(args + ["--format", "json"], store: store.url, in: dir)
            #expect(run.status == 2, "a rule is FAILING: \(run.stderr)")
            let report = try Self.json(run.stdout)
            #expect(report["from"] as? String == "2026-03-01T00:00:00.000Z" && report["to"] as? String == "2026-03-02T00:00:00.000Z")
            #expect(report["remediationLogged"] as? Bool == true, "every store keeps the remediation log (migration v6): nothing remediated is 0, not unknown")
            let rules = try #require(report["rules"] as? [[String: Any]])
            let byID = Dictionary(uniqueKeysWithValues: rules.map { (($0["check"] as? String) ?? "", $0) })
            #expect(rules.count == 4)

            // The email check: PASS before and at 00:00, FAIL at 06:00, PASS from 12:00: 3 of 4 runs, 18 of 24 hours.
            let email = try #require(byID["accounts.EMAIL_PRESENT"])
            #expect(email["status"] as? String == "FAILING" && email["target"] as? Double == 99 && email["targetSource"] as? String == "default")
            #expect(email["passedRuns"] as? Int == 3 && (email["runs"] as? [String: Int]) == ["pass": 3, "warn": 0, "fail": 1, "error": 0])
            #expect(email["runShare"] as? Double == 75 && email["timeShare"] as? Double == 75 && email["coverage"] as? Double == 100)
            #expect(email["compliantMilliseconds"] as? Int == 18 * 3_600_000 && email["statusAtStart"] as? String == "PASS")
            #expect(email["description"] as? String == "Every account has an email, for statements")
            let incidents = try #require(email["incidents"] as? [String: Any])
            #expect(incidents["count"] as? Int == 1 && incidents["opened"] as? Int == 1 && incidents["resolved"] as? Int == 1)
            #expect(incidents["stillOpen"] as? Int == 0 && incidents["mttdSeconds"] as? Double == 0 && incidents["mttrSeconds"] as? Double == 21_600)

            // The balance check, added at 12:00: every run passed, but the first 12 hours are unknown.
            let balance = try #require(byID["accounts.BALANCE_POSITIVE"])
            #expect(balance["runShare"] as? Double == 100 && balance["timeShare"] as? Double == 50 && balance["coverage"] as? Double == 50)
            #expect(balance["status"] as? String == "FAILING" && balance["target"] as? Double == 80 && balance["targetSource"] as? String == "check")
            #expect(balance["firstRunAt"] as? String == "2026-03-01T12:00:00.000Z" && balance["statusAtStart"] == nil)

            // The unique check met the suite's HIGH target; the check added in version 3 never ran: no data, no number.
            let unique = try #require(rules.first { ($0["check"] as? String)?.hasPrefix("accounts.unique_account_no.") == true })
            #expect(unique["status"] as? String == "MEETING" && unique["target"] as? Double == 97 && unique["targetSource"] as? String == "suite")
            #expect(unique["runShare"] as? Double == 100 && unique["timeShare"] as? Double == 100)
            let never = try #require(byID["accounts.ACCOUNT_NO_PRESENT"])
            #expect(never["status"] as? String == "NO DATA" && never["runShare"] == nil && never["timeShare"] == nil && never["coverage"] == nil)

            let summary = try #require(report["summary"] as? [String: Any])
            #expect(summary["status"] as? String == "FAILING" && summary["rules"] as? Int == 4 && summary["meeting"] as? Int == 1)
            #expect(summary["failing"] as? Int == 2 && summary["noData"] as? Int == 1 && summary["runs"] as? Int == 10 && summary["passedRuns"] as? Int == 9)

            // CSV: the same figures, one row per rule and the summary, RFC 4180 quoting of the description's comma.
            let csv = try await Self.compliance(args + ["--format", "csv"], store: store.url, in: dir)
            #expect(csv.status == 2)
            let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 6 && lines[0].hasPrefix("row,suite,from,to,check,table,severity,description,target,"))
            #expect(lines.contains("rule,bank,2026-03-01T00:00:00.000Z,2026-03-02T00:00:00.000Z,accounts.EMAIL_PRESENT,accounts,CRITICAL,"
                + "\"Every account has an email, for statements\",99,default,FAILING,4,3,3,0,1,0,75.0000,64800000,86400000,86400000,"
                + "75.0000,100.0000,PASS,2026-03-01T00:00:00.000Z,2026-03-01T18:00:00.000Z,1,1,1,0,0,21600,0,0,,,,"), "\(lines)")
            #expect(lines.contains("rule,bank,2026-03-01T00:00:00.000Z,2026-03-02T00:00:00.000Z,accounts.ACCOUNT_NO_PRESENT,accounts,MEDIUM,"
                + ",90,default,NO DATA,0,0,0,0,0,0,,,,86400000,,,,,,0,0,0,0,,,0,0,,,,"), "\(lines)")
            #expect(lines.last == "summary,bank,2026-03-01T00:00:00.000Z,2026-03-02T00:00:00.000Z,,,,,,,FAILING,10,9,,,,,90.0000,,,86400000,"
                + "75.0000,,,,,1,1,1,0,0,21600,0,0,4,1,2,1", "\(lines.last ?? "")")

            // Reproducible: the same store and period give the same bytes, in every format.
            for format in ["json", "csv", "text", "html"] {
                let first = try await Self.compliance(args + ["--format", format], store: store.url, in: dir)
                let second = try await Self.compliance(args + ["--format", format], store: store.url, in: dir)
                #expect(first.stdout == second.stdout && !first.stdout.isEmpty, "\(format) differs between two runs")
            }

            // The next day, with the suite of version 2: every rule meets, exit 0; with version 3's never-run check, exit 1.
            try Self.suiteText(version: 2).write(toFile: dir.file("bank.yml"), atomically: true, encoding: .utf8)
            let next = try await Self.compliance(["--from", "2026-03-02T00:00:00Z", "--to", "2026-03-02", "--config", "bank.yml"], store: store.url, in: dir)
            #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
            #expect(next.stdout.contains("Overall MEETING: 3 rules, 3 meeting, 0 failing, 0 with no data"))
            try Self.suiteText(version: 3).write(toFile: dir.file("bank.yml"), atomically: true, encoding: .utf8)
            let partly = try await Self.compliance(["--from", "2026-03-02", "--to", "2026-03-02", "--config", "bank.yml"], store: store.url, in: dir)
            #expect(partly.status == 1 && partly.stdout.contains("NO DATA"))
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }

    @Test("the store's timelines: runs at the same instant keep their recorded order; incidents resolved before the period are left out",
          arguments: StoreBackend.allCases)
    func timelines(_ backend: StoreBackend) async throws {
        let store = try FreshStore(backend)
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let suite = try SuiteLoader(environment: [:]).parse(Self.suiteText(version: 1), file: dir.file("bank.yml"))
            try await withStore(store.url) { s in
                let clock = ManualClock(Self.at("2026-03-01T10:00:00.000Z"))
                // Two runs at one instant, FAIL recorded first and PASS second: the PASS holds.
                try db.execute("INSERT INTO accounts VALUES (4, NULL, 'A4', 40)")
                try await s.record(await RunEngine(source: try db.source(), clock: clock).run(suite))
                try db.execute("DELETE FROM accounts WHERE account_id = 4")
                try await s.record(await RunEngine(source: try db.source(), clock: clock).run(suite))
                let history = try #require(s as? any ComplianceStore)
                let period = try CompliancePeriod.parse(from: "2026-03-01", to: "2026-03-01")
                let timelines = try await history.complianceTimelines(suite: "bank", period: period)
                let email = try #require(timelines.first { $0.check.rawValue == "accounts.EMAIL_PRESENT" })
                #expect(email.changes.map(\.status) == [.fail, .pass] && email.counts == StatusCounts(pass: 1, fail: 1) && email.before == nil)
                #expect(email.severity == .critical && email.table == "accounts" && email.lastRunAt == Self.at("2026-03-01T10:00:00.000Z"))
                #expect(try await history.complianceTimelines(suite: "other", period: period).isEmpty)

                let incidents = try #require(s as? any IncidentStore)
                for (id, opened, resolved) in [("old", "2026-02-20T00:00:00.000Z", "2026-02-21T00:00:00.000Z"),
                                               ("spanning", "2026-02-27T00:00:00.000Z", "2026-03-05T00:00:00.000Z"),
                                               ("open", "2026-02-28T00:00:00.000Z", nil), ("later", "2026-03-03T00:00:00.000Z", nil)] {
                    var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in id }
                    let key = email.check
                    _ = machine.observe(CheckObservation(check: key, table: "accounts", severity: .critical, status: .fail, message: "bad", at: Self.at(opened)))
                    if let resolved { _ = machine.resolve(by: "ana", at: Self.at(resolved)) }
                    try await incidents.save(IncidentRecord(suite: "bank", check: key, state: machine.state), alerts: [])
                }
                let found = try await history.complianceIncidents(suite: "bank", period: period)
                #expect(found.map(\.id) == ["spanning", "open"])
            }
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }

    @Test("over several days only the days with a change are read row by row, and a change at midnight is found", arguments: StoreBackend.allCases)
    func days(_ backend: StoreBackend) async throws {
        let store = try FreshStore(backend)
        let db = try TestDatabase(Self.data)
        defer { db.remove() }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let suite = try SuiteLoader(environment: [:]).parse(Self.suiteText(version: 1), file: dir.file("bank.yml"))
            try await withStore(store.url) { s in
                // Every 6 hours for four days: a bad email at day 2 12:00 only, and all of day 3 (from its midnight).
                for run in 0..<16 {
                    let bad = run == 6 || (8..<12).contains(run)
                    try db.execute(bad ? "INSERT OR IGNORE INTO accounts VALUES (4, NULL, 'A4', 40)" : "DELETE FROM accounts WHERE account_id = 4")
                    let clock = ManualClock(Self.at("2026-03-01T00:00:00.000Z").addingTimeInterval(Double(run) * 6 * 3600))
                    try await s.record(await RunEngine(source: try db.source(), clock: clock).run(suite))
                }
                let history = try #require(s as? any ComplianceStore)
                let timelines = try await history.complianceTimelines(suite: "bank", period: try CompliancePeriod.parse(from: "2026-03-01", to: "2026-03-04"))
                let email = try #require(timelines.first { $0.check.rawValue == "accounts.EMAIL_PRESENT" })
                #expect(email.changes.map { InstantText.string($0.at) } == ["2026-03-01T00:00:00.000Z", "2026-03-02T12:00:00.000Z", "2026-03-02T18:00:00.000Z",
                                                                           "2026-03-03T00:00:00.000Z", "2026-03-04T00:00:00.000Z"])
                #expect(email.changes.map(\.status) == [.pass, .fail, .pass, .fail, .pass])
                #expect(email.counts == StatusCounts(pass: 11, fail: 5) && email.lastRunAt == Self.at("2026-03-04T18:00:00.000Z"))
                let unique = try #require(timelines.first { $0.check.rawValue.hasPrefix("accounts.unique_account_no.") })
                #expect(unique.changes.map(\.status) == [.pass] && unique.counts == StatusCounts(pass: 16))
                // From the middle of day 2: the status before (PASS at 06:00) holds from the start.
                let late = try await history.complianceTimelines(suite: "bank", period: try CompliancePeriod.parse(from: "2026-03-02T09:00:00Z", to: "2026-03-04"))
                let lateEmail = try #require(late.first { $0.check.rawValue == "accounts.EMAIL_PRESENT" })
                #expect(lateEmail.before == .pass && lateEmail.changes.first?.status == .fail && lateEmail.counts.total == 10)
            }
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }
}
