import AssayCore
import Foundation

/// A run as the store's rows: what is the same from run to run (a check's definition, a failing-row sample) is
/// written once and referred to; reading joins them back into exactly the result that was reported. The statements
/// and values are the same for both backends (`?` placeholders; PostgreSQL numbers them); each backend runs them.
struct StoredRun {
    let result: SuiteResult
    private let header: [String]
    private let pieces: [Piece]

    /// A result's JSON-valued columns.
    private struct Piece {
        var columns, thresholds, metrics: String
        var origin, observedValue, observedValues, sample: String?
    }

    /// The run as rows.
    /// - Throws: ``StoreError/Code/unavailable`` when a value cannot be encoded.
    static func encoding(_ result: SuiteResult) throws(StoreError) -> StoredRun {
        do {
            return try StoredRun(result)
        } catch {
            throw StoreError(.unavailable, "cannot encode the run for the store: \(error)")
        }
    }

    init(_ result: SuiteResult) throws {
        self.result = result
        header = [try Self.json(result.scorecards), try Self.json(result.notices)]
        pieces = try result.results.map { r in
            Piece(columns: try Self.json(r.columns), thresholds: try Self.json(r.thresholds), metrics: try Self.json(r.metrics),
                  origin: try r.origin.map(Self.json), observedValue: try r.observedValue.map(Self.json),
                  observedValues: try r.observedValues.map(Self.json), sample: try r.sample.map(Self.json))
        }
    }

    static let findRunSQL = "SELECT id FROM runs WHERE run_id = ?"
    static let insertRunSQL = """
        INSERT INTO runs (run_id, suite, source, started_at, finished_at, duration_seconds, status, exit_code, checks, failed,
                          warned, errors, assay_version, scorecards, notices)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertResultSQL = """
        INSERT INTO results (run, position, check_ref, check_key, started_ms, status, rows_checked, values_checked, violations,
                             violation_rate, observed, observed_value, observed_values, metrics, message, failure_id, sample)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertFailureSQL = """
        INSERT INTO failures (run, position, failure_id, code, scope, table_name, message, checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let findCheckSQL = "SELECT id FROM checks WHERE fingerprint = ?"
    static let insertCheckSQL = """
        INSERT INTO checks (fingerprint, check_key, table_name, check_id, kind, columns, severity, dimension, thresholds, origin)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let findSampleSQL = "SELECT id, rows FROM samples WHERE digest = ?"
    static let insertSampleSQL = "INSERT INTO samples (digest, rows) VALUES (?, ?)"

    var runID: StoreValue { .text(result.runID.rawValue) }

    /// The `runs` row, in `insertRunSQL`'s order.
    var runValues: [StoreValue] {
        let r = result
        return [.text(r.runID.rawValue), .text(r.suite), .text(r.source), .text(InstantText.string(r.startedAt)),
                .text(InstantText.string(r.finishedAt)), .real(r.durationSeconds), .text(r.status.rawValue),
                .integer(Int64(r.exitCode)), StoreValue(r.results.count), StoreValue(r.count(.fail)), StoreValue(r.count(.warn)),
                StoreValue(r.count(.error)), .text(r.assayVersion), .text(header[0]), .text(header[1])]
    }

    /// How many results the run has.
    var resultCount: Int { result.results.count }

    /// The fingerprint of result `position`, and its `checks` row in `insertCheckSQL`'s order.
    func definition(_ position: Int) -> (fingerprint: StoreValue, values: [StoreValue]) {
        let r = result.results[position], piece = pieces[position]
        return (.text(r.fingerprint.rawValue),
                [.text(r.fingerprint.rawValue), .text(r.key.rawValue), .text(r.table), .text(r.check), .text(r.kind.rawValue),
                 .text(piece.columns), .text(r.severity.rawValue), .text(r.dimension.rawValue), .text(piece.thresholds),
                 StoreValue(piece.origin)])
    }

    /// The failing-row sample of result `position` as stored (JSON), if it has one.
    func sample(_ position: Int) -> String? { pieces[position].sample }

    /// The `results` row of result `position`, in `insertResultSQL`'s order.
    func resultValues(_ position: Int, run: Int64, definition: Int64, sample: Int64?) -> [StoreValue] {
        let check = result.results[position], piece = pieces[position]
        return [.integer(run), StoreValue(position), .integer(definition), .text(check.key.rawValue),
                .integer(storedMilliseconds(result.startedAt)), .text(check.status.rawValue), StoreValue(check.rowsChecked),
                StoreValue(check.valuesChecked), StoreValue(check.violations), StoreValue(check.violationRate),
                StoreValue(check.observed.flatMap { $0.isFinite ? $0 : nil }), StoreValue(piece.observedValue),
                StoreValue(piece.observedValues), .text(piece.metrics), .text(check.message), StoreValue(check.failure?.id),
                StoreValue(sample)]
    }

    /// The `failures` rows, in `insertFailureSQL`'s order.
    func failureValues(run: Int64) -> [[StoreValue]] {
        result.failures.enumerated().map { position, f in
            [.integer(run), StoreValue(position), .text(f.id), .text(f.code.rawValue), .text(f.scope.rawValue), StoreValue(f.table),
             .text(f.message), StoreValue(f.checks)]
        }
    }

    /// The digest a sample is first looked up by; a different sample with the same digest takes the next one.
    static func digest(_ rows: String) -> String { StableHash.fnv1a(rows).hex }

    static let readRunSQL = "SELECT * FROM runs WHERE run_id = ?"
    static let readFailuresSQL = "SELECT * FROM failures WHERE run = ? ORDER BY position"
    static let readResultsSQL = """
        SELECT results.*, checks.fingerprint, checks.table_name, checks.check_id, checks.kind, checks.columns, checks.severity,
               checks.dimension, checks.thresholds, checks.origin, samples.rows AS sample_rows
        FROM results JOIN checks ON checks.id = results.check_ref LEFT JOIN samples ON samples.id = results.sample
        WHERE results.run = ? ORDER BY results.position
        """

    /// The run exactly as it was recorded, from its `runs` row, its `failures` rows and its `results` rows (joined
    /// with their definitions and samples, as `readResultsSQL` reads them).
    static func document(run: some StoreRow, failures: [some StoreRow], results rows: [some StoreRow]) throws -> SuiteResult {
        var codes: [String: String] = [:]
        var runFailures: [[String: Any]] = []
        for f in failures {
            let id = try f.text(required: "failure_id"), code = try f.text(required: "code")
            codes[id] = code
            runFailures.append(["id": id, "code": code, "scope": try f.text(required: "scope"),
                                "table": try f.text("table_name") ?? NSNull(), "message": try f.text(required: "message"),
                                "checks": try f.integer(required: "checks")])
        }
        let results: [[String: Any]] = try rows.map { r in
            let failure: Any = try r.text("failure_id").map { ["id": $0, "code": codes[$0] ?? "unexpectedResult"] } ?? NSNull()
            return [
                "key": try r.text(required: "check_key"), "fingerprint": try r.text(required: "fingerprint"),
                "table": try r.text(required: "table_name"), "check": try r.text(required: "check_id"),
                "kind": try r.text(required: "kind"), "columns": try parse(r.text("columns")),
                "status": try r.text(required: "status"), "severity": try r.text(required: "severity"),
                "dimension": try r.text(required: "dimension"),
                "rows_checked": try r.integer("rows_checked") ?? NSNull(), "values_checked": try r.integer("values_checked") ?? NSNull(),
                "violations": try r.integer("violations") ?? NSNull(), "violation_rate": try r.real("violation_rate") ?? NSNull(),
                "observed": try r.real("observed") ?? NSNull(), "observed_value": try parse(r.text("observed_value")),
                "observed_values": try parse(r.text("observed_values")), "metrics": try parse(r.text("metrics")),
                "thresholds": try parse(r.text("thresholds")), "message": try r.text(required: "message"),
                "sample": try parse(r.text("sample_rows")), "origin": try parse(r.text("origin")), "failure": failure,
            ]
        }
        let document: [String: Any] = [
            "format_version": SuiteResult.formatVersion, "run_id": try run.text(required: "run_id"),
            "suite": try run.text(required: "suite"), "source": try run.text(required: "source"),
            "started_at": try run.text(required: "started_at"), "finished_at": try run.text(required: "finished_at"),
            "duration_seconds": try run.real(required: "duration_seconds"), "scorecards": try parse(run.text("scorecards")),
            "results": results, "failures": runFailures, "notices": try parse(run.text("notices")),
            "assay_version": try run.text(required: "assay_version"),
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
