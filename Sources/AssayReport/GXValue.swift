import AssayCore

/// A JSON value in a Great Expectations result: observed values, unexpected values, pairs and records.
public indirect enum GXValue: Sendable, Hashable, Encodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([GXValue])
    case object([String: GXValue])

    public init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .boolean(let b): self = .bool(b)
        case .integer(let n): self = .number(Double(n))
        case .double(let d): self = d.isFinite ? .number(d) : .null
        case .text(let s), .date(let s), .timestamp(let s): self = .string(s)
        }
    }

    public init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = Double(n).map(GXValue.number) ?? .string(n)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(GXValue.init))
        case .object(let fields): self = .object(Dictionary(fields.map { ($0.key, GXValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// A sample cell: numbers in numeric columns become numbers again.
    init(cell: String?, numeric: Bool) {
        guard let cell else { self = .null; return }
        if numeric, let d = Double(cell) { self = .number(d) } else { self = .string(cell) }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let d):
            var c = encoder.singleValueContainer()
            if d == d.rounded(), abs(d) < 9e15 { try c.encode(Int64(d)) } else { try c.encode(d) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .list(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let fields):
            var c = encoder.container(keyedBy: GXKey.self)
            for (key, value) in fields { try c.encode(value, forKey: GXKey(key)) }
        }
    }
}

struct GXKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
