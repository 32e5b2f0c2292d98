/// A measured value as stored and reported: plain JSON for null, booleans, integers, numbers and text, and
/// `{"date": "2024-01-31"}` / `{"timestamp": "2024-01-31 12:00:00"}` for temporal values, so they read back as
/// dates. Non-finite numbers are written as null.
extension SQLValue {
    private enum TemporalKey: String, CodingKey { case date, timestamp }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .date(let d):
            var c = encoder.container(keyedBy: TemporalKey.self)
            try c.encode(d, forKey: .date)
        case .timestamp(let t):
            var c = encoder.container(keyedBy: TemporalKey.self)
            try c.encode(t, forKey: .timestamp)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .boolean(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .integer(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .double(let d):
            var c = encoder.singleValueContainer()
            if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .text(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        }
    }

    public init(from decoder: any Decoder) throws {
        if let c = try? decoder.container(keyedBy: TemporalKey.self) {
            if let d = try c.decodeIfPresent(String.self, forKey: .date) { self = .date(d); return }
            if let t = try c.decodeIfPresent(String.self, forKey: .timestamp) { self = .timestamp(t); return }
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .boolean(b) }
        else if let n = try? c.decode(Int64.self) { self = .integer(n) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else { self = .text(try c.decode(String.self)) }
    }
}
