/// One column as the source's catalogue describes it.
public struct ColumnInfo: Sendable, Hashable, Codable {
    public var name: String
    public var declaredType: String
    public var type: ValueType
    public var isNullable: Bool
    public var isPrimaryKey: Bool

    public init(name: String, declaredType: String, isNullable: Bool = true, isPrimaryKey: Bool = false) {
        self.name = name
        self.declaredType = declaredType
        self.type = ValueType(declared: declaredType)
        self.isNullable = isNullable
        self.isPrimaryKey = isPrimaryKey
    }
}

/// A foreign key the database enforces (PostgreSQL: a validated FOREIGN KEY constraint).
public struct ForeignKey: Sendable, Hashable, Codable {
    public var columns: [String]
    public var table: String
    public var keyColumns: [String]

    public init(columns: [String], table: String, keyColumns: [String]) {
        self.columns = columns
        self.table = table
        self.keyColumns = keyColumns
    }
}

/// A table's columns, in order, and the constraints the database enforces, read before any scan.
public struct TableSchema: Sendable, Hashable, Codable {
    public var table: String
    public var columns: [ColumnInfo]
    /// Column sets the database keeps unique (primary key and UNIQUE constraints).
    public var uniqueKeys: [[String]]
    /// Enforced foreign keys.
    public var foreignKeys: [ForeignKey]
    /// The schema (namespace) the table was found in, on a source that has them (PostgreSQL: `public`).
    public var databaseSchema: String?

    public init(table: String, columns: [ColumnInfo], uniqueKeys: [[String]]? = nil, foreignKeys: [ForeignKey] = []) {
        self.table = table
        self.columns = columns
        let primaryKey = columns.filter(\.isPrimaryKey).map(\.name)
        self.uniqueKeys = uniqueKeys ?? (primaryKey.isEmpty ? [] : [primaryKey])
        self.foreignKeys = foreignKeys
    }

    /// The column with this exact name, or else the only one equal ignoring case.
    public func column(named name: String) -> ColumnInfo? {
        if let exact = columns.first(where: { $0.name == name }) { return exact }
        let folded = columns.filter { $0.name.lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }

    public var primaryKey: [String] { columns.filter(\.isPrimaryKey).map(\.name) }

    /// The error text for a column this table does not have, with the nearest real name.
    package func unknownColumnMessage(_ name: String, role: String = "table") -> String {
        "unknown column '\(name)' in \(role) '\(table)'" + Suggestion.hint(for: name, in: columns.map(\.name))
    }
}
