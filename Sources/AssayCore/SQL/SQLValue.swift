import Foundation

/// A value sent to or read from a database. Dates and timestamps keep their kind so dialects can type them.
public enum SQLValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case integer(Int64)
    case double(Double)
    case text(String)
    case date(String)
    case timestamp(String)

    public var int: Int? {
        switch self {
        case .integer(let v): Int(v)
        case .double(let v) where v.isFinite: Int(v)
        case .text(let s): Int(s)
        default: nil
        }
    }

    public var double: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .double(let v): v
        case .text(let s): Double(s)
        default: nil
        }
    }

    public var isNull: Bool { self == .null }

    /// A display form: text unquoted, numbers plain, NULL as `NULL`.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .boolean(let v): v ? "TRUE" : "FALSE"
        case .integer(let v): String(v)
        case .double(let v): v.formatted(maxFractionDigits: 6)
        case .text(let s), .date(let s), .timestamp(let s): s
        }
    }

    /// A SQL literal form, for showing a plan to a person (Assay itself always binds values).
    package var sqlLiteral: String {
        switch self {
        case .null: "NULL"
        case .boolean, .integer, .double: description
        case .text(let s), .date(let s), .timestamp(let s): "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
