import Foundation

/// Measures the trends of a suite's tables against a source: one catalogue read, then ONE grouped statement per
/// table with a time column. "Now" is the clock's.
public struct TrendRunner: Sendable {
    public var source: any DataSource
    public var clock: any RunClock
    /// Days the trend covers, today included.
    public var days: Int
    public var bucket: TrendBucket
    /// The time column of every table that has a column of this name; other tables use their window's column.
    public var timeColumn: String?
    /// Tables measured at once.
    public var maxConcurrentTables = 8

    public init(source: any DataSource, clock: any RunClock = WallClock(), days: Int = 30, bucket: TrendBucket = .day,
                timeColumn: String? = nil) {
        self.source = source
        self.clock = clock
        self.days = days
        self.bucket = bucket
        self.timeColumn = timeColumn
    }

    /// The trend of each table of `suite`, in the suite's order; up to `maxConcurrentTables` statements run at once
    /// (as a check run's scans do).
    /// - Throws: ``SourceError`` when the catalogue cannot be read; a table whose statement fails has that failure as
    ///   its ``TrendResult/problem``.
    public func run(_ suite: Suite) async throws(SourceError) -> [TrendResult] {
        let planner = TrendPlanner(dialect: source.dialect, now: CivilDateTime(clock.now()), days: days, bucket: bucket,
                                   timeColumn: timeColumn)
        let source = self.source, width = max(1, maxConcurrentTables)
        let outcome: Result<[TrendResult], SourceError> = await source.open {
            let schemas: [String: TableSchema]
            do throws(SourceError) {
                schemas = try await source.schemas(of: Self.tablesRead(by: suite))
            } catch {
                return .failure(error)
            }
            let plans = suite.tables.map { planner.plan($0, schemas: schemas) }
            var results: [TrendResult?] = Array(repeating: nil, count: plans.count)
            await withTaskGroup(of: (Int, TrendResult).self) { group in
                var next = 0
                func start() {
                    guard next < plans.count else { return }
                    let index = next, plan = plans[index]
                    next += 1
                    group.addTask { (index, await Self.measure(plan, source: source)) }
                }
                for _ in 0..<min(width, plans.count) { start() }
                while let (index, result) = await group.next() {
                    results[index] = result
                    start()
                }
            }
            return .success(results.compactMap { $0 })
        }
        return try outcome.get()
    }

    /// Every table the suite's checks read: their own and those referential checks point at.
    private static func tablesRead(by suite: Suite) -> [String] {
        var names: [String] = []
        for table in suite.tables {
            names.append(table.name)
            for check in table.checks {
                if case .references(_, let parent, _) = check.kind { names.append(parent) }
            }
        }
        return names.uniqued()
    }

    /// Runs a plan's statement and reads its rows into a trend with every bucket of the calendar (no points when the
    /// table has no statement or it failed).
    package static func measure(_ plan: TrendPlan, source: any DataSource) async -> TrendResult {
        var result = TrendResult(table: plan.table, timeColumn: plan.timeColumn, bucket: plan.bucket, from: plan.from, to: plan.to,
                                 points: [], undatedRows: 0, checks: plan.trended.map { TrendedCheck(key: $0.key, check: $0.check) },
                                 notTrended: plan.notTrended, problem: plan.problem)
        guard let statement = plan.statement else { return result }
        var counted: [String: [SQLValue]] = [:]
        do throws(SourceError) {
            for row in try await source.fetchAll(statement, limit: plan.calendar.count + 2) {
                guard let first = row.first else { continue }
                guard !first.isNull, let label = plan.bucket.label(fromDatabase: first.description) else {
                    result.undatedRows += row.count > 1 ? row[1].int ?? 0 : 0
                    continue
                }
                counted[label] = row
            }
        } catch {
            // A failed statement leaves the trend without points: zeros would read as a clean table.
            result.problem = "the trend statement failed: " + error.message
            return result
        }
        result.points = plan.calendar.map { label in
            let row = counted[label]
            func count(_ column: Int) -> Int { row.flatMap { $0.indices.contains(column) ? $0[column].int : nil } ?? 0 }
            let rows = count(1)
            return TrendPoint(start: label, rows: rows, checks: plan.trended.map { check in
                CheckPoint(key: check.key, rows: check.rowsColumn.map(count) ?? rows, violations: count(check.violationsColumn))
            })
        }
        return result
    }
}
