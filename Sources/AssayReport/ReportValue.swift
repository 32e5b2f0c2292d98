import AssayCore

/// A value written into a report as plain JSON: measured values, unexpected values, pairs and records, GX
/// arguments. Integers stay exact; text, dates and timestamps are strings.
package indirect enum ReportValue: Sendable, Hashable, Encodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case list([ReportValue])
    case object([String: ReportValue])

    package init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .boolean(let b): self = .bool(b)
        case .integer(let n): self = .integer(n)
        case .double(let d): self = d.isFinite ? .number(d) : .null
        case .text(let s), .date(let s), .timestamp(let s): self = .string(s)
        }
    }

    package init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = Int64(n).map(ReportValue.integer) ?? Double(n).map(ReportValue.number) ?? .string(n)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(ReportValue.init))
        case .object(let fields): self = .object(Dictionary(fields.map { ($0.key, ReportValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// A sample cell: numbers in numeric columns become numbers again.
    init(cell: String?, numeric: Bool) {
        guard let cell else { self = .null; return }
        if numeric, let n = Int64(cell) { self = .integer(n) }
        else if numeric, let d = Double(cell) { self = .number(d) }
        else { self = .string(cell) }
    }

    /// The value as a number, when it is one.
    package var double: Double? {
        switch self {
        case .integer(let n): Double(n)
        case .number(let d): d
        default: nil
        }
    }

    /// Text that reads as a number, as a number (a sample cell of a text column holding digits).
    package var stringNumber: Double? {
        if case .string(let s) = self { return Double(s) }
        return nil
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .integer(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .number(let d):
            var c = encoder.singleValueContainer()
            if !d.isFinite { try c.encodeNil() } else if d == d.rounded(), abs(d) < 9e15 { try c.encode(Int64(d)) } else { try c.encode(d) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .list(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let fields):
            var c = encoder.container(keyedBy: ReportKey.self)
            for (key, value) in fields { try c.encode(value, forKey: ReportKey(key)) }
        }
    }
}

struct ReportKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
