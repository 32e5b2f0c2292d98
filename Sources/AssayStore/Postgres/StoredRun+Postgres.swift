import AssayCore
import PostgresNIO

extension StoredRun {
    /// Writes the run unless a run with its id is already there (inside the caller's transaction).
    func insert(into connection: PostgresConnection) async throws {
        guard try await connection.rows(Self.findRunSQL, [runID]).isEmpty else { return }
        guard let inserted = try await connection.rows(Self.insertRunSQL + " RETURNING id", runValues).first else { return }
        let run = Int64(try inserted.integer(required: "id"))
        for values in TableScores.rows(run: run, result) { try await connection.execute(TableScores.insertSQL, values) }
        var definitions: [StoreValue: Int64] = [:]
        for position in 0..<resultCount {
            let (fingerprint, values) = definition(position)
            let definition: Int64
            if let known = definitions[fingerprint] {
                definition = known
            } else {
                definition = try await Self.id(find: Self.findCheckSQL, [fingerprint], insert: Self.insertCheckSQL, values, on: connection)
                definitions[fingerprint] = definition
            }
            var sample: Int64?
            if let rows = self.sample(position) { sample = try await Self.sampleID(rows, on: connection) }
            try await connection.execute(Self.insertResultSQL, resultValues(position, run: run, definition: definition, sample: sample))
        }
        for values in failureValues(run: run) { try await connection.execute(Self.insertFailureSQL, values) }
    }

    /// The id of the row `find` finds, or of the row `insert` writes when there is none.
    private static func id(find: String, _ key: [StoreValue], insert: String, _ values: [StoreValue],
                           on connection: PostgresConnection) async throws -> Int64 {
        if let row = try await connection.rows(find, key).first { return Int64(try row.integer(required: "id")) }
        guard let row = try await connection.rows(insert + " RETURNING id", values).first else { throw MissingColumnValue(column: "id") }
        return Int64(try row.integer(required: "id"))
    }

    /// The id of a sample with these rows, written the first time they are seen (by a digest, checked against the rows).
    private static func sampleID(_ rows: String, on connection: PostgresConnection) async throws -> Int64 {
        var digest = Self.digest(rows)
        while true {
            if let row = try await connection.rows(findSampleSQL, [.text(digest)]).first {
                if try row.text(required: "rows") == rows { return Int64(try row.integer(required: "id")) }
                digest += "+"       // a different sample with the same digest: take the next free one
                continue
            }
            return try await id(find: findSampleSQL, [.text(digest)], insert: insertSampleSQL, [.text(digest), .text(rows)], on: connection)
        }
    }

    /// The run `id` exactly as it was recorded, or `nil`.
    static func read(_ id: RunID, from connection: PostgresConnection) async throws -> SuiteResult? {
        guard let run = try await connection.rows(readRunSQL, [.text(id.rawValue)]).first else { return nil }
        let key = StoreValue(try run.integer(required: "id"))
        return try document(run: run, failures: try await connection.rows(readFailuresSQL, [key]),
                            results: try await connection.rows(readResultsSQL, [key]))
    }
}
