import AssayCore
import Foundation

/// Reads a suite from a file: Assay's YAML format, the seed's JSON rules (`rules[]`), or a Great Expectations
/// expectation suite (`expectations[]`, run against the table named by `table`).
///
/// ```swift
/// let suite = try SuiteLoader().load(path: "financeflow.yml")
/// ```
public struct SuiteLoader: Sendable {
    public var environment: [String: String]
    /// Values for a GX suite's named `$PARAMETER`s (`--param NAME=VALUE`).
    public var parameters: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, parameters: [String: String] = [:]) {
        self.environment = environment
        self.parameters = parameters
    }

    /// Loads and validates a suite file: a regular UTF-8 file of at most 8 MiB.
    /// - Throws: ``ConfigError`` naming `file:line:column`, with every problem of the file.
    public func load(path: String, table: String? = nil) throws(ConfigError) -> Suite {
        let text = try ConfigFile.contents(ofPath: path)
        var suite = try parse(text, file: path, table: table)
        let folder = (path as NSString).deletingLastPathComponent
        if let source = suite.source { suite.source = SourceURL.resolvingRelativePath(source, relativeTo: folder) }
        if let store = suite.store { suite.store = SourceURL.resolvingRelativePath(store, relativeTo: folder) }
        if let file = suite.openLineage?.file, !file.hasPrefix("/"), !folder.isEmpty {
            suite.openLineage?.file = (folder as NSString).appendingPathComponent(file)
        }
        return suite
    }

    /// Parses suite text; `file` names it in errors; `table` is the table a GX suite validates.
    public func parse(_ text: String, file: String, table: String? = nil) throws(ConfigError) -> Suite {
        let raw = try ConfigNode.parse(text, file: file)
        let interpolation = Interpolation(environment: environment)
        let root = try raw.mapScalars { text, location throws(ConfigError) in try interpolation.apply(text, at: location) }
        let defaultName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        if GXSuiteDecoder.recognises(root) {
            return try GXSuiteDecoder(defaultName: defaultName, table: table, parameters: parameters).decode(root)
        }
        if table != nil {
            throw ConfigError(.usage, "--table applies to Great Expectations suites; \(file) names its tables itself", at: nil)
        }
        if case .mapping(let pairs) = root.value, pairs.contains(where: { $0.key == "rules" }) {
            return try SeedRulesDecoder(defaultName: defaultName).decode(root)
        }
        return try SuiteDecoder(defaultName: defaultName).decode(root)
    }
}
