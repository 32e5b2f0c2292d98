import Foundation

/// One column value of a store row, the same for both backends: SQLite binds it as a `DatabaseValue`, PostgreSQL as
/// a bind parameter of the matching type (`bigint`, `double precision`, `text`).
enum StoreValue: Sendable, Hashable {
    case null, integer(Int64), real(Double), text(String)

    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
}

/// A row read from the store, by column name, whichever backend it came from.
protocol StoreRow {
    func text(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int?
    func real(_ column: String) throws -> Double?
}

/// A column that must hold a value held NULL (or none): the store was written by something else.
struct MissingColumnValue: Error, CustomStringConvertible {
    var column: String
    var description: String { "column \(column) is NULL" }
}

extension StoreRow {
    func text(required column: String) throws -> String {
        guard let value = try text(column) else { throw MissingColumnValue(column: column) }
        return value
    }

    func integer(required column: String) throws -> Int {
        guard let value = try integer(column) else { throw MissingColumnValue(column: column) }
        return value
    }

    func real(required column: String) throws -> Double {
        guard let value = try real(column) else { throw MissingColumnValue(column: column) }
        return value
    }
}

/// Milliseconds since 1970, as `started_ms` columns hold an instant.
func storedMilliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
