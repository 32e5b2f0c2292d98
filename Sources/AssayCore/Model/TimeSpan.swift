import Foundation

/// A length of time written as `250ms`, `90s`, `15m`, `6h`, `7d` or `2w` in configuration.
public struct TimeSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    public var seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
    ]

    /// Parses `<number><unit>` with unit ms, s, m, h, d or w; `nil` when the text is not a time span.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = Self.units.first(where: { trimmed.hasSuffix($0.suffix) }),
              let value = Double(trimmed.dropLast(unit.suffix.count)), value >= 0
        else { return nil }
        self.seconds = value * unit.seconds
    }

    public var description: String {
        for unit in Self.units.reversed() where seconds >= unit.seconds
            && (seconds / unit.seconds).rounded() == seconds / unit.seconds {
            return "\(Int(seconds / unit.seconds))\(unit.suffix)"
        }
        return "\(seconds)s"
    }
}
