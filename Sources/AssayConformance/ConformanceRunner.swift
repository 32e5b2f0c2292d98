import Assay
import Foundation

/// Runs GX conformance cases through Assay on one backend: each case's data becomes a table, its expectation
/// is read as a one-expectation GX suite (the path `assay check --config suite.json` takes), all cases run as
/// one suite, and every answer is compared with GX's.
public struct ConformanceRunner: Sendable {
    public var backend: Backend
    /// The server for `postgresql` (a role that may create tables).
    public var postgresURL: String?
    /// Where the SQLite file of the cases is written.
    public var directory: String

    public init(backend: Backend, postgresURL: String? = nil, directory: String = NSTemporaryDirectory()) {
        self.backend = backend
        self.postgresURL = postgresURL
        self.directory = directory
    }

    /// Runs every case that belongs to the backend and reports each outcome.
    public func run(_ cases: [ConformanceCase]) async throws(ConformanceError) -> ConformanceReport {
        var outcomes: [CaseOutcome] = []
        var runnable: [(ConformanceCase, CaseOutcome.Group, String, Result<Suite, ConfigError>)] = []
        for (index, c) in cases.enumerated() {
            guard let group = group(of: c) else { continue }
            if let reason = Self.skipReason(c) {
                outcomes.append(CaseOutcome(case: c, group: group, outcome: .skipped, reason: reason))
                continue
            }
            let table = "gx_case_\(index + 1)"
            let suite = Result { () throws(ConfigError) -> Suite in
                try SuiteLoader(environment: [:]).parse(c.suiteJSON, file: c.id + ".json", table: table)
            }
            runnable.append((c, group, table, suite))
        }
        let tables = runnable.map { CaseTable($0.0, name: $0.2, backend: backend) }
        let suites = runnable.compactMap { try? $0.3.get() }
        let merged = Suite(name: "conformance", tables: suites.flatMap(\.tables))
        let results = try await execute(merged, tables: tables)
        let gx = GXReport()
        for (c, group, table, suite) in runnable {
            let comparison = Comparison(rtol: c.tolerance ?? 1e-7)
            switch suite {
            case .failure(let error):
                let agree = c.expected.raises
                outcomes.append(CaseOutcome(case: c, group: group, outcome: agree ? .agree : .disagree,
                                            reason: (agree ? "both reject the arguments: " : "Assay rejects the suite: ") + error.description))
            case .success:
                guard let result = results[table] else {
                    outcomes.append(CaseOutcome(case: c, group: group, outcome: .disagree, reason: "no result"))
                    continue
                }
                let answer = gx.result(result)
                if c.expected.raises {
                    let agree = answer.exception != nil
                    outcomes.append(CaseOutcome(case: c, group: group, outcome: agree ? .agree : .disagree,
                                                reason: agree ? "both raise: \(answer.exception!)" : "GX raises, Assay answers success \(answer.success)"))
                } else if let difference = comparison.difference(expected: c.expected, actual: answer) {
                    outcomes.append(CaseOutcome(case: c, group: group, outcome: .disagree, reason: difference))
                } else {
                    outcomes.append(CaseOutcome(case: c, group: group, outcome: .agree, reason: ""))
                }
            }
        }
        return ConformanceReport(backend: backend, outcomes: outcomes)
    }

    /// Materialises the tables and runs the suite through the library's entry point; results by table.
    private func execute(_ suite: Suite, tables: [CaseTable]) async throws(ConformanceError) -> [String: CheckResult] {
        let options = RunOptions(samples: true, sampleLimit: 10_000, showPII: true, samplesWithinLimits: true)
        let run: SuiteResult
        switch backend {
        case .sqlite:
            // One file per run (a UUID): runs in one process, as tests run them, must not share it.
            let path = (directory as NSString).appendingPathComponent("assay-conformance-\(UUID().uuidString).db")
            try SQLiteCaseStore(path: path).write(tables)
            defer { try? FileManager.default.removeItem(atPath: path) }
            run = try await check(suite, source: "sqlite:" + path, options: options)
        case .postgresql:
            guard let text = postgresURL else { throw ConformanceError(.invalidURL, "--backend postgresql needs --url postgres://...") }
            let url: PostgresURL
            do {
                url = try PostgresURL(text)
            } catch {
                throw ConformanceError(.invalidURL, error.message)
            }
            let store = PostgresCaseStore(url: url)
            try await store.write(tables)
            let outcome: Result<SuiteResult, ConformanceError>
            do {
                outcome = .success(try await check(suite, source: text, options: options))
            } catch {
                outcome = .failure(error)
            }
            await store.drop(tables.map(\.name))
            run = try outcome.get()
        }
        return Dictionary(run.results.map { ($0.table, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func check(_ suite: Suite, source: String, options: RunOptions) async throws(ConformanceError) -> SuiteResult {
        do {
            return try await Assay.check(CheckRequest(config: .suite(suite), source: source, options: options)).result
        } catch {
            throw ConformanceError(.runFailed, "cannot run the cases on \(SourceURL.redacted(source)): \(error.description)")
        }
    }

    /// Which group a case belongs to on this backend, or `nil` when it is for other backends only.
    func group(of c: ConformanceCase) -> CaseOutcome.Group? {
        if c.gxRunsOn.contains(backend.rawValue) { return .gxRan }
        let neverOnSQL: Set<String> = [
            "expect_column_values_to_be_increasing", "expect_column_values_to_be_decreasing",
            "expect_column_values_to_match_strftime_format", "expect_column_values_to_match_regex",
            "expect_column_values_to_not_match_regex",
        ]
        return neverOnSQL.contains(c.expectation) && c.gxRunsOn.contains("pandas") ? .gxNeverRan : nil
    }

    /// The documented reasons a case is not run.
    static func skipReason(_ c: ConformanceCase) -> String? {
        if c.legacy { return "legacy: describes GX 0.18 behaviour" }
        if c.flags.contains("row_condition") { return "pandas-only condition (row_condition for the pandas parser)" }
        if c.flags.contains("kwarg_removed_in_gx_1x") { return "argument removed in GX 1.x" }
        return nil
    }
}
