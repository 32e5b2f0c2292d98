import Assay
import Foundation
import Glibc
import Logging
import PostgresNIO

/// A PostgreSQL cluster of the fault tests' own — data in /tmp/assay-pg-faults, port 55433, started with
/// scripts/postgres.sh — so that stopping, killing or pausing it cannot disturb the shared test server that the
/// other PostgreSQL tests use at the same time. Started by each fault test and stopped when it ends.
enum FaultCluster {
    static let directory = "/tmp/assay-pg-faults"
    static let port = 55433
    static let url = "postgres://assay:assay@127.0.0.1:\(port)/assay_test?sslmode=disable&application_name=assay-fault"
    static let tables = (1...8).map { "fault_t\($0)" }

    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Starts the cluster (initialising it the first time) and creates the fault tables once.
    static func start() async throws {
        stop()  // a server an interrupted run left behind, perhaps with a process still stopped
        guard script("start") == 0 else { throw FaultClusterError(message: "scripts/postgres.sh start failed: see /tmp/assay-pg-faults.log") }
        var statements: [String] = []
        for table in tables {
            statements += [
                "CREATE TABLE IF NOT EXISTS \(table)(n integer, s text)",
                "INSERT INTO \(table) SELECT g, md5(g::text) FROM generate_series(1, 300000) g WHERE NOT EXISTS (SELECT 1 FROM \(table))",
            ]
        }
        try await execute(statements)
    }

    /// Stops the cluster; a server that does not shut down (a process left stopped) is ended at once.
    static func stop() {
        _ = shell("pid=$(head -n1 \(directory)/data/postmaster.pid 2>/dev/null) && kill -CONT $pid $(pgrep -P $pid) 2>/dev/null; true")
        guard script("stop") != 0 else { return }
        let ctl = "runuser -u postgres -- $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)/pg_ctl -D \(directory)/data"
        if shell("\(ctl) stop -m immediate -w -t 20") != 0 {
            _ = shell("pid=$(head -n1 \(directory)/data/postmaster.pid) && kill -9 $pid $(pgrep -P $pid); sleep 1; rm -f \(directory)/data/postmaster.pid")
        }
    }

    /// A suite of three checks on each fault table; the rule makes every scan take a while.
    static func suite(source: String? = nil) -> String {
        var yaml = source.map { "source: \"\($0)\"\n" } ?? ""
        yaml += "tables:\n"
        for table in tables {
            yaml += """
                  \(table):
                    checks:
                      - not_null: n
                      - rule: {violation: "s ~ '^(a|b|c)+[0-9]+(d|e)*$' OR CAST(n AS text) ~ '5.*5.*5.*9'"}
                      - unique: s

                """
        }
        return yaml
    }

    /// What can happen to a server during a run.
    enum Fault: String, CaseIterable, CustomStringConvertible, Sendable {
        case restart, stop, crash, kill, pause
        var description: String { rawValue }

        /// The failure code the run reports.
        var expected: Set<SourceError.Code> {
            switch self {
            case .pause: [.unresponsive]
            default: [.connectionLost, .unreachable]
            }
        }
    }

    /// Does `fault` to the running cluster. `pause` stops every server process (SIGSTOP) until ``resume()``.
    static func inflict(_ fault: Fault) {
        let ctl = "runuser -u postgres -- $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)/pg_ctl -D \(directory)/data"
        let pids = "$(head -n1 \(directory)/data/postmaster.pid) $(pgrep -P $(head -n1 \(directory)/data/postmaster.pid) | tr '\\n' ' ')"
        switch fault {
        case .restart: _ = shell("\(ctl) -l \(directory)/server.log restart -m fast -w")
        case .stop: _ = shell("\(ctl) stop -m fast -w")
        case .crash: _ = shell("\(ctl) stop -m immediate -w")
        case .kill: _ = shell("kill -9 $(pgrep -P $(head -n1 \(directory)/data/postmaster.pid) | tr '\\n' ' ')")
        // The processes are listed once: a child forked between listing them twice would stay stopped for good.
        case .pause: _ = shell("p=\"\(pids)\"; echo $p > \(directory)/paused && kill -STOP $p")
        }
    }

    /// Lets paused server processes run again.
    static func resume() { _ = shell("[ -f \(directory)/paused ] && kill -CONT $(cat \(directory)/paused); rm -f \(directory)/paused") }

    /// Waits until a scan of ours is running on the server (so the fault lands mid-statement), at most 30 s,
    /// polling every 10 ms on one connection.
    static func waitForActiveStatement() async throws -> Bool {
        let configuration = try PostgresURL("postgres://assay:assay@127.0.0.1:\(port)/assay_test?sslmode=disable").connectionConfiguration()
        let logger = Logger(label: "fault", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 8, logger: logger)
        // A table's scan, not the run's short catalogue or schema-version statements: a fault that lands between two
        // statements is absorbed by the pool reconnecting, and the test is about a fault in the middle of one.
        let sql = "SELECT count(*)::int FROM pg_stat_activity WHERE application_name = 'assay-fault' AND state = 'active' "
            + "AND query LIKE 'SELECT COUNT(*)%'"
        var seen = false
        do {
            for _ in 0..<3000 where !seen {
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                    seen = ((try? row.decode(Int.self)) ?? 0) > 0
                }
                if !seen { try await Task.sleep(for: .milliseconds(10)) }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return seen
    }

    static func execute(_ statements: [String]) async throws {
        for sql in statements { _ = try await query(sql) }
    }

    /// One statement on a direct connection as the test role.
    static func query(_ sql: String) async throws -> [[SQLValue]] {
        let configuration = try PostgresURL("postgres://assay:assay@127.0.0.1:\(port)/assay_test?sslmode=disable").connectionConfiguration()
        let logger = Logger(label: "fault", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 9, logger: logger)
        var values: [[SQLValue]] = []
        do {
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                values.append(row.map { cell in (try? cell.decode(Int.self)).map { .integer(Int64($0)) } ?? .null })
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return values
    }

    private static func script(_ command: String) -> Int32 {
        shell("ASSAY_PG_DIR=\(directory) ASSAY_PG_PORT=\(port) \(repository)/scripts/postgres.sh \(command) >/dev/null")
    }

    /// A shell command, bounded to 120 s; `system()` because the server inherits Foundation's `Process` pipes.
    private static func shell(_ command: String) -> Int32 {
        system("timeout 120 bash -c '" + command.replacingOccurrences(of: "'", with: "'\\''") + "' </dev/null >>/tmp/assay-pg-faults.log 2>&1")
    }
}

struct FaultClusterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The real `assay` executable, killed if it has not ended by a deadline (so a hang fails the test, not the run).
struct BoundedAssay {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    /// Seconds from the end of `during` (the fault) to the end of the run.
    var secondsAfterFault: Double
    var killed: Bool

    /// Starts the binary; `during` runs while it runs (to inflict a fault); then waits at most `limit` seconds.
    static func run(_ arguments: [String], limit: Double = 90,
                    during: () async throws -> Void = {}) async throws -> BoundedAssay {
        let dir = NSTemporaryDirectory() + "assay-bounded-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out", err = dir + "/err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FaultCluster.repository + "/.build/debug/assay")
        if let bundled = Self.nextToTests() { process.executableURL = bundled }
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        try await during()
        let faulted = clock.now
        var killed = false
        while process.isRunning {
            if clock.now - started > .seconds(limit) {
                kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let ended = clock.now
        func seconds(_ span: Duration) -> Double { Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18 }
        return BoundedAssay(status: process.terminationStatus,
                            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
                            seconds: seconds(ended - started), secondsAfterFault: seconds(ended - faulted), killed: killed)
    }

    private static func nextToTests() -> URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }
}

extension String {
    /// How many times `needle` occurs.
    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}
