import AssayTestSupport
import Assay
import Foundation
import Logging
import Synchronization
import Testing

/// A password or a webhook's secret path never shows: not in `print`, `dump` or `String(reflecting:)` of the values
/// that hold one, not in a run's result, events, logs or reports, not in the command line's errors.
@Suite("No secret in descriptions, results, logs and errors")
struct SecretLeakTests {
    static let secret = "Kx7pSecretCanary"
    static let url = "postgres://app:\(secret)@db.example:5433/bank?sslmode=disable"

    func expectNoSecret(_ texts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for text in texts { #expect(!text.contains(Self.secret), "\(text)", sourceLocation: sourceLocation) }
    }

    /// Every way Swift prints a value.
    func printed(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    /// An embedder's source: a real SQLite source that names itself by the connection string of the service around
    /// it, password included.
    struct NamedSource: DataSource {
        let base: SQLiteSource
        let displayName: String
        var dialect: any SQLDialect { base.dialect }
        func schema(of table: String) async throws(SourceError) -> TableSchema? { try await base.schema(of: table) }
        func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue] { try await base.fetchOne(sql) }
        func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]] {
            try await base.fetchAll(sql, limit: limit)
        }
        func schemas(of tables: [String]) async throws(SourceError) -> [String: TableSchema] { try await base.schemas(of: tables) }
        func schemaVersion(of tables: [String]) async throws(SourceError) -> String? { try await base.schemaVersion(of: tables) }
        func open<T: Sendable>(_ body: @Sendable () async -> T) async -> T { await base.open(body) }
    }

    /// An embedder's source whose statements fail with an error quoting its connection string.
    struct FailingSource: DataSource {
        let base: SQLiteSource
        let sourceWide: Bool
        var dialect: any SQLDialect { base.dialect }
        var displayName: String { "bank" }
        func schema(of table: String) async throws(SourceError) -> TableSchema? { try await base.schema(of: table) }
        func fetchOne(_ sql: SQLFragment) async throws(SourceError) -> [SQLValue] {
            throw SourceError(sourceWide ? .connectionLost : .sql, "statement failed on \(SecretLeakTests.url): bad")
        }
        func fetchAll(_ sql: SQLFragment, limit: Int) async throws(SourceError) -> [[SQLValue]] {
            throw SourceError(.sql, "fetch failed on \(SecretLeakTests.url)")
        }
    }

    @Test(arguments: [false, true])
    func anEmbeddersErrorMessageLosesItsPassword(sourceWide: Bool) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);")
        let suite = try SuiteLoader(environment: [:]).parse("tables:\n  t:\n    checks:\n      - not_null: x\n", file: "t.yml")
        let lines = Lines()
        let logger = Logger(label: "test") { _ in CapturingHandler(lines: lines) }
        let source = FailingSource(base: try SQLiteSource(path: dir.file("t.db")), sourceWide: sourceWide)
        let result = await RunEngine(source: source, logger: logger).run(suite)
        #expect(result.results.map(\.status) == [.error])
        #expect(result.failures.first?.message.contains("app:***@db.example") == true, "\(result.failures)")
        expectNoSecret([JSONReport().render(result), TextReport().render(result)] + lines.lines.withLock { $0 })
    }

    /// Keeps what a run tells its observer.
    final class Events: RunObserver {
        let texts = Mutex<[String]>([])
        func runStarted(_ run: RunInfo) async { texts.withLock { $0.append("\(run) \(run.source)") } }
        func tableFinished(_ table: TableResult, of run: RunInfo) async { texts.withLock { $0.append("\(run.source)") } }
        func runFinished(_ result: SuiteResult) async { texts.withLock { $0.append(result.source) } }
    }

    /// Keeps every log line with its metadata.
    struct CapturingHandler: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, b in b }
            lines.lines.withLock { $0.append("\(event.message) \(all)") }
        }
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func aSuitePrintsWithoutThePasswordOfItsSource() throws {
        let webhook = WebhookURL("https://hooks.slack.com/services/T000/B000/\(Self.secret)")
        let suite = Suite(name: "bank", source: Self.url, tables: [TableSpec(name: "accounts", checks: [])],
                          alerting: AlertingSettings(slackWebhook: webhook))
        let prepared = PreparedSuite(suite)
        let request = CheckRequest(config: .suite(suite), source: Self.url)
        expectNoSecret(printed(suite) + printed(prepared) + printed(request) + printed([suite]))
        let dumped = printed(suite)[3]
        #expect(dumped.contains("postgres://app:***@db.example:5433/bank"), "\(dumped)")
        #expect(dumped.contains("accounts") && dumped.contains("hooks.slack.com"), "\(dumped)")
        #expect(suite.source == Self.url)
    }

    @Test func aWebhookPrintsAsSchemeAndHostInEveryContainer() {
        let webhook = WebhookURL("https://hooks.slack.com/services/T000/B000/\(Self.secret)")
        let alerting = AlertingSettings(emailRecipients: ["ops@example.com"], slackWebhook: webhook)
        expectNoSecret(printed(webhook) + printed(alerting) + printed(Optional(webhook) as Any)
                       + [webhook.debugDescription, "\(Mirror(reflecting: webhook).children.map { "\($0.value)" })"])
        #expect(webhook.debugDescription == "WebhookURL(https://hooks.slack.com/…)")
        #expect(printed(alerting)[3].contains("ops@example.com"))
        #expect(webhook.url.hasSuffix(Self.secret))
    }

    @Test func aPostgreSQLSourceAndTheEngineAroundItPrintWithoutThePassword() throws {
        let source = try PostgresSource(url: Self.url)
        let engine = RunEngine(source: source)
        let dumped = printed(source)[3]
        expectNoSecret(printed(source) + printed(engine) + printed(source as any DataSource))
        #expect(dumped.contains("app:***@db.example:5433/bank") || dumped.contains("***"), "\(dumped)")
        #expect(source.url.password == Self.secret)
    }

    @Test func anEmbeddersSourceNameLosesItsPasswordInResultsEventsLogsAndReports() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (NULL);")
        let suite = try SuiteLoader(environment: [:]).parse("""
            tables:
              t:
                checks:
                  - not_null: x
            """, file: "test.yml")
        let source = NamedSource(base: try SQLiteSource(path: dir.file("t.db")), displayName: Self.url)
        let lines = Lines()
        let logger = Logger(label: "test") { _ in CapturingHandler(lines: lines) }
        let events = Events()
        let engine = RunEngine(source: source, clock: FixedClock(fixedNow), logger: logger)
        let result = await engine.run(suite, context: RunContext(observer: events))
        #expect(result.results.map(\.status) == [.fail])
        #expect(result.source == "postgres://app:***@db.example:5433/bank?sslmode=disable")
        let logged = lines.lines.withLock { $0 }
        #expect(logged.contains { $0.contains("app:***@db.example") }, "\(logged)")
        let reports = [TextReport(useColor: false).render(result), JSONReport().render(result), JUnitReport().render(result),
                       GXReport().render(result)]
        expectNoSecret([result.source] + events.texts.withLock { $0 } + logged + reports + printed(result))
    }

    @Test(arguments: [["--param", "\(secret)"], ["--param", "=\(secret)"]])
    func aMalformedParameterIsNotEchoed(_ parameter: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(x INTEGER);")
        try #"{"expectations": []}"#.write(toFile: dir.file("s.json"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", dir.file("s.json"), "--table", "t", "--source",
                                           "sqlite:" + dir.file("t.db")] + parameter)
        #expect(output.status == 3)
        #expect(output.stderr.contains("NAME=VALUE"), "\(output.stderr)")
        expectNoSecret([output.stdout, output.stderr])
    }

    @Test(arguments: [["check", "--config", "s.yml", url], [url]])
    func aMistypedCommandLineDoesNotEchoAPassword(_ arguments: [String]) throws {
        let output = try AssayProcess.run(arguments)
        #expect(output.status == 3, "\(output.stderr)")
        #expect(output.stderr.contains("postgres://app:***@db.example:5433/bank"), "\(output.stderr)")
        expectNoSecret([output.stdout, output.stderr])
    }

    @Test func aParameterValueThatIsNeitherNumberNorDateIsNotEchoed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try makeDatabase(at: dir.file("t.db"), "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);")
        try #"{"expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_value": {"$PARAMETER": "low + 1"}, "max_value": 9}}]}"#
            .write(toFile: dir.file("s.json"), atomically: true, encoding: .utf8)
        let output = try AssayProcess.run(["check", "--config", dir.file("s.json"), "--table", "t", "--source",
                                           "sqlite:" + dir.file("t.db"), "--param", "low=\(Self.secret)"])
        #expect(output.status == 3)
        #expect(output.stderr.contains("parameter low is neither a number nor a date"), "\(output.stderr)")
        expectNoSecret([output.stdout, output.stderr])
    }
}
