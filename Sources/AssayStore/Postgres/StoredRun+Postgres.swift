import AssayCore
import PostgresNIO

extension StoredRun {
    /// Writes the run unless a run with its id is already there (inside the caller's transaction). Definitions and
    /// samples already stored are looked up in one statement each, and the rows of each table are written in one
    /// statement, so a run costs a handful of round trips whatever its number of checks.
    func insert(into connection: PostgresConnection) async throws {
        guard try await connection.rows(Self.findRunSQL, [runID]).isEmpty else { return }
        guard let inserted = try await connection.rows(Self.insertRunSQL + " RETURNING id", runValues).first else { return }
        let run = Int64(try inserted.integer(required: "id"))
        try await connection.insert(TableScores.insertSQL, TableScores.rows(run: run, result))
        let definitions = try await definitionIDs(on: connection)
        let samples = try await sampleIDs(on: connection)
        let results = (0..<resultCount).map { position in
            resultValues(position, run: run, definition: definitions[definition(position).fingerprint] ?? 0,
                         sample: sample(position).flatMap { samples[$0] })
        }
        try await connection.insert(Self.insertResultSQL, results)
        try await connection.insert(Self.insertFailureSQL, failureValues(run: run))
    }

    /// The ids of the run's check definitions by fingerprint, writing those seen for the first time.
    private func definitionIDs(on connection: PostgresConnection) async throws -> [StoreValue: Int64] {
        var firsts: [StoreValue: [StoreValue]] = [:]
        for position in 0..<resultCount where firsts[definition(position).fingerprint] == nil {
            firsts[definition(position).fingerprint] = definition(position).values
        }
        var ids: [StoreValue: Int64] = [:]
        let keys = Array(firsts.keys)
        if !keys.isEmpty {
            for row in try await connection.rows("SELECT id, fingerprint FROM checks WHERE fingerprint IN (\(Self.marks(keys.count)))", keys) {
                ids[.text(try row.text(required: "fingerprint"))] = Int64(try row.integer(required: "id"))
            }
        }
        for (fingerprint, values) in firsts where ids[fingerprint] == nil {
            ids[fingerprint] = try await Self.id(find: Self.findCheckSQL, [fingerprint], insert: Self.insertCheckSQL, values, on: connection)
        }
        return ids
    }

    /// The ids of the run's failing-row samples by content, writing those seen for the first time.
    private func sampleIDs(on connection: PostgresConnection) async throws -> [String: Int64] {
        let contents = Array(Set((0..<resultCount).compactMap { sample($0) }))
        guard !contents.isEmpty else { return [:] }
        var stored: [String: (id: Int64, rows: String)] = [:]
        let digests = contents.map { StoreValue.text(Self.digest($0)) }
        for row in try await connection.rows("SELECT id, digest, rows FROM samples WHERE digest IN (\(Self.marks(digests.count)))", digests) {
            stored[try row.text(required: "digest")] = (Int64(try row.integer(required: "id")), try row.text(required: "rows"))
        }
        var ids: [String: Int64] = [:]
        for rows in contents {
            if let known = stored[Self.digest(rows)], known.rows == rows {
                ids[rows] = known.id
            } else {
                ids[rows] = try await Self.sampleID(rows, on: connection)
            }
        }
        return ids
    }

    private static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

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
