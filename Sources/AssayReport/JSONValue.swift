import AssayCore

/// A database value written as plain JSON: numbers as numbers, text, dates and timestamps as strings.
struct JSONValue: Encodable {
    var value: SQLValue
    init(_ value: SQLValue) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch value {
        case .null: try c.encodeNil()
        case .boolean(let b): try c.encode(b)
        case .integer(let n): try c.encode(n)
        case .double(let d): d.isFinite ? try c.encode(d) : try c.encodeNil()
        case .text(let s), .date(let s), .timestamp(let s): try c.encode(s)
        }
    }
}
