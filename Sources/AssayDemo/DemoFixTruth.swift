/// The true value behind one injected fixable defect: what a perfect fix would write into one column of one row.
/// The demo's tables carry no such column; only the manifest knows.
public struct DemoFixTruth: Sendable, Codable, Hashable {
    public var table: String
    /// The table's primary-key column and this row's key.
    public var keyColumn: String
    public var key: Int
    public var column: String
    /// The defect kind (``DemoManifest/injected``'s key, e.g. `customers.bad_ssn_format`).
    public var defect: String
    /// What the generator wrote, and what the value was before the defect was injected.
    public var injected: String
    public var truth: String

    public init(table: String, keyColumn: String, key: Int, column: String, defect: String, injected: String, truth: String) {
        self.table = table
        self.keyColumn = keyColumn
        self.key = key
        self.column = column
        self.defect = defect
        self.injected = injected
        self.truth = truth
    }
}
