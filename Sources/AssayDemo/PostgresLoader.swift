import AssayCore
import AssayPostgres
import Foundation
import GRDB
import Logging
import PostgresNIO

/// Copies tables from a SQLite file into PostgreSQL with `COPY FROM STDIN`: the demo's way onto a server.
/// Each table is recreated (DROP ... CASCADE), loaded without indexes, then given its primary key and analysed.
public struct PostgresLoader: Sendable {
    public var url: PostgresURL

    public init(url: String) throws(SourceError) { self.url = try PostgresURL(url) }

    /// Loads `tables` from the SQLite file; returns the rows loaded per table.
    public func load(sqlitePath: String, tables: [String]) async throws -> [String: Int] {
        let sqlite = try DatabaseQueue(path: sqlitePath, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let logger = Logger(label: "assay.loader", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = try url.connectionConfiguration(startupParameters: [("TimeZone", "UTC"), ("application_name", "assay-demo-loader")])
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw SourceError.loaderError(error, url: url)
        }
        var counts: [String: Int] = [:]
        do {
            for table in tables {
                let columns = try await sqlite.read { db in
                    try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [table])
                        .map { LoadColumn(name: $0[0], sqliteType: $0[1] ?? "", isKey: ($0[2] as Int? ?? 0) > 0) }
                }
                counts[table] = try await copy(table, columns: columns, from: sqlite, to: connection, logger: logger)
            }
            // Only the tables it loaded: a database-wide ANALYZE also visits other sessions' tables, and fails when
            // one of them is dropped meanwhile ("relation with OID ... does not exist").
            let loaded = tables.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ", ")
            try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE " + loaded), logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw SourceError.loaderError(error, url: url)
        }
        return counts
    }

    private func copy(_ table: String, columns: [LoadColumn], from sqlite: DatabaseQueue, to connection: PostgresConnection,
                      logger: Logger) async throws -> Int {
        let quoted = PostgresDialect().quote(table)
        let definitions = columns.map { "\(PostgresDialect().quote($0.name)) \($0.postgresType)" }.joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(quoted) CASCADE"), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(quoted) (\(definitions))"), logger: logger)
        let booleans = Set(columns.indices.filter { columns[$0].postgresType == "boolean" })
        var total = 0
        // PostgresNIO wraps these names in double quotes without escaping them.
        guard !([table] + columns.map(\.name)).contains(where: { $0.contains("\"") }) else {
            throw SourceError(.invalidURL, "cannot COPY into '\(table)': a name contains a double quote")
        }
        try await connection.copyFrom(table: table, columns: columns.map(\.name), logger: logger) { writer in
            var lastRowID: Int64 = .min
            while true {
                let after = lastRowID
                let page = try await sqlite.read { db -> (lines: String, count: Int, last: Int64) in
                    var text = ""
                    var count = 0
                    var last = after
                    let rows = try Row.fetchCursor(db, sql: "SELECT rowid, * FROM \(quoted) WHERE rowid > ? ORDER BY rowid LIMIT 50000",
                                                   arguments: [after])
                    while let row = try rows.next() {
                        last = row[0]
                        for index in columns.indices {
                            if index > 0 { text += "\t" }
                            text += CopyText.field(row[index + 1] as DatabaseValue, boolean: booleans.contains(index))
                        }
                        text += "\n"
                        count += 1
                    }
                    return (text, count, last)
                }
                guard page.count > 0 else { break }
                total += page.count
                lastRowID = page.last
                try await writer.write(ByteBuffer(string: page.lines))
            }
        }
        let keys = columns.filter(\.isKey).map { PostgresDialect().quote($0.name) }
        if !keys.isEmpty {
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(quoted) ADD PRIMARY KEY (\(keys.joined(separator: ", ")))"), logger: logger)
        }
        return total
    }
}

/// A column as SQLite declares it and as PostgreSQL will hold it.
struct LoadColumn: Sendable {
    var name: String
    var sqliteType: String
    var isKey: Bool

    var postgresType: String {
        switch ValueType(declared: sqliteType) {
        case .integer: "bigint"
        case .decimal: "numeric"
        case .boolean: "boolean"
        case .date: "date"
        case .timestamp: "timestamp"
        default: "text"
        }
    }
}

/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
enum CopyText {
    static func field(_ value: DatabaseValue, boolean: Bool) -> String {
        switch value.storage {
        case .null: return "\\N"
        case .int64(let n): return boolean ? (n != 0 ? "t" : "f") : String(n)
        case .double(let d): return "\(d)"
        case .string(let s): return escape(s)
        case .blob(let data): return escape(data.base64EncodedString())
        }
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension SourceError {
    /// A loading failure: PostgreSQL's and the network's errors phrased as the source phrases them, anything else
    /// (the SQLite side) as it is; either way scrubbed of the URL's password.
    package static func loaderError(_ error: any Error, url: PostgresURL) -> SourceError {
        if let source = error as? SourceError { return source }
        if error is PSQLError || error is NIOConnectionError || error is IOError || error is ChannelError {
            let mapped = SourceError.postgres(error, url: url)
            return SourceError(mapped.code, "loading into PostgreSQL failed: \(mapped.message)")
        }
        return SourceError(.sql, "loading into PostgreSQL failed: \(url.scrubbed(String(describing: error)))")
    }
}
