import Foundation

/// A run's identity: a UUID version 7, so ids sort by the time the run started (RFC 9562).
public struct RunID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The lower-case text form, `0190b5f2-7c1e-7a3b-9c4d-1e2f3a4b5c6d`.
    public let rawValue: String

    public init?(_ text: String) {
        guard UUID(uuidString: text) != nil else { return nil }
        rawValue = text.lowercased()
    }

    /// A new id for a run starting at `instant`.
    public init(startingAt instant: Date) {
        var generator = SystemRandomNumberGenerator()
        self.init(startingAt: instant, using: &generator)
    }

    /// A new id for a run starting at `instant`, its random bits from `generator` (tests pass a seeded one).
    public init(startingAt instant: Date, using generator: inout some RandomNumberGenerator) {
        let ms = UInt64(max(0, (instant.timeIntervalSince1970 * 1000).rounded()))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - UInt64(i)))) }
        let random = generator.next(), more = generator.next()
        for i in 6..<16 { bytes[i] = UInt8(truncatingIfNeeded: (i < 11 ? random : more) >> (8 * UInt64(i % 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let i = hex.startIndex
        func part(_ from: Int, _ to: Int) -> Substring { hex[hex.index(i, offsetBy: from)..<hex.index(i, offsetBy: to)] }
        rawValue = [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
    }

    /// An id read back from our own store, already checked when it was written.
    package init(stored text: String) { rawValue = text }

    public var description: String { rawValue }

    public static func < (lhs: RunID, rhs: RunID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = RunID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a run id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
