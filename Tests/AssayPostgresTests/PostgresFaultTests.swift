import Assay
import Foundation
import Glibc
import Synchronization
import Testing

/// A server that dies, restarts, is killed or stops answering during a run — on a cluster of these tests' own
/// (``FaultCluster``), through the real `assay` binary and through the library. A hang fails the test: the binary
/// is killed after 90 s and a library run is abandoned after 90 s.
@Suite("PostgreSQL faults", .serialized)
struct PostgresFaultTests {
    typealias Fault = FaultCluster.Fault

    static func runWithFault(_ fault: Fault, config: String) async throws -> BoundedAssay {
        try await BoundedAssay.run(["check", "--no-store", "--config", config, "--format", "json"]) {
            let active = try await FaultCluster.waitForActiveStatement()
            #expect(active, "no statement of the run was seen on the server")
            FaultCluster.inflict(fault)
        }
    }

    @Test("a server fault mid-run ends `assay check` within its timeouts: exit 3, the cause once", arguments: Fault.allCases)
    func binaryEndsOnFault(_ fault: Fault) async throws {
        try await FaultCluster.start()
        defer {
            FaultCluster.resume()
            FaultCluster.stop()
        }
        // A paused server answers nothing: the client's deadline (statement plus connect timeout) ends the run.
        let url = FaultCluster.url + (fault == .pause ? "&statement_timeout=2s&connect_timeout=1s" : "")
        let config = try Self.writeSuite(FaultCluster.suite(source: url))
        defer { try? FileManager.default.removeItem(atPath: config) }
        var run = try await Self.runWithFault(fault, config: config)
        // A restart that lands just after a scan ends is absorbed: the pool reconnects and the run is complete and
        // correct (exit 2, no failure). That is not the case under test; strike again (at most twice more).
        for _ in 0..<2 where fault == .restart && run.status == 2 {
            print("fault restart: absorbed between two statements; striking again")
            try await FaultCluster.start()
            run = try await Self.runWithFault(fault, config: config)
        }
        print("fault \(fault): assay check ended \(run.seconds.formatted()) s after it started, \(run.secondsAfterFault.formatted()) s after the fault")
        #expect(!run.killed, "assay check hung after a \(fault): killed after 90 s")
        #expect(run.status == 3, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout.prefix(500))")
        let failures = try #require(json["failures"] as? [[String: Any]], "no failures in \(run.stdout.prefix(500))")
        let failure = try #require(failures.first { $0["scope"] as? String == "source" }, "no source failure in \(run.stdout.prefix(500))")
        let code = try #require((failure["code"] as? String).flatMap(SourceError.Code.init(rawValue:)))
        #expect(fault.expected.contains(code), "\(failure)")
        let cause = try #require(failure["message"] as? String)
        #expect(run.stdout.occurrences(of: cause) == 1, "the cause is reported more than once")
        let results = try #require(json["results"] as? [[String: Any]])
        let errors = results.filter { $0["status"] as? String == "ERROR" }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { ($0["failure"] as? [String: Any])?["id"] as? String == "source" })
        #expect(Set(errors.compactMap { $0["message"] as? String }).count == 1)
        #expect(errors.allSatisfy { ($0["message"] as? String)?.hasPrefix("source unavailable: ") == true })
        for driverText in ["PSQLError", "SingleConnectionFailure", "Connection errors", "PostgreSQL client error"] {
            #expect(!run.stdout.contains(driverText), "a driver's internal text in the report: \(driverText)")
        }
    }

    @Test("through the library: a restart mid-run is one source failure; each check it stopped says so briefly")
    func libraryRestart() async throws {
        try await FaultCluster.start()
        defer { FaultCluster.stop() }
        let suite = try SuiteLoader(environment: [:]).parse(FaultCluster.suite(), file: "faults.yml")
        let source = try PostgresSource(url: FaultCluster.url)
        async let injected = Self.inflictWhenActive(.restart)
        let finished = await bounded(seconds: 90) { await RunEngine(source: source).run(suite) }
        #expect(try await injected)
        let result = try #require(finished, "the run hung after a restart")
        let failure = try #require(result.sourceFailure)
        #expect(failure.code == .connectionLost, "\(failure)")
        #expect(failure.message.contains("shut down or restarted during the run"), "\(failure.message)")
        let errors = result.results.filter { $0.status == .error }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.failure?.code == .connectionLost })
        #expect(Set(errors.map(\.message)) == ["source unavailable: connection lost (cause reported once for the run)"])
        #expect(result.exitCode == 3)
        let text = TextReport().render(result)
        #expect(text.occurrences(of: failure.message) == 1)
        #expect(text.contains("source unavailable: \(failure.message)"))
        // The server is back, and the same source runs again from a clean state.
        let again = try #require(await bounded(seconds: 90) { await RunEngine(source: source).run(suite) })
        #expect(again.sourceFailure == nil)
        #expect(again.count(.error) == 0, "\(again.results.filter { $0.status == .error }.map(\.message))")
    }

    @Test("a closed port with eight tables: the run ends at once with one cause, in the library and the binary")
    func closedPort() async throws {
        let url = "postgres://assay:assay@127.0.0.1:1/assay_test?sslmode=disable&connect_timeout=2s"
        let suite = try SuiteLoader(environment: [:]).parse(FaultCluster.suite(), file: "faults.yml")
        let source = try PostgresSource(url: url)
        let result = try #require(await bounded(seconds: 30) { await RunEngine(source: source).run(suite) })
        let failure = try #require(result.sourceFailure)
        #expect(failure.code == .unreachable)
        #expect(failure.message == "cannot connect to PostgreSQL at 127.0.0.1:1: connection refused", "\(failure.message)")
        #expect(result.results.count == 24)
        #expect(result.results.allSatisfy { $0.status == .error && $0.failure?.code == .unreachable })
        #expect(Set(result.results.map(\.message)) == ["source unavailable: cannot connect (cause reported once for the run)"])
        #expect(TextReport().render(result).occurrences(of: "connection refused") == 1)
        #expect(JSONReport().render(result).occurrences(of: "connection refused") == 1)

        let config = try Self.writeSuite(FaultCluster.suite(source: url))
        defer { try? FileManager.default.removeItem(atPath: config) }
        let run = try await BoundedAssay.run(["check", "--no-store", "--config", config], limit: 30)
        #expect(!run.killed)
        #expect(run.status == 3)
        #expect(run.stdout.occurrences(of: "connection refused") == 1, "\(run.stdout)")
    }

    @Test("a server that accepts the connection and never answers: the run ends at the connect timeout")
    func silentServer() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let url = "postgres://assay:assay@127.0.0.1:\(listener.port)/assay_test?sslmode=disable&connect_timeout=1s"
        let suite = try SuiteLoader(environment: [:]).parse(FaultCluster.suite(), file: "faults.yml")
        let source = try PostgresSource(url: url)
        let result = try #require(await bounded(seconds: 30) { await RunEngine(source: source).run(suite) })
        let failure = try #require(result.sourceFailure)
        #expect(failure.code == .unreachable)
        #expect(failure.message.contains("no answer within the connect timeout of 1s"), "\(failure.message)")
        #expect(result.results.allSatisfy { $0.failure?.code == .unreachable })
    }

    @Test func suiteLimitsApplyWhereTheURLSetsNone() throws {
        let limits = RunLimits(statementTimeout: TimeSpan(seconds: 42), connectTimeout: TimeSpan(seconds: 3))
        let fromSuite = try PostgresURL("postgres://a@localhost/db", limits: limits)
        #expect(fromSuite.statementTimeout == TimeSpan(seconds: 42))
        #expect(fromSuite.connectTimeout == TimeSpan(seconds: 3))
        let fromURL = try PostgresURL("postgres://a@localhost/db?statement_timeout=5s", limits: limits)
        #expect(fromURL.statementTimeout == TimeSpan(seconds: 5))
        #expect(try PostgresURL("postgres://a@localhost/db").statementTimeout == RunLimits.defaultStatementTimeout)
        // Bare numbers as PostgreSQL and libpq read them: statement_timeout in milliseconds, connect_timeout in seconds.
        let bare = try PostgresURL("postgres://a@localhost/db?statement_timeout=1500&connect_timeout=2")
        #expect(bare.statementTimeout == TimeSpan(seconds: 1.5) && bare.connectTimeout == TimeSpan(seconds: 2))
    }

    static func inflictWhenActive(_ fault: Fault) async throws -> Bool {
        guard try await FaultCluster.waitForActiveStatement() else { return false }
        FaultCluster.inflict(fault)
        return true
    }

    static func writeSuite(_ yaml: String) throws -> String {
        let path = NSTemporaryDirectory() + "assay-faults-" + UUID().uuidString + ".yml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Runs `body`, giving up after `seconds` (`nil`): a run that hangs fails its test instead of the test process.
/// The body runs in a task of its own because a hung body cannot be awaited.
func bounded<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async -> T) async -> T? {
    await withCheckedContinuation { continuation in
        let once = ResumeOnce(continuation)
        Task { once.resume(await body()) }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            once.resume(nil)
        }
    }
}

/// A continuation resumed by whichever of two tasks comes first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T?, Never>?>
    init(_ continuation: CheckedContinuation<T?, Never>) { self.continuation = Mutex(continuation) }
    func resume(_ value: T?) { continuation.withLock { $0?.resume(returning: value); $0 = nil } }
}

/// A TCP port that accepts connections (the kernel completes the handshake) and never sends a byte.
final class SilentListener: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(fd, 64) == 0, "cannot listen")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
