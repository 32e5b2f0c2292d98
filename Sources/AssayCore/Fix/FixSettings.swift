/// Which fix rules a check may use.
public enum FixRuleSelection: Sendable, Hashable {
    /// Every rule that fits the check: by its kind (an `in_set` check for ``FixRuleID/category``, a comparison of
    /// two columns for ``FixRuleID/swappedDates``) and, for the format rules, by its column's name (`email`,
    /// `phone`, `ssn`, ...).
    case auto
    /// Only these rules, whatever the column is called (the check's kind must still suit them).
    case named([FixRuleID])
}

/// A check's `fix:` settings: the rules that may propose corrections, and the confidence a correction needs to be
/// applied. Below ``minConfidence`` a proposal is not applied; the row is flagged for review instead.
public struct FixSettings: Sendable, Hashable {
    /// The confidence a proposal needs, unless configuration says otherwise.
    public static let defaultMinConfidence = 0.95

    public var rules: FixRuleSelection
    /// In `0...1`; a proposal is applied when its confidence is at least this.
    public var minConfidence: Double

    public init(rules: FixRuleSelection = .auto, minConfidence: Double = FixSettings.defaultMinConfidence) {
        self.rules = rules
        self.minConfidence = minConfidence
    }
}

extension FixSettings {
    /// The settings as text for the check's definition fingerprint: `auto@0.95`, `ssn,phone@0.99`.
    var signature: String {
        let rules = switch rules {
        case .auto: "auto"
        case .named(let ids): ids.map(\.rawValue).joined(separator: ",")
        }
        return rules + "@" + minConfidence.formatted(maxFractionDigits: 6)
    }
}
