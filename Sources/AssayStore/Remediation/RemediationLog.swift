import AssayCore
import Foundation

/// The store's audit log of remediation (migration v6): every change remediation made to a checked database, who
/// made it, and what it refers to, so it can be shown on its incident, restored or undone, and counted.
public protocol RemediationLog: Sendable {
    /// Records one action and, for fixes, each value it changed or left for review, in one transaction.
    func record(_ entry: RemediationEntry, fixes: [FixRecord]) async throws(StoreError)
    /// Sets what an action recorded before it ran came to: its rows, a note (why it failed, if it did), and the values
    /// a fix changed or left for review, in one transaction.
    func finish(_ id: String, rows: Int, note: String?, fixes: [FixRecord]) async throws(StoreError)
    /// Actions, newest first, of a run, a check (id or key), an incident, or all (`nil`s).
    func remediations(run: RunID?, check: String?, incident: String?, last: Int) async throws(StoreError) -> [RemediationEntry]
    /// Quarantine moves not yet restored, of a run and/or a check (id, `table.id` or key), oldest first.
    func openMoves(run: RunID?, check: String?) async throws(StoreError) -> [RemediationEntry]
    /// The values a fix action changed or left for review, in order.
    func fixes(of action: String) async throws(StoreError) -> [FixRecord]
    /// Marks the fixes of `action` numbered `sequences` as undone at `at`.
    func markUndone(action: String, sequences: [Int], at: Date) async throws(StoreError)
    /// Rows quarantined and rows fixed (a swap of two values is one row) per check of `suite` (or of every suite) in `[from, to)`, less what was
    /// restored or undone since.
    func remediationTotals(suite: String?, from: Date, to: Date) async throws(StoreError) -> [CheckKey: RemediationTotals]
}

/// One action of the audit log.
public struct RemediationEntry: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case quarantine
        case flag = "flag_for_followup"
        case fix
        case restore
        case undo
    }

    public var id: String
    public var at: Date
    public var suite: String
    public var run: RunID?
    public var check: CheckKey?
    public var table: String
    public var action: Action
    /// The quarantine or flag table, or the table itself.
    public var target: String
    public var rows: Int
    public var incident: String?
    /// Who did it: `assay remediate`, `assay monitor`, `assay quarantine restore`, ...
    public var actor: String
    /// The write connection, without its password.
    public var writer: String
    /// The action a restore or an undo reverses.
    public var refersTo: String?
    public var note: String?

    public init(id: String, at: Date, suite: String, run: RunID?, check: CheckKey?, table: String, action: Action, target: String,
                rows: Int, incident: String? = nil, actor: String, writer: String, refersTo: String? = nil, note: String? = nil) {
        self.id = id
        self.at = at
        self.suite = suite
        self.run = run
        self.check = check
        self.table = table
        self.action = action
        self.target = target
        self.rows = rows
        self.incident = incident
        self.actor = actor
        self.writer = writer
        self.refersTo = refersTo
        self.note = note
    }
}

/// One value a fix changed (or proposed and left for review).
public struct FixRecord: Sendable, Hashable, Codable {
    public var sequence: Int
    public var table: String
    /// The row's primary key, column by column.
    public var key: [String: SQLValue]
    public var column: String
    public var oldValue: SQLValue
    public var newValue: SQLValue
    public var rule: String
    public var confidence: Double
    /// Applied, or left for review (below the confidence needed, or the value changed meanwhile).
    public var applied: Bool
    public var undoneAt: Date?

    public init(sequence: Int, table: String, key: [String: SQLValue], column: String, oldValue: SQLValue, newValue: SQLValue,
                rule: String, confidence: Double, applied: Bool, undoneAt: Date? = nil) {
        self.sequence = sequence
        self.table = table
        self.key = key
        self.column = column
        self.oldValue = oldValue
        self.newValue = newValue
        self.rule = rule
        self.confidence = confidence
        self.applied = applied
        self.undoneAt = undoneAt
    }
}

/// What remediation did for one check in a period.
public struct RemediationTotals: Sendable, Hashable, Codable {
    public var quarantined: Int
    public var fixed: Int
    public var flagged: Int

    public init(quarantined: Int = 0, fixed: Int = 0, flagged: Int = 0) {
        self.quarantined = quarantined
        self.fixed = fixed
        self.flagged = flagged
    }
}
