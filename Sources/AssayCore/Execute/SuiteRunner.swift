import Foundation

/// Options for one run.
public struct RunOptions: Sendable {
    /// Fetch failing-row samples for checks that warn or fail.
    public var samples: Bool
    public var sampleLimit: Int
    /// Show personal data in samples unmasked.
    public var showPII: Bool
    /// Also fetch the violating rows of checks whose violations are within their limits (as GX lists them).
    public var samplesWithinLimits: Bool

    public init(samples: Bool = true, sampleLimit: Int = 5, showPII: Bool = false, samplesWithinLimits: Bool = false) {
        self.samples = samples
        self.sampleLimit = sampleLimit
        self.showPII = showPII
        self.samplesWithinLimits = samplesWithinLimits
    }
}

/// Runs a suite against a source: catalogue → plan → execute → evaluate, one table per task.
///
/// ```swift
/// let result = await SuiteRunner(source: source).run(suite)
/// print(result.exitCode)
/// ```
public struct SuiteRunner: Sendable {
    public var source: any DataSource
    public var now: CivilDateTime
    public var options: RunOptions

    public init(source: any DataSource, now: CivilDateTime = .now(), options: RunOptions = RunOptions()) {
        self.source = source
        self.now = now
        self.options = options
    }

    var planner: Planner { Planner(dialect: source.dialect, now: now, sampleLimit: options.sampleLimit) }

    /// Reads the catalogue of every table the suite names and plans every table.
    public func plan(_ suite: Suite) async -> [TablePlan] {
        await source.open { await planOpen(suite) }
    }

    private func planOpen(_ suite: Suite) async -> [TablePlan] {
        let catalogue = await schemas(for: suite)
        return suite.tables.map { table in
            if let failure = catalogue.failures[table.name] {
                return TablePlan(table: table.name, queries: [],
                                 checks: table.checks.map { PlannedCheck(check: $0, measure: .invalid(failure), sample: nil, sampleColumns: []) },
                                 maskedColumns: [], tableError: failure)
            }
            return planner.plan(table, schemas: catalogue.schemas)
        }
    }

    /// Runs the whole suite. Never throws: anything that goes wrong becomes an ERROR result naming the cause.
    public func run(_ suite: Suite) async -> SuiteResult {
        await source.open { await runOpen(suite) }
    }

    private func runOpen(_ suite: Suite) async -> SuiteResult {
        let clock = ContinuousClock()
        let started = clock.now
        let plans = await planOpen(suite)
        let perTable = await withTaskGroup(of: (Int, [CheckResult]).self) { group in
            for (index, plan) in plans.enumerated() {
                group.addTask { (index, await execute(plan)) }
            }
            var collected: [Int: [CheckResult]] = [:]
            for await (index, results) in group { collected[index] = results }
            return collected
        }
        let results = plans.indices.flatMap { perTable[$0] ?? [] }
        let scorecards = plans.map { plan in
            Scorecard(table: plan.table, results: results.filter { $0.table == plan.table }, weights: suite.scoring)
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return SuiteResult(suite: suite.name, source: source.displayName, startedAt: now.description,
                           durationSeconds: seconds, results: results, scorecards: scorecards, notices: suite.notices)
    }

    /// Executes one table's statements, evaluates its checks and fetches samples for those that failed.
    public func execute(_ plan: TablePlan) async -> [CheckResult] {
        var outcome = QueryResults()
        for (index, query) in plan.queries.enumerated() {
            do {
                if query.returnsRows {
                    outcome.lists[index] = try await source.fetchAll(query.sql, limit: Planner.valueLimit)
                } else {
                    outcome.rows[index] = try await source.fetchOne(query.sql)
                }
            } catch {
                outcome.failures[index] = error.message
            }
        }
        let evaluator = Evaluator(now: now)
        var results: [CheckResult] = []
        for planned in plan.checks {
            var result = evaluator.evaluate(planned, table: plan.table, results: outcome)
            let failing = (result.status == .fail || result.status == .warn || options.samplesWithinLimits) && (result.violations ?? 0) > 0
            if !options.samples || !failing {
                result.sample = nil
            } else if result.sample == nil, let sample = planned.sample {
                do {
                    let rows = try await source.fetchAll(sample, limit: options.sampleLimit)
                    result.sample = SampleRows(columns: planned.sampleColumns, values: rows)
                } catch {
                    result.message += " (failing rows unavailable: \(error.message))"
                }
            }
            if let sample = result.sample, !options.showPII {
                result.sample = sample.masking(plan.maskedColumns)
            }
            results.append(result)
        }
        return results
    }

    private func schemas(for suite: Suite) async -> (schemas: [String: TableSchema], failures: [String: String]) {
        var names = suite.tables.map(\.name)
        for table in suite.tables {
            for check in table.checks {
                if case .references(_, let parent, _) = check.kind { names.append(parent) }
            }
        }
        if let all = try? await source.schemas(of: names.uniqued()) { return (all, [:]) }
        // One table's catalogue failed: ask table by table so the others still run.
        var schemas: [String: TableSchema] = [:]
        var failures: [String: String] = [:]
        for name in names.uniqued() {
            do {
                if let schema = try await source.schema(of: name) { schemas[name] = schema }
            } catch {
                failures[name] = "could not read the columns of '\(name)': \(error.message)"
            }
        }
        return (schemas, failures)
    }
}

extension CivilDateTime {
    /// The current instant in UTC, to the millisecond.
    public static func now() -> CivilDateTime {
        CivilDateTime(epochSeconds: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
