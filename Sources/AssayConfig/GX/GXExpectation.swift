import AssayCore

/// One GX expectation (`type`, `kwargs`) mapped onto an Assay check with the same semantics:
/// column-map expectations skip NULLs and judge `mostly` on the non-null rows; pair and multicolumn
/// expectations drop rows by `ignore_row_if` first; `row_condition` is written in Assay's condition language.
struct GXExpectation {
    let node: ConfigNode
    let type: String
    let kwargs: ConfigMapping
    let location: SourceLocation
    /// Values of named suite parameters.
    let parameters: [String: String]

    /// Keys that change nothing about the answer.
    static let ignoredKeys: Set<String> = ["result_format", "catch_exceptions", "include_config", "meta", "notes",
                                           "condition_parser", "allow_cross_type_comparisons", "batch_id"]

    init(_ node: ConfigNode, parameters: [String: String] = [:]) throws(ConfigError) {
        let map = try node.mapping("an expectation", allowed: ["type", "expectation_type", "kwargs", "meta", "id", "notes",
                                                                "rendered_content", "description", "severity"])
        guard let typeNode = map["type"] ?? map["expectation_type"] else { throw node.fail(.missingKey, "an expectation needs 'type'") }
        self.node = node
        self.type = try typeNode.string("type")
        self.location = node.location
        self.parameters = parameters
        if let kwargsNode = map["kwargs"] {
            guard case .mapping(let pairs) = kwargsNode.value else { throw kwargsNode.fail(.typeMismatch, "kwargs must be a mapping") }
            kwargs = ConfigMapping(pairs: pairs, location: kwargsNode.location, what: "kwargs of \(type)")
        } else {
            kwargs = ConfigMapping(pairs: [], location: node.location, what: "kwargs of \(type)")
        }
    }

    /// The check; an expectation or argument Assay does not support gives an always-ERROR check naming it.
    func check() throws(ConfigError) -> Check {
        do {
            return try mapped()
        } catch let unsupported as Unsupported {
            let kind = CheckKind.unsupported(name: type, reason: "\(type) \(unsupported.reason)")
            return Check(id: type, kind: kind, severity: .medium, origin: origin, location: location)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw node.fail(.invalidValue, "\(type): \(error)")
        }
    }

    /// The expectation as written, for reports in GX's vocabulary.
    var origin: CheckOrigin {
        CheckOrigin(name: type, arguments: .object(kwargs.pairs.map { ($0.key, $0.value.json) }))
    }

    /// An expectation or argument outside what Assay maps.
    struct Unsupported: Error { var reason: String }

    private func mapped() throws -> Check {
        guard let rule = Self.rules[type] else {
            let hint = Suggestion.nearest(to: type, in: Array(Self.rules.keys)).map { " (did you mean \($0)?)" } ?? ""
            throw Unsupported(reason: "is not supported by Assay\(hint)")
        }
        for key in kwargs.keys where !rule.keys.contains(key) && !Self.ignoredKeys.contains(key) && !Self.commonKeys.contains(key) {
            throw Unsupported(reason: "argument '\(key)' is not supported")
        }
        var parts = try rule.build(self)
        var filters: [Expr] = []
        var texts: [String] = []
        if let condition = try rowCondition() { filters.append(condition.expr); texts.append(condition.text) }
        filters += parts.scope
        texts += parts.scope.map { _ in parts.scopeText }
        let filter = Expr.and(filters).map { Condition(expr: $0, text: texts.joined(separator: " AND ")) }
        if let mostly = try kwargs["mostly"].map({ n throws(ConfigError) in try n.double("mostly") }) {
            guard (0...1).contains(mostly) else { throw kwargs["mostly"]!.fail(.invalidValue, "mostly must be between 0 and 1, not \(mostly)") }
            guard parts.kind.countsRows else { throw Unsupported(reason: "does not take 'mostly'") }
            parts.thresholds = ViolationThresholds(fail: .percent((1 - mostly) * 100))
        }
        let id = ([type.replacingOccurrences(of: "expect_", with: "")] + parts.kind.columns).joined(separator: "_")
        return Check(id: id, kind: parts.kind, thresholds: parts.thresholds, filter: filter, origin: origin, location: location)
    }

    private static let commonKeys: Set<String> = ["mostly", "row_condition"]

    private func rowCondition() throws -> Condition? {
        guard let node = kwargs["row_condition"] else { return nil }
        if let parser = try kwargs["condition_parser"]?.string("condition_parser"), parser == "pandas" || parser == "spark" {
            throw Unsupported(reason: "row_condition is written for the \(parser) parser; write it in Assay's condition language")
        }
        return try CheckDecoder.condition(node, what: "row_condition")
    }
}

/// What one expectation becomes: the check kind, the rows it looks at, and its limits.
struct GXCheckParts {
    var kind: CheckKind
    /// Conditions rows must meet to be considered (non-null values; rows not ignored).
    var scope: [Expr] = []
    var scopeText = ""
    var thresholds = ViolationThresholds()
}
