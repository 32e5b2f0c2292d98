import Foundation

/// A fresh directory under the system temp folder, removed by `cleanUp()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "assay-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    public func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}
