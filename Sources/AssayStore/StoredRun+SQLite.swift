import AssayCore
import Foundation
import GRDB

extension StoredRun {
    /// Writes the run unless a run with its id is already there.
    func insert(into db: Database) throws {
        guard try Int64.fetchOne(db, sql: Self.findRunSQL, arguments: [runID]) == nil else { return }
        try db.execute(sql: Self.insertRunSQL, arguments: StatementArguments(runValues))
        let run = db.lastInsertedRowID
        try TableScores.insert(run: run, result, into: db)
        let insert = try db.makeStatement(sql: Self.insertResultSQL)
        for position in 0..<resultCount {
            let definition = try definitionID(position, in: db)
            let sample = try self.sample(position).map { try Self.sampleID($0, in: db) }
            try insert.execute(arguments: StatementArguments(resultValues(position, run: run, definition: definition, sample: sample)))
        }
        let failure = try db.makeStatement(sql: Self.insertFailureSQL)
        for values in failureValues(run: run) { try failure.execute(arguments: StatementArguments(values)) }
    }

    /// The id of the check's definition, written the first time this fingerprint is seen.
    private func definitionID(_ position: Int, in db: Database) throws -> Int64 {
        let (fingerprint, values) = definition(position)
        if let id = try Int64.fetchOne(db, sql: Self.findCheckSQL, arguments: [fingerprint]) { return id }
        try db.execute(sql: Self.insertCheckSQL, arguments: StatementArguments(values))
        return db.lastInsertedRowID
    }

    /// The id of a sample with these rows, written the first time they are seen (by a digest, checked against the rows).
    private static func sampleID(_ rows: String, in db: Database) throws -> Int64 {
        var digest = Self.digest(rows)
        while true {
            if let (id, stored) = try Row.fetchOne(db, sql: findSampleSQL, arguments: [digest])
                .map({ ($0[0] as Int64, $0[1] as String) }) {
                if stored == rows { return id }
                digest += "+"       // a different sample with the same digest: take the next free one
                continue
            }
            try db.execute(sql: insertSampleSQL, arguments: [digest, rows])
            return db.lastInsertedRowID
        }
    }

    /// The run `id` exactly as it was recorded, or `nil`.
    static func read(_ id: RunID, from db: Database) throws -> SuiteResult? {
        guard let run = try Row.fetchOne(db, sql: readRunSQL, arguments: [id.rawValue]) else { return nil }
        let key: Int64 = run["id"]
        return try document(run: run, failures: try Row.fetchAll(db, sql: readFailuresSQL, arguments: [key]),
                            results: try Row.fetchAll(db, sql: readResultsSQL, arguments: [key]))
    }
}

extension Row: StoreRow {
    func text(_ column: String) throws -> String? { self[column] }
    func integer(_ column: String) throws -> Int? { self[column] }
    func real(_ column: String) throws -> Double? { self[column] }
}

extension StoreValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        }
    }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoreValue? {
        switch dbValue.storage {
        case .null: .null
        case .int64(let value): .integer(value)
        case .double(let value): .real(value)
        case .string(let value): .text(value)
        case .blob: nil
        }
    }
}
