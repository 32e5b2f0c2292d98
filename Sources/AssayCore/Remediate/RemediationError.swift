/// Why a remediation did not happen. Whenever one is thrown, no row was changed: the transaction was rolled back.
public struct RemediationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, extensible like PostgreSQL's error codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No write connection is configured.
        public static let noWriter = Code("no_writer")
        /// The write connection cannot write (a read-only file or role, no privilege).
        public static let notWritable = Code("not_writable")
        /// The table has no primary key, so its rows cannot be named, moved back or flagged one by one.
        public static let noPrimaryKey = Code("no_primary_key")
        /// The table the action needs is missing.
        public static let unknownTable = Code("unknown_table")
        /// A quarantine or flag table exists with columns other than those it must have.
        public static let tableMismatch = Code("table_mismatch")
        /// Rows to restore have keys that rows now in the table use again.
        public static let keysReused = Code("keys_reused")
        /// A move's counts did not agree (rolled back).
        public static let verificationFailed = Code("verification_failed")
        /// Nothing matches what a restore or an undo names.
        public static let nothingToDo = Code("nothing_to_do")
        /// A fixed value was changed since, so undoing it would lose that change.
        public static let changedSince = Code("changed_since")
        /// The check cannot name its violating rows (it judges the table as a whole, or rows against each other).
        public static let notRowLevel = Code("not_row_level")
        /// The database refused a statement.
        public static let writer = Code("writer")
    }

    public var code: Code
    public var message: String
    /// The table the error concerns, when there is one.
    public var table: String?

    public init(_ code: Code, _ message: String, table: String? = nil) {
        self.code = code
        self.message = message
        self.table = table
    }

    public var description: String { message }
}
