import AssayCore
import AssayPostgres
import Foundation
import GRDB
import Logging
import PostgresNIO

/// Writes case tables into a SQLite file.
struct SQLiteCaseStore {
    var path: String

    func write(_ tables: [CaseTable]) throws(ConformanceError) {
        do {
            try? FileManager.default.removeItem(atPath: path)
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                for table in tables {
                    let dialect = SQLiteDialect()
                    var definitions = table.columns.map { dialect.quote($0.name) + " " + $0.declared }
                    if table.addsRowIndex { definitions.insert("\"pk_index\" INTEGER PRIMARY KEY", at: 0) }
                    try db.execute(sql: "CREATE TABLE \(dialect.quote(table.name)) (\(definitions.joined(separator: ", ")))")
                    let width = table.columns.count + (table.addsRowIndex ? 1 : 0)
                    let insert = try db.makeStatement(sql: "INSERT INTO \(dialect.quote(table.name)) VALUES (\(Array(repeating: "?", count: width).joined(separator: ", ")))")
                    for row in table.rows {
                        try insert.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                    }
                }
            }
            try queue.close()
        } catch {
            throw ConformanceError(.writeFailed, "cannot write the cases into \(path): \(error)")
        }
    }
}

/// Writes case tables into PostgreSQL (recreating them) and drops them afterwards.
struct PostgresCaseStore {
    var url: PostgresURL

    func write(_ tables: [CaseTable]) async throws(ConformanceError) {
        try await withConnection { connection, logger in
            let dialect = PostgresDialect()
            for table in tables {
                var definitions = table.columns.map { dialect.quote($0.name) + " " + $0.declared }
                if table.addsRowIndex { definitions.insert("\"pk_index\" bigint PRIMARY KEY", at: 0) }
                let name = dialect.quote(table.name)
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(name)"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(name) (\(definitions.joined(separator: ", ")))"), logger: logger)
                let types = (table.addsRowIndex ? ["bigint"] : []) + table.columns.map(\.declared)
                let placeholders = types.enumerated().map { "$\($0.offset + 1)::\($0.element)" }.joined(separator: ", ")
                for row in table.rows {
                    var bindings = PostgresBindings()
                    for value in row {
                        switch value {
                        case .null: bindings.appendNull()
                        case .boolean(let b): bindings.append(b ? "true" : "false")
                        case .double(let d): bindings.append("\(d)")
                        default: bindings.append(value.description)
                        }
                    }
                    try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO \(name) VALUES (\(placeholders))", binds: bindings), logger: logger)
                }
            }
        }
    }

    func drop(_ tables: [String]) async {
        try? await withConnection { connection, logger in
            for table in tables {
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(PostgresDialect().quote(table))"), logger: logger)
            }
        }
    }

    private func withConnection(_ body: (PostgresConnection, Logger) async throws -> Void) async throws(ConformanceError) {
        let logger = Logger(label: "assay.conformance", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let configuration = try url.connectionConfiguration()
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            do {
                try await body(connection, logger)
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw ConformanceError.writing(error, into: url)
        }
    }
}

extension ConformanceError {
    /// Writing the cases into PostgreSQL failed: the driver's error in full, scrubbed of the URL's password (some
    /// driver errors quote their configuration).
    package static func writing(_ error: any Error, into url: PostgresURL) -> ConformanceError {
        ConformanceError(.writeFailed, "cannot write the cases into \(url.displayName): \(url.scrubbed(String(reflecting: error)))")
    }
}
