/// One column's new value in a proposed fix.
public struct FixChange: Sendable, Hashable, Codable {
    public var column: String
    /// The value the row holds now (the executor's guard: update only while the row still holds it).
    public var oldValue: SQLValue
    public var newValue: SQLValue

    public init(column: String, oldValue: SQLValue, newValue: SQLValue) {
        self.column = column
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

/// A correction a fix rule proposes for one violating row: the new values (one column for most rules, two for
/// ``FixRuleID/swappedDates``, always applied together), the rule, its confidence and why.
///
/// Every proposal the engine returns has been re-evaluated: the row with ``changes`` applied passes the check.
public struct FixProposal: Sendable, Hashable, Codable {
    /// The id of the check the row violates.
    public var checkID: String
    /// At least one change; all of them or none are applied.
    public var changes: [FixChange]
    public var rule: FixRuleID
    /// How likely the new values are the true ones, in `0...1` (see docs/fixes.md for each rule's model).
    public var confidence: Double
    /// A short reason for a person, e.g. `domain typo 'gmial.com' -> 'gmail.com'`.
    public var reason: String

    public init(checkID: String, changes: [FixChange], rule: FixRuleID, confidence: Double, reason: String) {
        self.checkID = checkID
        self.changes = changes
        self.rule = rule
        self.confidence = min(1, max(0, confidence))
        self.reason = reason
    }

    /// The row with the changes applied.
    public func applied(to row: [String: SQLValue]) -> [String: SQLValue] {
        var out = row
        for change in changes { out[FixRow.key(change.column, in: row) ?? change.column] = change.newValue }
        return out
    }
}
