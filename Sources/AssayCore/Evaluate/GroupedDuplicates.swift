import Foundation

/// The answer of a grouped duplicate count: `[duplicate rows, [[value, ..., occurrences], ...]]` as JSON text.
struct GroupedDuplicates {
    var violations: Int
    /// The most repeated values with their number of occurrences, unmasked.
    var sample: [[SQLValue]]

    init(_ value: SQLValue) throws(MeasureFailure) {
        guard case .text(let text) = value, let data = text.data(using: .utf8),
              let array = (try? JSONSerialization.jsonObject(with: data)) as? [Any], array.count == 2,
              let total = (array[0] as? NSNumber)?.intValue, let groups = array[1] as? [[Any]]
        else { throw MeasureFailure(message: "unexpected duplicate count \(value)") }
        violations = total
        sample = groups.map { group in group.map(Self.text) }
    }

    private static func text(_ value: Any) -> SQLValue {
        switch value {
        case is NSNull: .null
        case let string as String: .text(string)
        case let number as NSNumber: Double(number.int64Value) == number.doubleValue ? .integer(number.int64Value) : .double(number.doubleValue)
        default: .text("\(value)")
        }
    }
}
