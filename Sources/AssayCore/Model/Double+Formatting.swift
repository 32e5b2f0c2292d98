import Foundation

extension Double {
    /// A short, locale-independent rendering: `5`, `0.25`, `1.3333`.
    package func formatted(maxFractionDigits: Int) -> String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        var text = String(format: "%.\(maxFractionDigits)f", self)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension Int {
    /// With thousands separated by commas, locale-independent: `1,234,567`.
    package var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (self < 0 ? "-" : "") + out
    }
}
