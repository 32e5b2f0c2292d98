/// The type of a column or expression, as far as the condition language needs to know it.
public enum ValueType: String, Sendable, Hashable, Codable {
    case integer, decimal, text, boolean, date, timestamp, interval
    /// An explicit `NULL`.
    case null
    /// A column whose declared type says nothing useful (SQLite allows any).
    case unknown

    package var isNumeric: Bool { self == .integer || self == .decimal }
    package var isTemporal: Bool { self == .date || self == .timestamp }

    /// Maps a declared SQL column type (SQLite affinity rules, PostgreSQL names) to a value type.
    package init(declared: String) {
        let t = declared.lowercased()
        if t.hasPrefix("timestamp") || t.contains("datetime") { self = .timestamp }
        else if t == "date" { self = .date }
        else if t.hasPrefix("bool") { self = .boolean }
        else if t.contains("int") || t == "serial" || t == "bigserial" { self = .integer }
        else if ["real", "floa", "doub", "numeric", "decimal", "money"].contains(where: t.contains) { self = .decimal }
        else if ["char", "clob", "text", "uuid", "citext"].contains(where: t.contains) { self = .text }
        else if t == "interval" { self = .interval }
        else { self = .unknown }
    }
}
