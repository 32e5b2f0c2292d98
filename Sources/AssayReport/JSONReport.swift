import AssayCore
import Foundation

/// The machine-readable report: the ``SuiteResult``'s own `Codable` form (docs/results.md), pretty-printed with
/// sorted keys. Every key is always present (null when it does not apply); keys are snake_case. It reads back with
/// ``read(_:)``.
public struct JSONReport: Sendable {
    /// Version of the document's shape; bumped only on incompatible changes.
    public static var formatVersion: Int { SuiteResult.formatVersion }

    public init() {}

    public func render(_ result: SuiteResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value of a result encodes (non-finite numbers are written as null), so this cannot fail.
        let data = (try? encoder.encode(result)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a report written by ``render(_:)``.
    /// - Throws: `DecodingError` naming the key that does not fit, or a `format_version` other than this one.
    public static func read(_ text: String) throws -> SuiteResult {
        try JSONDecoder().decode(SuiteResult.self, from: Data(text.utf8))
    }
}
