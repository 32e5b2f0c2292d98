import AssayCore
import AssayMonitorCore
import Foundation

/// The compliance report as JSON: ``ComplianceReport``'s own `Codable` form, keys sorted, instants as UTC text to the
/// millisecond. A figure without data (no run in the period) is absent; its rule's status says NO DATA.
public struct ComplianceJSONReport: Sendable {
    public init() {}

    public func render(_ report: ComplianceReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(InstantText.string(date))
        }
        // The report holds only numbers, text and dates: encoding cannot fail.
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
