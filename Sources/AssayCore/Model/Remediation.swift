/// What remediation does to the rows that violate a check.
public enum RemediationAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Mark the rows for manual review: a flag and a timestamp in the table's own columns when it has them, else in
    /// a side table keyed by the row's primary key.
    case flagForFollowup = "flag_for_followup"
    /// Move the rows to a quarantine table, with the run, the check, the reason and the time; restorable.
    case quarantine

    /// The action a name stands for, including the seed's `quarantine_transaction`.
    public init?(named name: String) {
        if name == "quarantine_transaction" { self = .quarantine; return }
        self.init(rawValue: name)
    }

    /// Every name a configuration may use.
    public static let names = allCases.map(\.rawValue) + ["quarantine_transaction"]
}

/// A check's remediation (`remediation:` in a suite; the seed's `auto_remediation` and `remediation_action`).
public struct Remediation: Sendable, Hashable, Codable {
    /// Whether the monitor remediates by itself when the check fails (and the suite's remediation says `apply: true`);
    /// `assay remediate` acts on every check that has an action.
    public var automatic: Bool
    public var action: RemediationAction?
    /// The quarantine table for this check, instead of the suite's template.
    public var table: String?

    public init(automatic: Bool, action: RemediationAction? = nil, table: String? = nil) {
        self.automatic = automatic
        self.action = action
        self.table = table
    }
}

/// The suite's `remediation:` section: where remediation writes and how it names what it writes.
public struct RemediationSettings: Sendable, Hashable {
    /// The write connection's URL: separate from the (read-only) source; `--writer` or `$ASSAY_WRITER_URL` may give it.
    public var writer: String?
    /// Whether `assay monitor` applies automatic remediation; otherwise it only says what it would do.
    public var apply: Bool
    /// The quarantine table of a table, `{table}` standing for its name.
    public var quarantineTable: String
    /// The table's own columns a flag goes into, when it has both.
    public var flagColumn: String
    public var flaggedAtColumn: String
    /// The flag's value.
    public var flagValue: String
    /// The side table flags go into when the table lacks the flag columns, `{table}` standing for its name.
    public var flagTable: String
    public var location: SourceLocation?

    public static let defaultQuarantineTable = "quarantined_{table}"
    public static let defaultFlagTable = "{table}_quality_flags"

    public init(writer: String? = nil, apply: Bool = false, quarantineTable: String = Self.defaultQuarantineTable,
                flagColumn: String = "data_quality_flag", flaggedAtColumn: String = "flagged_at", flagValue: String = "NEEDS_REVIEW",
                flagTable: String = Self.defaultFlagTable, location: SourceLocation? = nil) {
        self.writer = writer
        self.apply = apply
        self.quarantineTable = quarantineTable
        self.flagColumn = flagColumn
        self.flaggedAtColumn = flaggedAtColumn
        self.flagValue = flagValue
        self.flagTable = flagTable
        self.location = location
    }

    /// The quarantine table of `table` for `check`.
    public func quarantineTable(for table: String, check: Check) -> String {
        check.remediation?.table ?? quarantineTable.replacingOccurrences(of: "{table}", with: table)
    }

    /// The side table of flags for `table`.
    public func flagTable(for table: String) -> String { flagTable.replacingOccurrences(of: "{table}", with: table) }
}
