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
    static func values(suite: String, startedMs: Int64, card: Scorecard, rows: Int?) -> [(any DatabaseValueConvertible)?] {
        [suite, startedMs, card.table, card.score, rows, card.failed, card.warned, card.errors] + dimensions.map { card.dimensions[$0] }
    }

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
        let rows = rows(of: result.results)
        let started = Int64((result.startedAt.timeIntervalSince1970 * 1000).rounded())
        for card in result.scorecards {
            try statement.execute(arguments: StatementArguments([run] + values(suite: result.suite, startedMs: started, card: card, rows: rows[card.table])))
        }
    }

    /// Fills the table for runs recorded before it existed, from their stored scorecards and results.
    static func backfill(_ db: Database) throws {
        let statement = try db.makeStatement(sql: insertSQL)
        let runs = try Row.fetchAll(db, sql: "SELECT id, suite, started_at, scorecards FROM runs")
        for run in runs {
            let id: Int64 = run["id"]
            guard let started = InstantText.date(run["started_at"]) else { continue }
            let cards = try JSONDecoder().decode([Scorecard].self, from: Data((run["scorecards"] as String).utf8))
            var rows: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT checks.table_name, max(results.rows_checked) AS n FROM results JOIN checks ON checks.id = results.check_ref
                WHERE results.run = ? AND results.rows_checked IS NOT NULL GROUP BY checks.table_name
                """, arguments: [id]) {
                rows[row["table_name"]] = row["n"]
            }
            let ms = Int64((started.timeIntervalSince1970 * 1000).rounded())
            for card in cards {
                try statement.execute(arguments: StatementArguments([id] + values(suite: run["suite"], startedMs: ms, card: card, rows: rows[card.table])))
            }
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

    static func point(_ row: Row) -> ScorePoint {
        var byDimension: [String: Double] = [:]
        for name in dimensions {
            if let value = row["dim_\(name)"] as Double? { byDimension[name] = (value * 10).rounded() / 10 }
        }
        return ScorePoint(table: row["table_name"], at: Date(timeIntervalSince1970: Double(row["at"] as Int64) / 1000),
                          runs: row["runs"], score: ((row["score"] as Double) * 10).rounded() / 10, minimumScore: row["minimum"],
                          rows: row["rows"], failed: row["failed"], warned: row["warned"], errors: row["errors"],
                          dimensions: byDimension)
    }
}
