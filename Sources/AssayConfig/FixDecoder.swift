import AssayCore
import Foundation

/// A `fix:` setting as written at one level (suite `defaults:`, table, check), before the levels are merged.
struct FixDraft: Sendable {
    /// `fix: off` (or `false`): no fixes here, whatever the levels above say.
    var off = false
    var rules: FixRuleSelection?
    var minConfidence: Double?
}

/// Decodes `fix:` settings and merges them from suite to table to check.
///
/// ```yaml
/// defaults: {fix: {min_confidence: 0.97}}       # the suite's default
/// tables:
///   customers:
///     fix: auto                                 # the table's default: every rule that fits each check
///     checks:
///       - regex: {column: ssn, pattern: '^\d{3}-\d{2}-\d{4}$'}
///         fix: {rules: [ssn], min_confidence: 0.99}
///       - not_null: email
///         fix: off
/// ```
///
/// Forms: `auto` or `true`; `off` or `false`; a list of rule names; or a mapping with `rules` (`auto` or a list)
/// and `min_confidence` (a number in 0...1 or a percentage such as `95%`; default 0.95). Each key the nearest level
/// does not give comes from the level above; a level that says `off` ends the search.
enum FixDecoder {
    static let keys = ["rules", "min_confidence"]

    static func draft(_ node: ConfigNode) throws(ConfigError) -> FixDraft {
        switch node.value {
        case .scalar(let text, _):
            switch text.lowercased() {
            case "auto", "true", "yes", "on": return FixDraft(rules: .auto)
            case "off", "false", "no", "none": return FixDraft(off: true)
            default:
                throw node.fail(.invalidValue, "fix must be auto, off, a list of rules or {rules: ..., min_confidence: ...}, not '\(text)'")
            }
        case .sequence:
            return FixDraft(rules: try rules(node))
        case .mapping:
            var problems = ConfigProblems()
            let map = try node.mapping("fix", allowed: keys, problems: &problems)
            let rules = problems.attempt { () throws(ConfigError) in try map["rules"].map { n throws(ConfigError) in try Self.rules(n) } } ?? nil
            let bar = problems.attempt { () throws(ConfigError) in try map["min_confidence"].map { n throws(ConfigError) in try confidence(n) } } ?? nil
            try problems.throwIfAny()
            return FixDraft(rules: rules, minConfidence: bar)
        }
    }

    /// `auto`, or rule names (one or a list), each known.
    static func rules(_ node: ConfigNode) throws(ConfigError) -> FixRuleSelection {
        if case .scalar(let text, _) = node.value, text.lowercased() == "auto" { return .auto }
        let names = try node.names("fix rules")
        var problems = ConfigProblems()
        var ids: [FixRuleID] = []
        let known = FixRuleID.allCases.map(\.rawValue)
        for name in names {
            guard let id = FixRuleID(rawValue: name.lowercased()) else {
                let hint = Suggestion.nearest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? "; expected one of: \(known.joined(separator: ", "))"
                problems.add(node.fail(.unknownKey, "unknown fix rule '\(name)'" + hint))
                continue
            }
            if ids.contains(id) { problems.add(node.fail(.duplicate, "fix rules list \(name) twice")) }
            ids.append(id)
        }
        try problems.throwIfAny()
        return .named(ids)
    }

    /// A confidence in 0...1, written as a number (`0.95`) or a percentage (`95%`).
    static func confidence(_ node: ConfigNode) throws(ConfigError) -> Double {
        let text = try node.string("min_confidence").trimmingCharacters(in: .whitespaces)
        let value: Double? = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value.isFinite, (0...1).contains(value) else {
            throw node.fail(.invalidValue, "min_confidence must be a number from 0 to 1 (or a percentage such as 95%), not '\(text)'")
        }
        return value
    }

    /// The settings of a check from its own draft and its defaults (nearest first); `nil` when fixes are off or
    /// not configured. A check that writes `fix:` itself must be fixable by a rule it allows.
    static func resolve(_ own: FixDraft?, defaults: [FixDraft], kind: CheckKind, at node: ConfigNode?) throws(ConfigError) -> FixSettings? {
        var rules: FixRuleSelection?
        var bar: Double?
        var any = false
        for level in [own].compactMap({ $0 }) + defaults {
            if level.off { break }
            any = true
            rules = rules ?? level.rules
            bar = bar ?? level.minConfidence
        }
        guard any else { return nil }
        let settings = FixSettings(rules: rules ?? .auto, minConfidence: bar ?? FixSettings.defaultMinConfidence)
        guard let own, !own.off, let node else { return settings }
        guard FixEngine.canVerify(kind) else {
            throw node.fail(.conflict, "fix: a \(kind.name) check cannot be fixed row by row (no fixed row could be checked against it)")
        }
        switch settings.rules {
        case .named(let ids):
            var problems = ConfigProblems()
            for id in ids {
                if let reason = FixEngine.unsuitability(of: id, for: kind) {
                    problems.add(node.fail(.conflict, "fix rule \(id) cannot fix this check: \(reason)"))
                }
            }
            try problems.throwIfAny()
        case .auto:
            let check = Check(id: "", kind: kind)
            if CheckFixer(check: check, settings: settings).rules.isEmpty {
                throw node.fail(.conflict, "fix: auto finds no rule for this \(kind.name) check (rules fit by kind and column name); name the rules: \(FixRuleID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        return settings
    }
}
