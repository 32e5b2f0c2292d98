import Foundation

/// Carries out remediation: a dry run on the read-only source, or the change itself in one verified transaction on
/// a write connection. A failed remediation changes no row and says why.
public struct Remediator: Sendable {
    public var settings: RemediationSettings
    /// Keys a dry run shows per check.
    public var previewKeys: Int

    public init(settings: RemediationSettings = RemediationSettings(), previewKeys: Int = 10) {
        self.settings = settings
        self.previewKeys = previewKeys
    }

    /// Where `target`'s rows would go.
    public func destination(of target: RemediationTarget, columns: [ColumnInfo]?) -> String {
        switch target.action {
        case .quarantine: return settings.quarantineTable(for: target.table, check: target.check)
        case .flagForFollowup:
            let names = Set(columns?.map(\.name) ?? [])
            return names.contains(settings.flagColumn) && names.contains(settings.flaggedAtColumn) ? target.table : settings.flagTable(for: target.table)
        }
    }

    /// How many rows the action would change now, and their first keys; reads only.
    public func preview(_ target: RemediationTarget, on source: any DataSource, columns: [ColumnInfo]?) async -> RemediationOutcome {
        let destination = destination(of: target, columns: columns)
        do throws(RemediationError) {
            let selection = try Self.selection(target)
            let sql = RemediationSQL(dialect: source.dialect)
            do throws(SourceError) {
                let count = try await source.fetchOne(sql.count(selection)).first?.int ?? 0
                let keys = try await source.fetchAll(sql.sampleKeys(selection, limit: previewKeys), limit: previewKeys)
                return RemediationOutcome(target: target, destination: destination, applied: false, rows: count,
                                          sampleKeys: keys.map { $0.map(\.description) })
            } catch {
                throw RemediationError(.writer, "could not read the rows of \(target.key): \(error.message)", table: target.table)
            }
        } catch {
            return RemediationOutcome(target: target, destination: destination, applied: false, rows: 0, error: error)
        }
    }

    /// Changes the rows in one transaction: moves them to quarantine (verified: as many inserted as deleted, and no
    /// key left in both tables) or flags them.
    /// - Parameter move: the move's id, the run and the time, recorded with every row.
    public func apply(_ target: RemediationTarget, with writer: any RowWriter, move: MoveContext) async -> RemediationOutcome {
        var destination = settings.quarantineTable(for: target.table, check: target.check)
        let began = ContinuousClock.now
        do throws(RemediationError) {
            let selection = try Self.selection(target)
            let settings = settings
            let sql = RemediationSQL(dialect: writer.dialect)
            let (rows, used) = try await writer.transaction { tx throws(RemediationError) -> (Int, String) in
                guard let schema = try await tx.schema(of: target.table) else {
                    throw RemediationError(.unknownTable, "table '\(target.table)' does not exist on the write connection \(writer.displayName)", table: target.table)
                }
                switch target.action {
                case .quarantine:
                    let table = settings.quarantineTable(for: target.table, check: target.check)
                    return (try await Self.quarantine(selection, schema: schema, into: table, target: target, move: move, sql: sql, tx: tx), table)
                case .flagForFollowup:
                    return try await Self.flag(selection, schema: schema, target: target, move: move, settings: settings, sql: sql, tx: tx)
                }
            }
            destination = used
            var outcome = RemediationOutcome(target: target, destination: destination, applied: true, rows: rows,
                                             moveID: target.action == .quarantine ? move.id : nil)
            outcome.seconds = (ContinuousClock.now - began).seconds
            return outcome
        } catch {
            if target.action == .flagForFollowup { destination = settings.flagTable(for: target.table) }
            var outcome = RemediationOutcome(target: target, destination: destination, applied: false, rows: 0, error: error)
            outcome.seconds = (ContinuousClock.now - began).seconds
            return outcome
        }
    }

    /// The id, run and time of one remediation.
    public struct MoveContext: Sendable {
        public var id: String
        public var run: RunID
        public var at: Date

        public init(id: String, run: RunID, at: Date) {
            self.id = id
            self.run = run
            self.at = at
        }
    }

    private static func selection(_ target: RemediationTarget) throws(RemediationError) -> RowSelection {
        try RowSelection.required(target.selection, of: target.key, kind: target.check.kind, table: target.table,
                                  doing: target.action == .quarantine ? "quarantined and restored" : "flagged")
    }

    private static func quarantine(_ selection: RowSelection, schema: TableSchema, into table: String, target: RemediationTarget,
                                   move: MoveContext, sql: RemediationSQL, tx: any WriteTransaction) async throws(RemediationError) -> Int {
        let isPostgres = sql.dialect.name == "postgresql"
        if let existing = try await tx.schema(of: table) {
            if let problem = QuarantineTable.mismatch(existing, source: schema, compareTypes: isPostgres) {
                throw RemediationError(.tableMismatch, "quarantine table '\(table)' exists but does not fit '\(target.table)': \(problem); name another with remediation quarantine_table", table: table)
            }
        } else {
            _ = try await tx.execute(sql.createQuarantine(table, like: selection))
            _ = try await tx.execute(sql.indexQuarantine(table))
        }
        let record = RemediationSQL.Move(id: move.id, run: move.run.rawValue, check: target.key.rawValue, reason: target.reason, at: move.at)
        let columns = schema.columns.map(\.name)
        let deleted: Int, inserted: Int
        if isPostgres {
            let counts = try await tx.rows(sql.moveInOneStatement(selection, columns: columns, into: table, move: record)).first ?? []
            deleted = counts.first?.int ?? -1
            inserted = counts.dropFirst().first?.int ?? -2
        } else {
            inserted = try await tx.execute(sql.copy(selection, columns: columns, into: table, move: record))
            deleted = try await tx.execute(sql.deleteMoved(selection, from: table, moveID: move.id))
        }
        guard deleted == inserted else {
            throw RemediationError(.verificationFailed, "the move of \(target.key) deleted \(deleted) rows but quarantined \(inserted); rolled back, no row changed", table: target.table)
        }
        let both = try await tx.rows(sql.keysInBoth(source: target.table, key: selection.keyColumns, quarantine: table,
                                                    where: sql.quarantined(move: move.id, prefix: "m")))
        guard both.isEmpty else {
            throw RemediationError(.verificationFailed, "after the move of \(target.key), keys are in both '\(target.table)' and '\(table)' (\(both.map { $0.map(\.description).joined(separator: ",") }.joined(separator: "; "))); rolled back, no row changed", table: target.table)
        }
        return inserted
    }

    private static func flag(_ selection: RowSelection, schema: TableSchema, target: RemediationTarget, move: MoveContext,
                             settings: RemediationSettings, sql: RemediationSQL, tx: any WriteTransaction) async throws(RemediationError) -> (Int, String) {
        let names = Set(schema.columns.map(\.name))
        if names.contains(settings.flagColumn) && names.contains(settings.flaggedAtColumn) {
            let rows = try await tx.execute(sql.flagInPlace(selection, flagColumn: settings.flagColumn, atColumn: settings.flaggedAtColumn,
                                                            value: settings.flagValue, at: move.at))
            return (rows, target.table)
        }
        let table = settings.flagTable(for: target.table)
        let key = selection.keyColumns.compactMap { schema.column(named: $0) }
        if let existing = try await tx.schema(of: table) {
            if let problem = FlagTable.mismatch(existing, key: selection.keyColumns) {
                throw RemediationError(.tableMismatch, "flag table '\(table)' exists but does not fit '\(target.table)': \(problem); name another with remediation flag_table", table: table)
            }
        } else {
            _ = try await tx.execute(sql.createFlags(table, key: key))
        }
        let rows = try await tx.execute(sql.flagInSideTable(selection, table: table, check: target.key.rawValue, value: settings.flagValue,
                                                            reason: target.reason, run: move.run.rawValue, at: move.at))
        return (rows, table)
    }
}

/// A row's primary key as a person reads it: `id=7` or `region=EU,id=7`, columns in `order` (else by name).
public func rowKeyText(_ key: [String: SQLValue], order: [String]? = nil) -> String {
    (order ?? key.keys.sorted()).map { "\($0)=\(key[$0]?.description ?? "NULL")" }.joined(separator: ",")
}

extension RowSelection {
    /// `selection`, which remediation needs: the check judges single rows, and the table names them by a primary key.
    /// - Parameter doing: what remediation does to the rows ("quarantined and restored"), for the message.
    package static func required(_ selection: RowSelection?, of key: CheckKey, kind: CheckKind, table: String,
                                 doing: String) throws(RemediationError) -> RowSelection {
        guard let selection else {
            throw RemediationError(.notRowLevel, "\(key) (\(kind.name)) judges the table as a whole or rows against each other, so no single row can be \(doing)", table: table)
        }
        guard !selection.keyColumns.isEmpty else {
            throw RemediationError(.noPrimaryKey, "table '\(table)' has no primary key, so its rows cannot be \(doing) one by one; add a primary key", table: table)
        }
        return selection
    }
}
