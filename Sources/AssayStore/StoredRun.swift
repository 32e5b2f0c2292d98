import AssayCore
import Foundation
import GRDB

/// A run as the store's rows: what is the same from run to run (a check's definition, a failing-row sample) is
/// written once and referred to; reading joins them back into exactly the result that was reported.
struct StoredRun {
    let result: SuiteResult
    private let header: [String]
    private let results: [Piece]

    /// A result's JSON-valued columns.
    private struct Piece {
        var columns, thresholds, metrics: String
        var origin, observedValue, observedValues, sample: String?
    }

    init(_ result: SuiteResult) throws {
        self.result = result
        header = [try Self.json(result.scorecards), try Self.json(result.notices)]
        results = try result.results.map { r in
            Piece(columns: try Self.json(r.columns), thresholds: try Self.json(r.thresholds), metrics: try Self.json(r.metrics),
                  origin: try r.origin.map(Self.json), observedValue: try r.observedValue.map(Self.json),
                  observedValues: try r.observedValues.map(Self.json), sample: try r.sample.map(Self.json))
        }
    }

    /// Writes the run unless a run with its id is already there.
    func insert(into db: Database) throws {
        let r = result
        guard try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE run_id = ?", arguments: [r.runID.rawValue]) == nil else { return }
        try db.execute(sql: """
            INSERT INTO runs (run_id, suite, source, started_at, finished_at, duration_seconds, status, exit_code, checks, failed,
                              warned, errors, assay_version, scorecards, notices)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.runID.rawValue, r.suite, r.source, InstantText.string(r.startedAt), InstantText.string(r.finishedAt),
                             r.durationSeconds, r.status.rawValue, Int(r.exitCode), r.results.count, r.count(.fail),
                             r.count(.warn), r.count(.error), r.assayVersion, header[0], header[1]])
        let run = db.lastInsertedRowID
        try TableScores.insert(run: run, r, into: db)
        let started = Int64((r.startedAt.timeIntervalSince1970 * 1000).rounded())
        let insert = try db.makeStatement(sql: """
            INSERT INTO results (run, position, check_ref, check_key, started_ms, status, rows_checked, values_checked, violations,
                                 violation_rate, observed, observed_value, observed_values, metrics, message, failure_id, sample)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, (check, piece)) in zip(r.results, results).enumerated() {
            let definition = try Self.definition(check, piece, in: db)
            let sample = try piece.sample.map { try Self.sample($0, in: db) }
            try insert.execute(arguments: [
                run, position, definition, check.key.rawValue, started, check.status.rawValue, check.rowsChecked,
                check.valuesChecked, check.violations, check.violationRate, check.observed.flatMap { $0.isFinite ? $0 : nil },
                piece.observedValue, piece.observedValues, piece.metrics, check.message, check.failure?.id, sample,
            ])
        }
        let failure = try db.makeStatement(sql: """
            INSERT INTO failures (run, position, failure_id, code, scope, table_name, message, checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, f) in r.failures.enumerated() {
            try failure.execute(arguments: [run, position, f.id, f.code.rawValue, f.scope.rawValue, f.table, f.message, f.checks])
        }
    }

    /// The id of the check's definition, written the first time this fingerprint is seen.
    private static func definition(_ r: CheckResult, _ piece: Piece, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM checks WHERE fingerprint = ?", arguments: [r.fingerprint.rawValue]) {
            return id
        }
        try db.execute(sql: """
            INSERT INTO checks (fingerprint, check_key, table_name, check_id, kind, columns, severity, dimension, thresholds, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.fingerprint.rawValue, r.key.rawValue, r.table, r.check, r.kind.rawValue, piece.columns,
                             r.severity.rawValue, r.dimension.rawValue, piece.thresholds, piece.origin])
        return db.lastInsertedRowID
    }

    /// The id of a sample with these rows, written the first time they are seen (by a digest, checked against the rows).
    private static func sample(_ rows: String, in db: Database) throws -> Int64 {
        var digest = StableHash.fnv1a(rows).hex
        while true {
            if let (id, stored) = try Row.fetchOne(db, sql: "SELECT id, rows FROM samples WHERE digest = ?", arguments: [digest])
                .map({ ($0[0] as Int64, $0[1] as String) }) {
                if stored == rows { return id }
                digest += "+"       // a different sample with the same digest: take the next free one
                continue
            }
            try db.execute(sql: "INSERT INTO samples (digest, rows) VALUES (?, ?)", arguments: [digest, rows])
            return db.lastInsertedRowID
        }
    }

    /// The run `id` exactly as it was recorded, or `nil`.
    static func read(_ id: RunID, from db: Database) throws -> SuiteResult? {
        guard let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ?", arguments: [id.rawValue]) else { return nil }
        let key: Int64 = run["id"]
        let failures = try Row.fetchAll(db, sql: "SELECT * FROM failures WHERE run = ? ORDER BY position", arguments: [key])
        var codes: [String: String] = [:]
        var runFailures: [[String: Any]] = []
        for f in failures {
            codes[f["failure_id"]] = f["code"]
            runFailures.append(["id": f["failure_id"] as String, "code": f["code"] as String, "scope": f["scope"] as String,
                                "table": (f["table_name"] as String?) ?? NSNull(), "message": f["message"] as String,
                                "checks": f["checks"] as Int])
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT results.*, checks.fingerprint, checks.table_name, checks.check_id, checks.kind, checks.columns, checks.severity,
                   checks.dimension, checks.thresholds, checks.origin, samples.rows AS sample_rows
            FROM results JOIN checks ON checks.id = results.check_ref LEFT JOIN samples ON samples.id = results.sample
            WHERE results.run = ? ORDER BY results.position
            """, arguments: [key])
        let results: [[String: Any]] = try rows.map { r in
            let failure: Any = (r["failure_id"] as String?).map { ["id": $0, "code": codes[$0] ?? "unexpectedResult"] } ?? NSNull()
            return [
                "key": r["check_key"] as String, "fingerprint": r["fingerprint"] as String, "table": r["table_name"] as String,
                "check": r["check_id"] as String, "kind": r["kind"] as String, "columns": try parse(r["columns"]),
                "status": r["status"] as String, "severity": r["severity"] as String, "dimension": r["dimension"] as String,
                "rows_checked": (r["rows_checked"] as Int?) ?? NSNull(), "values_checked": (r["values_checked"] as Int?) ?? NSNull(),
                "violations": (r["violations"] as Int?) ?? NSNull(), "violation_rate": (r["violation_rate"] as Double?) ?? NSNull(),
                "observed": (r["observed"] as Double?) ?? NSNull(), "observed_value": try parse(r["observed_value"]),
                "observed_values": try parse(r["observed_values"]), "metrics": try parse(r["metrics"]),
                "thresholds": try parse(r["thresholds"]), "message": r["message"] as String, "sample": try parse(r["sample_rows"]),
                "origin": try parse(r["origin"]), "failure": failure,
            ]
        }
        let document: [String: Any] = [
            "format_version": SuiteResult.formatVersion, "run_id": run["run_id"] as String, "suite": run["suite"] as String,
            "source": run["source"] as String, "started_at": run["started_at"] as String, "finished_at": run["finished_at"] as String,
            "duration_seconds": run["duration_seconds"] as Double, "scorecards": try parse(run["scorecards"]), "results": results,
            "failures": runFailures, "notices": try parse(run["notices"]), "assay_version": run["assay_version"] as String,
        ]
        let data = try JSONSerialization.data(withJSONObject: document)
        return try JSONDecoder().decode(SuiteResult.self, from: data)
    }

    private static func parse(_ text: String?) throws -> Any {
        guard let text else { return NSNull() }
        return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
