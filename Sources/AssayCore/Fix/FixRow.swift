/// Reading a row handed to the fix engine: column names as the database spells them, matched without case as
/// Assay's checks match them.
package enum FixRow {
    /// The row's own spelling of `column`, if it has the column.
    package static func key(_ column: String, in row: [String: SQLValue]) -> String? {
        if row[column] != nil { return column }
        let lower = column.lowercased()
        return row.keys.first { $0.lowercased() == lower }
    }

    /// The value of `column`; NULL when the row does not have it.
    package static func value(_ column: String, in row: [String: SQLValue]) -> SQLValue {
        key(column, in: row).flatMap { row[$0] } ?? .null
    }

    /// The text a rule reads: text, dates and timestamps as written, integers in decimal; `nil` otherwise.
    package static func text(_ value: SQLValue) -> String? {
        switch value {
        case .text(let s), .date(let s), .timestamp(let s): s
        case .integer(let v): String(v)
        case .null, .boolean, .double: nil
        }
    }

    /// The calendar day (`YYYY-MM-DD`) of a date or timestamp value (ISO-8601 text), or `nil`.
    package static func day(_ value: SQLValue) -> String? {
        if case .integer = value { return nil }
        guard let text = text(value) else { return nil }
        let utf8 = Array(text.utf8.prefix(11))
        guard utf8.count >= 10 else { return nil }
        let digitsAt = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digitsAt.allSatisfy({ (0x30...0x39).contains(utf8[$0]) }), utf8[4] == 0x2D, utf8[7] == 0x2D else { return nil }
        if utf8.count == 11, utf8[10] != 0x20, utf8[10] != 0x54 { return nil }
        guard let month = Int(String(decoding: utf8[5...6], as: UTF8.self)), (1...12).contains(month),
              let day = Int(String(decoding: utf8[8...9], as: UTF8.self)), (1...31).contains(day) else { return nil }
        return String(decoding: utf8[0..<10], as: UTF8.self)
    }
}
