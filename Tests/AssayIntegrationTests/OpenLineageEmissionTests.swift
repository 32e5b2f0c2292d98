import Assay
import AssayOpenLineage
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// OpenLineage emission end to end: the real `assay` binary on the FinanceFlow demo, events to a JSON-lines file and
/// to a real HTTP receiver, every event validated against the specification's schemas by Python jsonschema.
@Suite("OpenLineage emission, end to end")
struct OpenLineageEmissionTests {
    /// The demo (SQLite and suite) in `dir`.
    static func demo(_ dir: TemporaryDirectory) async throws {
        let output = try await AssayProcess.run(["demo", "--scale", "1", "--dir", dir.path])
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test("a demo run appends START and FAIL to a file: same run id as the report, facets filled, every event valid")
    func demoToAFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await Self.demo(dir)
        let events = dir.file("events.jsonl")
        let suite = dir.file("financeflow.yml")
        let check = try await AssayProcess.run(["check", "--config", suite, "--format", "json", "--openlineage", events])
        #expect(check.status == 2, "the demo's defects fail the run: \(check.stderr)")
        #expect(!check.stderr.contains("warning"), "\(check.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let lines = try LineageSchema.events(try String(contentsOfFile: events, encoding: .utf8))
        #expect(lines.map(\.eventType) == ["START", "FAIL"])
        #expect(Set(lines.compactMap(\.runID)) == [try #require(report["run_id"] as? String)])
        let end = try #require(lines.last)
        let job = try #require(end["job"] as? [String: Any])
        #expect(job["namespace"] as? String == "assay" && job["name"] as? String == "financeflow-demo")
        let inputs = end.inputs
        #expect(Set(inputs.compactMap { $0["name"] as? String }) == ["customers", "accounts", "transactions", "credit_scores", "regulatory_reports", "data_lineage"])
        #expect(inputs.allSatisfy { $0["namespace"] as? String == "sqlite:" + dir.file("financeflow.db") }, "\(inputs.map { $0["namespace"] ?? "" })")
        let customers = try #require(inputs.first { $0["name"] as? String == "customers" })
        let facets = try #require(customers["inputFacets"] as? [String: Any])
        let metrics = try #require(facets["dataQualityMetrics"] as? [String: Any])
        #expect((metrics["rowCount"] as? Int ?? 0) > 0)
        #expect(!((metrics["columnMetrics"] as? [String: Any]) ?? [:]).isEmpty)
        let assertions = try #require((facets["dataQualityAssertions"] as? [String: Any])?["assertions"] as? [[String: Any]])
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(assertions.count == results.filter { $0["table"] as? String == "customers" }.count)
        #expect(assertions.contains { $0["success"] as? Bool == false })
        let fields = (customers["facets"] as? [String: Any])?["schema"] as? [String: Any]
        #expect((fields?["fields"] as? [Any])?.isEmpty == false, "the catalogue's columns")
        let runFacets = try #require((end["run"] as? [String: Any])?["facets"] as? [String: Any])
        #expect(((runFacets["test"] as? [String: Any])?["tests"] as? [Any])?.count == results.count)
        #expect(((runFacets["errorMessage"] as? [String: Any])?["message"] as? String)?.contains("failed") == true)

        // A second run appends its own pair.
        let again = try await AssayProcess.run(["check", "--config", suite, "--openlineage", events])
        #expect(again.status == 2)
        let all = try LineageSchema.events(try String(contentsOfFile: events, encoding: .utf8))
        #expect(all.map(\.eventType) == ["START", "FAIL", "START", "FAIL"])
        #expect(Set(all.compactMap(\.runID)).count == 2 && all[2].runID == all[3].runID)
        let validation = try await LineageSchema.validate([events])
        #expect(validation.status == 0, "\(validation.output)")
        #expect(validation.output.contains("4 events valid"), "\(validation.output)")
    }

    @Test("the suite's openlineage section posts to a receiver with the bearer key from ${VAR}, retrying a 503; the key never shows")
    func suiteSectionToHTTP() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await Self.demo(dir)
        let inbox = LineageInbox()
        let app = inbox.application { n in n == 1 ? .serviceUnavailable : .ok }
        try await app.test(.live) { client in
            let suite = dir.file("financeflow.yml")
            let yaml = try String(contentsOfFile: suite, encoding: .utf8)
            try (yaml + """

                openlineage:
                  url: http://127.0.0.1:\(try #require(client.port))
                  namespace: financeflow-dq
                  api_key: ${LINEAGE_TEST_KEY}
                  file: lineage/events.jsonl
                """).write(toFile: suite, atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: dir.file("lineage"), withIntermediateDirectories: true)
            let check = try await AssayProcess.run(["check", "--config", suite, "--format", "json"], environment: ["LINEAGE_TEST_KEY": "k3y-s3cret"])
            #expect(check.status == 2, "\(check.stderr)")
            #expect(!check.stderr.contains("warning"), "\(check.stderr)")
            #expect(!(check.stdout + check.stderr).contains("k3y-s3cret"))
            let posts = inbox.all
            #expect(posts.count == 3, "a 503, then START again and FAIL: \(posts.map(\.status))")
            #expect(posts.allSatisfy { $0.authorization == "Bearer k3y-s3cret" })
            let taken = try LineageSchema.events(inbox.taken.joined(separator: "\n"))
            #expect(taken.map(\.eventType) == ["START", "FAIL"])
            #expect(taken.allSatisfy { ($0["job"] as? [String: Any])?["namespace"] as? String == "financeflow-dq" })
            // The file beside the suite got the same events.
            let filed = try String(contentsOfFile: dir.file("lineage/events.jsonl"), encoding: .utf8)
            #expect(try LineageSchema.events(filed).compactMap(\.runID) == taken.compactMap(\.runID))
            let received = dir.file("received.jsonl")
            try LineageSchema.write(inbox.taken, to: received)
            let validation = try await LineageSchema.validate([received, dir.file("lineage/events.jsonl")])
            #expect(validation.status == 0, "\(validation.output)")
        }
    }

    @Test("an unreachable endpoint, a refusing one and an unwritable file: the check completes and records its run, with a clear warning")
    func emissionFailuresNeverCostTheRun() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await Self.demo(dir)
        let suite = dir.file("financeflow.yml")
        let closed = try freeLocalPort()
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let before = try await store.runs(last: 1_000).count

        let unreachable = try await AssayProcess.run(["check", "--config", suite, "--openlineage", "http://127.0.0.1:\(closed)"])
        #expect(unreachable.status == 2, "the run's own exit code: \(unreachable.stderr)")
        #expect(unreachable.stderr.contains("assay: warning: OpenLineage START event not emitted: the OpenLineage endpoint http://127.0.0.1:\(closed)/api/v1/lineage did not take the event after 3 attempts: connection refused"), "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("OpenLineage FAIL event not emitted"), "\(unreachable.stderr)")
        #expect(unreachable.stdout.contains("Scorecard"), "the report is printed")

        let unwritable = dir.file("no-such-folder/events.jsonl")
        let file = try await AssayProcess.run(["check", "--config", suite, "--openlineage", unwritable])
        #expect(file.status == 2)
        #expect(file.stderr.contains("assay: warning: OpenLineage START event not emitted: cannot write OpenLineage events to \(unwritable): no such file or directory"), "\(file.stderr)")

        let inbox = LineageInbox()
        let app = inbox.application { _ in .badRequest }
        try await app.test(.live) { client in
            let refused = try await AssayProcess.run(["check", "--config", suite, "--openlineage", "http://127.0.0.1:\(try #require(client.port))/api/v1/lineage"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("refused the event: HTTP 400"), "\(refused.stderr)")
            #expect(inbox.all.count == 2, "a 4xx is not retried: \(inbox.all.count)")
        }
        #expect(try await store.runs(last: 1_000).count == before + 3, "every run is recorded")
    }

    @Test("an attempt with no answer in time is tried again; every attempt timing out is a clear error without the URL's token")
    func timeouts() async throws {
        let inbox = LineageInbox()
        let app = inbox.application { n in
            guard n == 2 else {
                // Answered after the sender gave up: never taken.
                try await Task.sleep(for: .seconds(3))
                return .requestTimeout
            }
            return .created
        }
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(try #require(client.port))/api/v1/lineage?token=t0ken"
            let transport = HTTPTransport(url: url, apiKey: nil, timeout: .seconds(1), attempts: 2, backoff: .milliseconds(50))
            try await transport.post(Data("{}".utf8))
            #expect(inbox.taken == ["{}"], "the second attempt is taken")
            let port = try #require(client.port)
            do throws(OpenLineageError) {
                try await transport.post(Data("{}".utf8))
                Issue.record("two attempts without an answer are an error")
            } catch {
                #expect(error.code == .unavailable)
                #expect(error.message == "the OpenLineage endpoint http://127.0.0.1:\(port)/api/v1/lineage did not take the event after 2 attempts: no answer within 1 s")
            }
        }
    }

    @Test("a usage error: --openlineage with another scheme, or a password in the URL, is refused before anything runs")
    func badTargets() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try await Self.demo(dir)
        let ftp = try await AssayProcess.run(["check", "--config", dir.file("financeflow.yml"), "--openlineage", "ftp://host/events"])
        #expect(ftp.status == 3 && ftp.stderr.contains("--openlineage is an http(s):// URL or a file path"), "\(ftp.stderr)")
        let password = try await AssayProcess.run(["check", "--config", dir.file("financeflow.yml"), "--openlineage", "http://u:hunter2@127.0.0.1:1/"])
        #expect(password.status == 3 && password.stderr.contains("holds a password") && !password.stderr.contains("hunter2"), "\(password.stderr)")
    }

    @Test("the monitor emits a START and an end event for every scheduled run")
    func monitorRuns() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try MonitorCommandTests.shop(in: dir, duplicated: true)
        let events = dir.file("events.jsonl")
        let monitor = try MonitorProcess(["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0", "--openlineage", events],
                                         name: "monitor", folder: dir.path, environment: ["ASSAY_LOG_LEVEL": "error"])
        _ = try await monitor.started()
        try await waitFor("two runs' events") {
            ((try? String(contentsOfFile: events, encoding: .utf8)) ?? "").split(separator: "\n").count >= 4 || !monitor.isRunning
        }
        #expect(await monitor.stop() && monitor.status == 0, "\(monitor.stderr.suffix(2_000))")
        let lines = try LineageSchema.events(try String(contentsOfFile: events, encoding: .utf8))
        let byRun = Dictionary(grouping: lines) { $0.runID ?? "" }
        let complete = byRun.values.filter { $0.count == 2 }
        #expect(complete.count >= 2, "\(lines.map(\.eventType))")
        #expect(complete.allSatisfy { $0.map(\.eventType) == ["START", "FAIL"] }, "the duplicated email fails: \(lines.map(\.eventType))")
        let validation = try await LineageSchema.validate([events])
        #expect(validation.status == 0, "\(validation.output)")
    }
}
