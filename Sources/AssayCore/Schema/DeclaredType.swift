import Foundation

/// Compares a column's declared type with a type name written in configuration, across the spellings of
/// SQLite, PostgreSQL and SQLAlchemy: `INTEGER` matches `int4`, `DOUBLE_PRECISION` matches `double precision`,
/// `VARCHAR` matches `character varying(20)`.
enum DeclaredType {
    static func matches(_ declared: String, _ expected: String) -> Bool {
        canonical(declared) == canonical(expected)
    }

    private static let synonyms: [String: String] = [
        "int": "integer", "int4": "integer", "serial": "integer",
        "int8": "bigint", "bigserial": "bigint",
        "int2": "smallint",
        "float8": "double precision", "double": "double precision", "double_precision": "double precision",
        "float4": "real",
        "bool": "boolean",
        "character varying": "varchar", "string": "varchar",
        "character": "char", "bpchar": "char",
        "decimal": "numeric",
        "timestamp without time zone": "timestamp", "datetime": "timestamp",
        "timestamp with time zone": "timestamptz",
        "time without time zone": "time",
    ]

    private static func canonical(_ name: String) -> String {
        var text = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let paren = text.firstIndex(of: "(") {
            let close = text[paren...].firstIndex(of: ")").map { text.index(after: $0) } ?? text.endIndex
            text = (String(text[..<paren]) + String(text[close...])).trimmingCharacters(in: .whitespaces)
        }
        return synonyms[text] ?? text
    }
}
