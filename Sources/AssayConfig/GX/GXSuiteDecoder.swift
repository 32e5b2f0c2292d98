import AssayCore

/// Decodes a Great Expectations expectation suite (GX 1.x `type`, or 0.x `expectation_type`) into a suite of
/// one table. Every expectation becomes one check with GX's semantics; one Assay cannot run becomes an
/// ``CheckKind/unsupported(name:reason:)`` check, reported as ERROR with its name, never silently dropped.
///
/// ```json
/// {"name": "customers", "expectations": [
///   {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "email"}}]}
/// ```
struct GXSuiteDecoder {
    var defaultName: String
    /// The table the suite validates (GX binds suites to data outside the suite; `--table` names it here).
    var table: String?
    /// Values of named suite parameters.
    var parameters: [String: String] = [:]

    static let topKeys = ["name", "expectation_suite_name", "expectations", "meta", "id", "ge_cloud_id",
                          "data_asset_type", "notes"]

    /// Whether a parsed document is a GX suite: a mapping with an `expectations` list.
    static func recognises(_ root: ConfigNode) -> Bool {
        guard case .mapping(let pairs) = root.value else { return false }
        return pairs.contains { $0.key == "expectations" }
    }

    func decode(_ root: ConfigNode) throws(ConfigError) -> Suite {
        let top = try root.mapping("the expectation suite", allowed: Self.topKeys)
        guard let table else {
            throw root.fail(.usage, "a Great Expectations suite does not name its table; pass --table NAME")
        }
        var checks: [Check] = []
        for (index, node) in try top.required("expectations").list("expectations").enumerated() {
            var check = try GXExpectation(node, parameters: parameters).check()
            if checks.contains(where: { $0.id == check.id }) { check.id += "_\(index + 1)" }
            checks.append(check)
        }
        let name = try top["name"]?.string("name")
        let legacyName = try top["expectation_suite_name"]?.string("expectation_suite_name")
        return Suite(name: name ?? legacyName ?? defaultName, tables: [TableSpec(name: table, checks: checks, location: root.location)])
    }
}
