/// The shape of a quarantine table: the source table's columns, in order, then what Assay records of each move.
public enum QuarantineTable {
    /// The move (one per check and run), the run, the check, why, and when.
    public static let idColumn = "quarantine_id"
    public static let runColumn = "quarantine_run_id"
    public static let checkColumn = "quarantine_check"
    public static let reasonColumn = "quarantine_reason"
    public static let atColumn = "quarantined_at"
    public static let recordColumns = [idColumn, runColumn, checkColumn, reasonColumn, atColumn]

    /// What is wrong with an existing quarantine table `found` for `source`, or `nil` when it fits: it must hold the
    /// source's columns and the record columns, no other, and (where the database names types) of the same types.
    package static func mismatch(_ found: TableSchema, source: TableSchema, compareTypes: Bool) -> String? {
        var problems = columnProblems(found, expected: source.columns.map(\.name) + recordColumns)
        if compareTypes {
            for column in source.columns {
                guard let other = found.columns.first(where: { $0.name == column.name }),
                      other.declaredType.lowercased() != column.declaredType.lowercased() else { continue }
                problems.append("\(column.name) is \(other.declaredType) there but \(column.declaredType) in \(source.table)")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

/// The shape of a side table of flags: the flagged table's primary key, the check, and the flag.
public enum FlagTable {
    public static let checkColumn = "flag_check"
    public static let flagColumn = "flag"
    public static let reasonColumn = "flag_reason"
    public static let runColumn = "flag_run_id"
    public static let atColumn = "flagged_at"
    public static let recordColumns = [checkColumn, flagColumn, reasonColumn, runColumn, atColumn]

    package static func mismatch(_ found: TableSchema, key: [String]) -> String? {
        let problems = columnProblems(found, expected: key + recordColumns)
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

/// The columns `found` lacks and has beyond `expected`, as sentences.
private func columnProblems(_ found: TableSchema, expected: [String]) -> [String] {
    let names = found.columns.map(\.name)
    let missing = expected.filter { !names.contains($0) }
    let extra = names.filter { !expected.contains($0) }
    var problems: [String] = []
    if !missing.isEmpty { problems.append("it lacks \(missing.joined(separator: ", "))") }
    if !extra.isEmpty { problems.append("it has other columns: \(extra.joined(separator: ", "))") }
    return problems
}
