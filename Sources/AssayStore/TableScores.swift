import AssayCore
import Foundation
import GRDB

/// The `table_scores` rows of a run: each table's score, counts, rows and score per dimension, for score series.
struct TableScores {
    /// The dimensions with a column, in column order.
    static let dimensions = Dimension.allCases.map(\.rawValue)

    static let createSQL = """
        CREATE TABLE table_scores (
          run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          suite TEXT NOT NULL, started_ms INTEGER NOT NULL, table_name TEXT NOT NULL,
          score REAL NOT NULL, rows INTEGER, failed INTEGER NOT NULL, warned INTEGER NOT NULL, errors INTEGER NOT NULL,
          \(dimensions.map { "dim_\($0) REAL" }.joined(separator: ", ")),
          PRIMARY KEY (suite, started_ms, run, table_name)) WITHOUT ROWID;
        CREATE INDEX table_scores_by_run ON table_scores(run);
        CREATE INDEX table_scores_by_start ON table_scores(started_ms);
        """

    static let insertSQL = """
        INSERT INTO table_scores (run, suite, started_ms, table_name, score, rows, failed, warned, errors, \
        \(dimensions.map { "dim_\($0)" }.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: 9 + dimensions.count).joined(separator: ", ")))
        """

    /// The row values of one table's scorecard, in `insertSQL`'s order after `run`.
    static func values(suite: String, startedMs: Int64, card: Scorecard, rows: Int?) -> [StoreValue] {
        [.text(suite), .integer(startedMs), .text(card.table), .real(card.score), StoreValue(rows), StoreValue(card.failed),
         StoreValue(card.warned), StoreValue(card.errors)] + dimensions.map { StoreValue(card.dimensions[$0]) }
    }

    /// The rows of one run, in `insertSQL`'s order.
    static func rows(run: Int64, _ result: SuiteResult) -> [[StoreValue]] {
        let rows = rows(of: result.results)
        let started = storedMilliseconds(result.startedAt)
        return result.scorecards.map { card in [.integer(run)] + values(suite: result.suite, startedMs: started, card: card, rows: rows[card.table]) }
    }

    /// The rows of a run recorded before the table existed, from its `runs` row (`id, suite, started_at, scorecards`)
    /// and the most rows each table's checks examined (as `backfillRowsSQL` reads them).
    static func backfillRows(run: some StoreRow, rows: [String: Int]) throws -> [[StoreValue]] {
        let id = Int64(try run.integer(required: "id"))
        guard let started = InstantText.date(try run.text(required: "started_at")) else { return [] }
        let cards = try JSONDecoder().decode([Scorecard].self, from: Data(try run.text(required: "scorecards").utf8))
        let suite = try run.text(required: "suite")
        return cards.map { card in
            [.integer(id)] + values(suite: suite, startedMs: storedMilliseconds(started), card: card, rows: rows[card.table])
        }
    }

    static let backfillRunsSQL = "SELECT id, suite, started_at, scorecards FROM runs"
    static let backfillRowsSQL = """
        SELECT checks.table_name, max(results.rows_checked) AS n FROM results JOIN checks ON checks.id = results.check_ref
        WHERE results.run = ? AND results.rows_checked IS NOT NULL GROUP BY checks.table_name
        """

    /// The most rows any check of each table examined.
    static func rows(of results: [CheckResult]) -> [String: Int] {
        var rows: [String: Int] = [:]
        for result in results {
            guard let count = result.rowsChecked else { continue }
            rows[result.table] = max(rows[result.table] ?? 0, count)
        }
        return rows
    }

    static func insert(run: Int64, _ result: SuiteResult, into db: Database) throws {
        let statement = try db.makeStatement(sql: insertSQL)
        for values in rows(run: run, result) { try statement.execute(arguments: StatementArguments(values)) }
    }

    /// Fills the table for runs recorded before it existed, from their stored scorecards and results.
    static func backfill(_ db: Database) throws {
        let statement = try db.makeStatement(sql: insertSQL)
        for run in try Row.fetchAll(db, sql: backfillRunsSQL) {
            var rows: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: backfillRowsSQL, arguments: [run["id"] as Int64]) {
                rows[row["table_name"]] = row["n"]
            }
            for values in try backfillRows(run: run, rows: rows) { try statement.execute(arguments: StatementArguments(values)) }
        }
    }
}

extension TableScores {
    /// Score points since `?3` of suite `?1`/`?2` (any when NULL): one per run and table, or with `bucketSeconds` one
    /// per table and bucket (the start time divided down to the bucket's width) with means over its runs. The same
    /// text serves SQLite and PostgreSQL (integer division of `bigint`s).
    static func seriesSQL(bucketSeconds: Int?, placeholders: (String, String, String) = ("?", "?", "?")) -> String {
        let width = bucketSeconds.map { Int64(max(1, $0)) * 1000 }
        let at = width.map { "(started_ms / \($0)) * \($0)" } ?? "started_ms"
        let group = width == nil ? "table_name, run, started_ms" : "table_name, \(at)"
        let dims = dimensions.map { "avg(dim_\($0)) AS dim_\($0)" }.joined(separator: ", ")
        return """
            SELECT table_name, \(at) AS at, count(*) AS runs, avg(score) AS score, min(score) AS minimum, max(rows) AS rows,
                   sum(failed) AS failed, sum(warned) AS warned, sum(errors) AS errors, \(dims)
            FROM table_scores WHERE (\(placeholders.0) IS NULL OR suite = \(placeholders.1)) AND started_ms >= \(placeholders.2)
            GROUP BY \(group) ORDER BY at, table_name
            """
    }

    static func point(_ row: some StoreRow) throws -> ScorePoint {
        var byDimension: [String: Double] = [:]
        for name in dimensions {
            if let value = try row.real("dim_\(name)") { byDimension[name] = (value * 10).rounded() / 10 }
        }
        return ScorePoint(table: try row.text(required: "table_name"),
                          at: Date(timeIntervalSince1970: Double(try row.integer(required: "at")) / 1000),
                          runs: try row.integer(required: "runs"), score: (try row.real(required: "score") * 10).rounded() / 10,
                          minimumScore: try row.real(required: "minimum"), rows: try row.integer("rows"),
                          failed: try row.integer(required: "failed"), warned: try row.integer(required: "warned"),
                          errors: try row.integer(required: "errors"), dimensions: byDimension)
    }
}
