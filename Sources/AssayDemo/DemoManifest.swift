/// What a generated demo database contains, and exactly what the demo suite must find in it.
///
/// `expected[table][checkID]` is the exact number of violating rows each row-counting check of
/// ``DemoSuite`` must report. Checks that measure a table rather than count rows (`row_count`,
/// `columns`, `freshness`) have no entry.
public struct DemoManifest: Sendable, Codable, Equatable {
    /// The scale the database was generated at (`scale * 1000` customers).
    public var scale: Int
    /// The instant taken as "now" (``AssayCore/CivilDateTime/description``); checks must run with it.
    public var now: String
    /// Rows per table.
    public var rowCounts: [String: Int]
    /// Table -> check id -> exact number of violating rows.
    public var expected: [String: [String: Int]]
    /// Defect kind (`table.kind`, e.g. `customers.missing_email`) -> rows injected.
    public var injected: [String: Int]
    /// The true value of every column an injected fixable defect changed (`customers.bad_ssn_format`: the SSN;
    /// `accounts.closed_before_opened`: both dates), in table and key order. Unfixable defects (`N/A` phones,
    /// emails without `@`, unknown account types) have none: a fix rule must not propose anything for them.
    public var fixTruth: [DemoFixTruth]

    public init(scale: Int, now: String, rowCounts: [String: Int], expected: [String: [String: Int]],
                injected: [String: Int], fixTruth: [DemoFixTruth] = []) {
        self.scale = scale
        self.now = now
        self.rowCounts = rowCounts
        self.expected = expected
        self.injected = injected
        self.fixTruth = fixTruth
    }

    /// The defect kinds whose rows have a true value in ``fixTruth``.
    public static let fixableDefects: Set<String> = ["customers.bad_ssn_format", "accounts.closed_before_opened"]

    /// The `YYYY-MM-DD` date of ``now``.
    public var today: String { String(now.prefix(10)) }
}
