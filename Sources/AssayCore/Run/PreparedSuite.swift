/// A suite made ready to run against one source: the catalogue of its tables and a plan per table (the prepare
/// stage). Pass the same value to every run: while the source reports the same schema version, a run sends no
/// catalogue query, reuses the plans of tables that do not depend on the clock, and re-plans the others from the
/// cached catalogue. A changed schema, or a statement that failed as if it had changed, makes the next run read
/// the catalogue again.
public struct PreparedSuite: Sendable {
    public let suite: Suite
    /// The plans of the last run (or of ``RunEngine/prepare(_:)``), in suite order; empty before the first.
    public internal(set) var plans: [TablePlan]
    var catalogue: Catalogue?
    var schemaVersion: String?
    /// Set when a run saw a failure that may come from a changed schema.
    var stale = false
    /// Per table, a condition its next run's rows must also meet (an incremental poll's new rows).
    var restrictions: [String: Condition] = [:]

    /// A suite not yet prepared: its first run reads the catalogue.
    public init(_ suite: Suite) {
        self.suite = suite
        plans = []
    }

    /// Whether the next run can skip the catalogue query (given an unchanged schema version).
    public var isPrepared: Bool { catalogue != nil && !stale }

    /// The columns of `table` as the catalogue read them; `nil` before the suite is prepared or when it has no such table.
    public func columns(of table: String) -> [ColumnInfo]? { catalogue?.schemas[table]?.columns }

    /// The tables' schemas as the catalogue read them (empty before the suite is prepared).
    public var schemas: [String: TableSchema] { catalogue?.schemas ?? [:] }

    /// `table` as its next run plans it: with the table's restriction, if any.
    func restricted(_ table: TableSpec) -> TableSpec {
        var copy = table
        copy.restriction = restrictions[table.name]
        return copy
    }

    /// Every table the suite reads: its own and those its referential checks name.
    var tableNames: [String] {
        var names = suite.tables.map(\.name)
        for table in suite.tables {
            for check in table.checks {
                if case .references(_, let parent, _) = check.kind { names.append(parent) }
            }
        }
        return names.uniqued()
    }
}

/// The catalogue of a run: schemas found, and why a table's could not be read.
struct Catalogue: Sendable {
    var schemas: [String: TableSchema] = [:]
    var failures: [String: TablePlan.TableError] = [:]

    /// Whether every table's columns were read (only such a catalogue is reused).
    var isComplete: Bool { failures.isEmpty }
}
