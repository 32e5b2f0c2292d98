import AssayCore

/// A case's data as a table for one backend: column types from the case's hints for that backend, or as
/// pandas would infer them (an integer column with a missing value is float64; booleans with a missing value
/// are BOOLEAN; mixed kinds are text), and each cell converted to what the column holds.
struct CaseTable {
    enum Kind { case integer, float, text, boolean, timestamp, date }

    struct Column {
        var name: String
        /// The type name in the table's DDL.
        var declared: String
        var kind: Kind
    }

    var name: String
    var columns: [Column]
    /// `pk_index` first when GX's runner added it (0, 1, 2, ... in row order), then the data.
    var rows: [[SQLValue]]
    var addsRowIndex: Bool

    init(_ c: ConformanceCase, name: String, backend: Backend) {
        self.name = name
        self.addsRowIndex = c.addsRowIndex
        let hints = c.types[backend.rawValue] ?? [:]
        columns = c.columns.enumerated().map { index, column in
            if let hint = hints[column], let typed = Self.column(column, hint: hint, backend: backend) { return typed }
            return Self.inferred(column, values: c.rows.map { $0[index] }, backend: backend)
        }
        let columns = self.columns
        rows = c.rows.enumerated().map { position, row in
            let cells = zip(columns, row).map { Self.cell($1, as: $0.kind) }
            return c.addsRowIndex ? [.integer(Int64(position))] + cells : cells
        }
    }

    /// A column typed by the case's hint (GX's SQLAlchemy names); `nil` for names that are not SQL types.
    private static func column(_ name: String, hint: String, backend: Backend) -> Column? {
        let upper = hint.uppercased()
        let kind: Kind
        if upper.contains("INT") { kind = .integer }
        else if ["FLOAT", "REAL", "DOUBLE", "NUMERIC", "DECIMAL"].contains(where: upper.contains) { kind = .float }
        else if upper.contains("BOOL") { kind = .boolean }
        else if upper.contains("DATETIME") || upper.contains("TIMESTAMP") { kind = .timestamp }
        else if upper == "DATE" { kind = .date }
        else if ["CHAR", "TEXT", "STRING", "CLOB"].contains(where: upper.contains) { kind = .text }
        else { return nil }
        guard backend == .postgresql else { return Column(name: name, declared: upper, kind: kind) }
        let declared: String = switch upper {
        case "DOUBLE_PRECISION", "FLOAT", "DOUBLE": "double precision"
        case "DATETIME": "timestamp"
        case "STRING": "text"
        default: upper.lowercased()
        }
        return Column(name: name, declared: declared, kind: kind)
    }

    /// The type pandas gives a column of these values, as `to_sql` writes it.
    private static func inferred(_ name: String, values: [JSON], backend: Backend) -> Column {
        let present = values.filter { !$0.isNull }
        let kind: Kind
        if present.isEmpty { kind = .text }
        // pandas keeps booleans with a missing value as objects, and to_sql types them by the values it
        // infers skipping missing ones (`infer_dtype(skipna=True)`): BOOLEAN.
        else if present.allSatisfy({ $0.bool != nil }) { kind = .boolean }
        else if present.allSatisfy({ $0.isInteger }) { kind = present.count == values.count ? .integer : .float }
        else if present.allSatisfy({ $0.double != nil }) { kind = .float }
        else { kind = .text }
        let declared: String = switch (kind, backend) {
        case (.integer, .sqlite): "INTEGER"
        case (.integer, .postgresql): "bigint"
        case (.float, .sqlite): "FLOAT"
        case (.float, .postgresql): "double precision"
        case (.boolean, .sqlite): "BOOLEAN"
        case (.boolean, .postgresql): "boolean"
        default: backend == .sqlite ? "TEXT" : "text"
        }
        return Column(name: name, declared: declared, kind: kind)
    }

    /// A JSON cell as the column stores it.
    private static func cell(_ value: JSON, as kind: Kind) -> SQLValue {
        switch value {
        case .null: return .null
        case .bool(let b):
            return kind == .text ? .text(b ? "True" : "False") : kind == .boolean ? .boolean(b) : .integer(b ? 1 : 0)
        case .number(let n):
            switch kind {
            case .integer: return Int64(n).map(SQLValue.integer) ?? .double(Double(n) ?? 0)
            case .float, .boolean: return .double(Double(n) ?? 0)
            case .text, .timestamp, .date: return .text(n)
            }
        case .string(let s):
            switch kind {
            case .timestamp: return CaseDates.timestamp(s).map(SQLValue.timestamp) ?? .text(s)
            case .date: return CaseDates.timestamp(s).map { .date(String($0.prefix(10))) } ?? .text(s)
            default: return .text(s)
            }
        case .array, .object:
            return .text(value.text)
        }
    }
}

/// The backends the runner materialises cases in.
public enum Backend: String, Sendable, CaseIterable {
    case sqlite, postgresql
}
