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
        plan(suite, catalogue: await schemas(for: suite, latch: SourceFailureLatch()))
    }

    private func plan(_ suite: Suite, catalogue: Catalogue) -> [TablePlan] {
        suite.tables.map { table in
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
        let latch = SourceFailureLatch()
        let catalogue = await schemas(for: suite, latch: latch)
        let plans = plan(suite, catalogue: catalogue)
        let perTable = await withTaskGroup(of: (Int, [CheckResult]).self) { group in
            for (index, plan) in plans.enumerated() {
                group.addTask { (index, await execute(plan, latch: latch)) }
            }
            var collected: [Int: [CheckResult]] = [:]
            for await (index, results) in group { collected[index] = results }
            return collected
        }
        var results = plans.indices.flatMap { perTable[$0] ?? [] }
        if let failure = latch.failure {
            // Tables whose columns could not be read because of it say so briefly too.
            for i in results.indices where results[i].status == .error && catalogue.stopped.contains(results[i].table) {
                results[i].errorCode = failure.code
                results[i].message = SourceFailureLatch.message(for: failure)
            }
        }
        let scorecards = plans.map { plan in
            Scorecard(table: plan.table, results: results.filter { $0.table == plan.table }, weights: suite.scoring)
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return SuiteResult(suite: suite.name, source: source.displayName, startedAt: now.description,
                           durationSeconds: seconds, results: results, scorecards: scorecards, sourceFailure: latch.failure,
                           notices: suite.notices)
    }

    /// Executes one table's statements, evaluates its checks and fetches samples for those that failed.
    public func execute(_ plan: TablePlan) async -> [CheckResult] {
        await execute(plan, latch: SourceFailureLatch())
    }

    /// As ``execute(_:)``; once any table meets a source-wide failure, the remaining statements are not sent and
    /// the checks they served are ERROR with the failure's code.
    func execute(_ plan: TablePlan, latch: SourceFailureLatch) async -> [CheckResult] {
        var outcome = QueryResults()
        var stoppedBy: SourceError?
        for (index, query) in plan.queries.enumerated() {
            if let failure = latch.failure {
                stoppedBy = failure
                outcome.failures[index] = SourceFailureLatch.message(for: failure)
                continue
            }
            do {
                if query.returnsRows {
                    outcome.lists[index] = try await source.fetchAll(query.sql, limit: Planner.valueLimit)
                } else {
                    outcome.rows[index] = try await source.fetchOne(query.sql)
                }
            } catch {
                if let failure = latch.record(error) {
                    stoppedBy = failure
                    outcome.failures[index] = SourceFailureLatch.message(for: failure)
                } else {
                    outcome.failures[index] = error.message
                }
            }
        }
        let evaluator = Evaluator(now: now, maskedColumns: options.showPII ? [] : plan.maskedColumns)
        var results: [CheckResult] = []
        for planned in plan.checks {
            var result = evaluator.evaluate(planned, table: plan.table, results: outcome)
            if let stoppedBy, result.status == .error, !Self.isInvalid(planned.measure) {
                result.errorCode = stoppedBy.code
                result.message = SourceFailureLatch.message(for: stoppedBy)
            }
            let failing = (result.status == .fail || result.status == .warn || options.samplesWithinLimits) && (result.violations ?? 0) > 0
            if !options.samples || !failing {
                result.sample = nil
            } else if result.sample == nil, let sample = planned.sample {
                do throws(SourceError) {
                    // A source that already failed is not asked again.
                    if let failure = latch.failure { throw failure }
                    let rows = try await source.fetchAll(sample, limit: options.sampleLimit)
                    result.sample = SampleRows(columns: planned.sampleColumns, values: rows)
                } catch {
                    let shown = latch.record(error).map { "source unavailable: \($0.summary)" } ?? error.message
                    result.message += " (failing rows unavailable: \(shown))"
                }
            }
            if let sample = result.sample, !options.showPII {
                result.sample = sample.masking(plan.maskedColumns)
            }
            results.append(result)
        }
        return results
    }

    private static func isInvalid(_ measure: Measure) -> Bool {
        if case .invalid = measure { return true }
        return false
    }

    /// The catalogue of a run: schemas found, why a table's could not be read, and the tables a source-wide
    /// failure stopped.
    struct Catalogue {
        var schemas: [String: TableSchema] = [:]
        var failures: [String: String] = [:]
        var stopped: Set<String> = []
    }

    private func schemas(for suite: Suite, latch: SourceFailureLatch) async -> Catalogue {
        var names = suite.tables.map(\.name)
        for table in suite.tables {
            for check in table.checks {
                if case .references(_, let parent, _) = check.kind { names.append(parent) }
            }
        }
        names = names.uniqued()
        var catalogue = Catalogue()
        do {
            catalogue.schemas = try await source.schemas(of: names)
            return catalogue
        } catch {
            if let failure = latch.record(error) {
                // The source cannot answer at all: no use asking table by table.
                for name in names { catalogue.failures[name] = "source unavailable: \(failure.message)" }
                catalogue.stopped = Set(names)
                return catalogue
            }
        }
        // One table's catalogue failed: ask table by table so the others still run.
        for name in names {
            if let failure = latch.failure {
                catalogue.failures[name] = "source unavailable: \(failure.message)"
                catalogue.stopped.insert(name)
                continue
            }
            do {
                if let schema = try await source.schema(of: name) { catalogue.schemas[name] = schema }
            } catch {
                if latch.record(error) != nil { catalogue.stopped.insert(name) }
                catalogue.failures[name] = "could not read the columns of '\(name)': \(error.message)"
            }
        }
        return catalogue
    }
}

extension CivilDateTime {
    /// The current instant in UTC, to the millisecond.
    public static func now() -> CivilDateTime {
        CivilDateTime(epochSeconds: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
