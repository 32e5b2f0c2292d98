import Foundation
import PostgresNIO

/// A statement of the store for PostgreSQL: the backend-neutral text with its `?` placeholders numbered `$1`, `$2`, ...
/// and every value bound as a parameter.
struct PostgresStatement {
    var query: PostgresQuery

    init(_ sql: String, _ values: [StoreValue] = []) {
        var numbered = ""
        var next = 1
        for character in sql {
            if character == "?" {
                numbered += "$\(next)"
                next += 1
            } else {
                numbered.append(character)
            }
        }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .real(let v): binds.append(v)
            case .text(let v): binds.append(v)
            }
        }
        query = PostgresQuery(unsafeSQL: numbered, binds: binds)
    }
}

extension PostgresConnection {
    /// Runs `statement` and returns its rows.
    func rows(_ sql: String, _ values: [StoreValue] = []) async throws -> [PostgresStoreRow] {
        var rows: [PostgresStoreRow] = []
        for try await row in try await query(PostgresStatement(sql, values).query, logger: PostgresStore.quiet) {
            rows.append(PostgresStoreRow(row: row.makeRandomAccess()))
        }
        return rows
    }

    /// Runs the single-row `INSERT ... VALUES (?, ...)` for all `rows` in as few statements as the parameter limit allows.
    func insert(_ sql: String, _ rows: [[StoreValue]]) async throws {
        guard let width = rows.first?.count, width > 0, let values = sql.range(of: "VALUES", options: .backwards) else { return }
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let perStatement = max(1, 60_000 / width)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            try await execute(sql[..<values.upperBound] + " " + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
                              chunk.flatMap(\.self))
            start += chunk.count
        }
    }

    /// Runs `statement`, discarding any rows.
    func execute(_ sql: String, _ values: [StoreValue] = []) async throws {
        _ = try await rows(sql, values)
    }
}

/// A row PostgreSQL returned, read by column name. Sums of `bigint` columns come back as `numeric`; they are read
/// as integers like SQLite's.
struct PostgresStoreRow: StoreRow {
    var row: PostgresRandomAccessRow

    func text(_ column: String) throws -> String? {
        guard row.contains(column) else { return nil }
        return try row[column].decode(String?.self)
    }

    func integer(_ column: String) throws -> Int? {
        guard row.contains(column) else { return nil }
        let cell = row[column]
        if cell.dataType == .numeric {
            return try cell.decode(Decimal?.self).map { NSDecimalNumber(decimal: $0).intValue }
        }
        return try cell.decode(Int?.self)
    }

    func real(_ column: String) throws -> Double? {
        guard row.contains(column) else { return nil }
        let cell = row[column]
        if cell.dataType == .numeric {
            return try cell.decode(Decimal?.self).map { NSDecimalNumber(decimal: $0).doubleValue }
        }
        return try cell.decode(Double?.self)
    }
}
