import Assay
import Foundation
import Logging
import PostgresNIO

/// The real PostgreSQL server `scripts/test` starts (see scripts/postgres.sh), described by environment variables.
enum PostgresTestServer {
    static func url(_ name: String = "ASSAY_TEST_POSTGRES_URL") -> String {
        guard let url = ProcessInfo.processInfo.environment[name] else {
            fatalError("\(name) is not set: run the tests with scripts/test, which starts a local PostgreSQL")
        }
        return url + (url.contains("?") ? "&" : "?") + "sslmode=disable"
    }

    static var restartCommand: String {
        ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES_RESTART"] ?? ""
    }

    /// Runs SQL as the test role (read-write), for fixtures.
    static func execute(_ statements: [String]) async throws {
        let configuration = try PostgresURL(url()).connectionConfiguration()
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 7, logger: logger)
        do {
            for sql in statements { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// Runs a shell command line (the restart command), returning its exit status. `system()` rather than
    /// Foundation's `Process`, whose wait does not return while the restarted server inherits its descriptors.
    static func shell(_ command: String) -> Int32 {
        system("timeout 60 " + command + " </dev/null >/tmp/assay-test-restart.log 2>&1")
    }
}

func runSuite(_ yaml: String, source url: String, now: CivilDateTime = .now(), options: RunOptions = RunOptions()) async throws -> SuiteResult {
    let suite = try SuiteLoader(environment: [:]).parse(yaml, file: "test.yml")
    return await RunEngine(source: try PostgresSource(url: url), options: options, clock: FixedClock(now)).run(suite)
}

extension SuiteResult {
    func result(_ table: String, _ check: String) -> CheckResult? {
        results.first { $0.table == table && $0.check == check }
    }
}
