import AssayCore
import Foundation

/// The files of a generated demo: the SQLite database, the suite that checks it, and the manifest of
/// injected defects.
public struct DemoFiles: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    public var databasePath: String { (directory as NSString).appendingPathComponent("financeflow.db") }
    public var suitePath: String { (directory as NSString).appendingPathComponent("financeflow.yml") }
    public var manifestPath: String { (directory as NSString).appendingPathComponent("manifest.json") }

    /// Generates the data and writes all three files.
    public func write(scale: Int, now: CivilDateTime) throws -> DemoManifest {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let manifest = try DemoGenerator(scale: scale, now: now).write(databasePath: databasePath)
        try DemoSuite.yaml(databaseFile: "financeflow.db", manifest: manifest)
            .write(toFile: suitePath, atomically: true, encoding: .utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath))
        return manifest
    }
}

/// Compares what Assay reported with what the demo generator injected.
public enum DemoVerification {
    /// One line per check whose reported violations differ from the injected count (empty when all agree).
    public static func mismatches(_ result: SuiteResult, manifest: DemoManifest) -> [String] {
        var problems: [String] = []
        for (table, checks) in manifest.expected.sorted(by: { $0.key < $1.key }) {
            for (check, expected) in checks.sorted(by: { $0.key < $1.key }) {
                guard let reported = result.results.first(where: { $0.table == table && $0.check == check }) else {
                    problems.append("\(table).\(check): not in the results")
                    continue
                }
                if reported.status == .error {
                    problems.append("\(table).\(check): ERROR \(reported.message)")
                } else if reported.violations != expected {
                    problems.append("\(table).\(check): reported \(reported.violations.map(String.init) ?? "none"), injected \(expected)")
                }
            }
        }
        return problems
    }
}
