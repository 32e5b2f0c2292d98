import Assay
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `assay incidents ack|resolve|suppress` as processes against `assay monitor` as a process: each goes through the
/// monitor's API and the API then shows the new state; a wrong token, an unknown incident, a command that does not
/// apply and a monitor that is not running are clear errors with a non-zero exit, and the token is never printed.
@Suite("assay incidents ack|resolve|suppress", .serialized)
struct IncidentCommandsCLITests {
    static let token = "cli-s3cret-token"

    /// The monitor's incident `id` (or the open ones) through its API.
    static func incident(_ web: LivePages, _ id: String) async throws -> [String: Any] {
        let response = try await web.send(.get, "/api/v1/incidents/\(id)", headers: [.authorization: "Bearer " + token])
        return try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    static func openIncident(_ web: LivePages, except old: String? = nil) async throws -> String? {
        let response = try await web.send(.get, "/api/v1/incidents?status=open", headers: [.authorization: "Bearer " + token])
        let list = (try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])?["incidents"] as? [[String: Any]]
        return list?.compactMap { $0["id"] as? String }.first { $0 != old }
    }

    /// Waits up to `timeout` seconds for `condition`.
    static func until(_ what: String, timeout: Double = 30, _ condition: () async -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !(await condition()) {
            guard Date() < deadline else { Issue.record("timed out waiting for \(what)"); return }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("ack, resolve and suppress through a running monitor; wrong token, unknown id, a command that does not apply, monitor down")
    func commands() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try MonitorCommandTests.shop(in: dir, duplicated: true)
        let monitor = try ServerProcess(AssayProcess.executable, ["monitor", "--config", "shop.yml", "--every", "1s", "--listen", "127.0.0.1:0",
                                                                  "--token", Self.token], name: "monitor", folder: dir.path)
        defer { monitor.stop() }
        var url = ""
        try await MonitorCommandTests.waitFor("the monitor to listen") {
            if let range = monitor.stdout.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { url = String(monitor.stdout[range]) }
            return !url.isEmpty || !monitor.isRunning
        }
        let port = try #require(url.split(separator: ":").last.flatMap { Int($0) }, "\(monitor.stderr)")
        let web = LivePages(port: port)
        var first: String?
        try await Self.until("an incident") {
            first = try? await Self.openIncident(web)
            return first != nil || !monitor.isRunning
        }
        let id = try #require(first, "\(monitor.stderr)")
        func assay(_ arguments: [String], environment: [String: String] = [:]) async throws -> AssayProcess.Output {
            try await AssayProcess.run(async: ["incidents"] + arguments, in: dir.path, environment: environment)
        }

        let ack = try await assay(["ack", id, "--monitor", url, "--token", Self.token, "--by", "ana"])
        #expect(ack.status == 0 && ack.stdout.contains("ACKNOWLEDGED by ana"), "\(ack.stdout) \(ack.stderr)")
        var shown = try await Self.incident(web, id)
        #expect(shown["status"] as? String == "ACKNOWLEDGED" && shown["acknowledged_by"] as? String == "ana")
        let twice = try await assay(["ack", id, "--monitor", url, "--token", Self.token])
        #expect(twice.status != 0 && twice.stderr.contains("already acknowledged by ana"), "409 says why: \(twice.stderr)")

        // The monitor and the token from the environment, as an operator's shell would have them.
        let environment = ["ASSAY_MONITOR_URL": url, "ASSAY_TOKEN": Self.token, "USER": "bo"]
        let resolve = try await assay(["resolve", id, "--note", "fixed upstream"], environment: environment)
        #expect(resolve.status == 0 && resolve.stdout.contains("RESOLVED by bo (fixed upstream)"), "\(resolve.stdout) \(resolve.stderr)")
        shown = try await Self.incident(web, id)
        // A run that began before the resolution says nothing about the data since: the incident stays resolved.
        #expect(shown["status"] as? String == "RESOLVED" && (shown["reopened"] as? Int ?? 0) == 0, "\(shown)")

        // The data is still bad: the next run opens a fresh incident.
        var fresh: String?
        try await Self.until("a fresh incident") {
            fresh = try? await Self.openIncident(web, except: id)
            return fresh != nil
        }
        let next = try #require(fresh)
        let suppress = try await assay(["suppress", next, "--until", "2h"], environment: environment)
        #expect(suppress.status == 0 && suppress.stdout.contains("SUPPRESSED until"), "\(suppress.stdout) \(suppress.stderr)")
        shown = try await Self.incident(web, next)
        #expect(shown["status"] as? String == "SUPPRESSED")
        let until = try #require((shown["suppressed_until"] as? String).flatMap { ISO8601DateFormatter.withFractions.date(from: $0) })
        #expect(abs(until.timeIntervalSinceNow - 7_200) < 120, "\(until)")

        let wrong = try await assay(["ack", next, "--monitor", url, "--token", "not-the-token"])
        #expect(wrong.status != 0 && wrong.stderr.contains("refused the token"), "\(wrong.stderr)")
        #expect(!(wrong.stdout + wrong.stderr).contains("not-the-token") && !(wrong.stdout + wrong.stderr).contains(Self.token))
        let unknown = try await assay(["ack", "no-such-incident"], environment: environment)
        #expect(unknown.status != 0 && unknown.stderr.contains("no current incident no-such-incident"), "\(unknown.stderr)")
        let badSpan = try await assay(["suppress", next, "--until", "soon"], environment: environment)
        #expect(badSpan.status != 0 && badSpan.stderr.contains("neither a span"), "\(badSpan.stderr)")

        #expect(await monitor.stop(timeout: 20) && monitor.status == 0, "\(monitor.stderr)")
        let down = try await assay(["ack", next, "--monitor", url, "--token", Self.token])
        #expect(down.status != 0 && down.stderr.contains("cannot reach the monitor at \(url)"), "\(down.stderr)")
        #expect(try await assay(["list", "--store", "sqlite:assay.db", "--status", "suppressed"]).stdout.contains(next), "list still works")
    }
}

extension ISO8601DateFormatter {
    /// `2026-12-01T18:00:00.000Z`, as the API writes instants.
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
