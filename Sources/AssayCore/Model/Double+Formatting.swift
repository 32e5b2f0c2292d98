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
