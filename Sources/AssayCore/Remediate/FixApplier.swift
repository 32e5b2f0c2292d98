import Foundation

/// One check of a run whose violating rows its fix rules may correct (`fix:`).
public struct FixableCheck: Sendable, Hashable {
    public var check: Check
    public var key: CheckKey
    public var table: String
    public var selection: RowSelection?
    public var violations: Int?

    /// The failed checks of `result` with fix settings that some rule fits (or those `only` names, whatever their
    /// status); a table's `fix: auto` leaves out its checks no rule can fix (uniqueness, counts, ages).
    public static func select(from result: SuiteResult, prepared: PreparedSuite, only: Set<String>? = nil) -> [FixableCheck] {
        prepared.actedOn(result, only: only) { check in check.kind.judgedRowByRow && !(CheckFixer(check: check)?.rules.isEmpty ?? true) }
            .map { plan, planned, checked in
                FixableCheck(check: planned.check, key: checked.key, table: plan.table, selection: planned.violatingRows, violations: checked.violations)
            }
    }
}

/// One row a fix changed, or left for review.
public struct FixedRow: Sendable, Hashable, Codable {
    /// The row's primary key, column by column.
    public var key: [String: SQLValue]
    public var changes: [FixChange]
    public var rule: FixRuleID
    public var confidence: Double
    public var reason: String
    /// Changed; otherwise flagged for review (below the confidence needed, rules disagreeing, or changed meanwhile).
    public var applied: Bool
}

/// What fixing one check did.
public struct FixOutcome: Sendable, Hashable, Codable {
    public var check: String
    public var key: CheckKey
    public var table: String
    /// Rows read (at most the limit), fixed, flagged for review, and left as they were (no rule could propose).
    public var rowsRead: Int
    public var fixed: Int
    public var review: Int
    public var unfixable: Int
    public var rows: [FixedRow]
    /// Where review flags went.
    public var flagTable: String?
    public var applied: Bool
    public var error: RemediationError.Code?
    public var message: String?
    public var seconds: Double?

    /// Nothing done yet for `target` (or nothing done because of `error`).
    public init(_ target: FixableCheck, error: RemediationError? = nil) {
        check = target.check.id
        key = target.key
        table = target.table
        rowsRead = 0
        fixed = 0
        review = 0
        unfixable = 0
        rows = []
        applied = false
        self.error = error?.code
        message = error?.message
    }
}

/// Applies a check's fixes in one transaction: each violating row's best proposal at or above the confidence bar is
/// written with a guarded `UPDATE` (only while the row still holds the values it was read with), every other row
/// with a proposal is flagged for review with the proposals as the reason; a dry run reads only.
public struct FixApplier: Sendable {
    public var settings: RemediationSettings
    /// The most rows one check's fixes read in one run.
    public var limit: Int

    public init(settings: RemediationSettings = RemediationSettings(), limit: Int = 10_000) {
        self.settings = settings
        self.limit = limit
    }

    /// The proposals for the check's violating rows now, without changing any (on the read-only source).
    public func preview(_ target: FixableCheck, on source: any DataSource, columns: [ColumnInfo]) async -> FixOutcome {
        var outcome = FixOutcome(target)
        do throws(RemediationError) {
            let selection = try Self.selection(target)
            let sql = RemediationSQL(dialect: source.dialect)
            let raw: [[SQLValue]]
            do throws(SourceError) { raw = try await source.fetchAll(sql.violatingRows(selection, limit: limit), limit: limit) } catch {
                throw RemediationError(.writer, "could not read the rows of \(target.key): \(error.message)", table: target.table)
            }
            decide(target, rows: raw, columns: columns.map(\.name), key: selection.keyColumns, into: &outcome)
        } catch {
            outcome.error = error.code
            outcome.message = error.message
        }
        return outcome
    }

    /// Fixes the rows in one transaction with `writer`; flags go to the table's flag columns or its flag table.
    public func apply(_ target: FixableCheck, with writer: any RowWriter, move: Remediator.MoveContext) async -> FixOutcome {
        let began = ContinuousClock.now
        var result: FixOutcome
        do throws(RemediationError) {
            let selection = try Self.selection(target)
            let sql = RemediationSQL(dialect: writer.dialect)
            let settings = settings, limit = limit
            result = try await writer.transaction { tx throws(RemediationError) -> FixOutcome in
                guard let schema = try await tx.schema(of: target.table) else {
                    throw RemediationError(.unknownTable, "table '\(target.table)' does not exist on the write connection \(writer.displayName)", table: target.table)
                }
                let raw = try await tx.rows(sql.violatingRows(selection, limit: limit))
                var outcome = FixOutcome(target)
                FixApplier(settings: settings, limit: limit).decide(target, rows: raw, columns: schema.columns.map(\.name), key: selection.keyColumns, into: &outcome)
                for (index, fixed) in outcome.rows.enumerated() where fixed.applied {
                    let update = sql.guardedUpdate(table: target.table, key: fixed.key, changes: fixed.changes, keyOrder: selection.keyColumns)
                    guard try await tx.execute(update) != 1 else { continue }
                    outcome.rows[index].applied = false
                    outcome.rows[index].reason = "changed since it was read; not fixed: " + outcome.rows[index].reason
                    outcome.fixed -= 1
                    outcome.review += 1
                }
                let reviews = outcome.rows.filter { !$0.applied }
                if !reviews.isEmpty {
                    outcome.flagTable = try await Self.flag(reviews, schema: schema, selection: selection, target: target, move: move, settings: settings, sql: sql, tx: tx)
                }
                outcome.applied = true
                return outcome
            }
        } catch {
            result = FixOutcome(target)
            result.error = error.code
            result.message = error.message
        }
        result.seconds = (ContinuousClock.now - began).seconds
        return result
    }

    /// Sorts each row into fixed, review and unfixable.
    private func decide(_ target: FixableCheck, rows raw: [[SQLValue]], columns: [String], key: [String], into outcome: inout FixOutcome) {
        let fixer = CheckFixer(check: target.check, settings: target.check.fix ?? FixSettings())
        outcome.rowsRead = raw.count
        for values in raw {
            let row = Dictionary(zip(columns, values), uniquingKeysWith: { a, _ in a })
            let keyValues = Dictionary(key.map { ($0, row[$0] ?? .null) }, uniquingKeysWith: { a, _ in a })
            switch fixer.decision(for: row) {
            case .apply(let proposal):
                outcome.rows.append(FixedRow(key: keyValues, changes: proposal.changes, rule: proposal.rule, confidence: proposal.confidence,
                                             reason: proposal.reason, applied: true))
                outcome.fixed += 1
            case .review(let proposals, let reason):
                guard let best = proposals.first else { continue }
                outcome.rows.append(FixedRow(key: keyValues, changes: best.changes, rule: best.rule, confidence: best.confidence,
                                             reason: reason + "; suggested: " + best.reason, applied: false))
                outcome.review += 1
            case .noProposal:
                outcome.unfixable += 1
            }
        }
    }

    private static func flag(_ rows: [FixedRow], schema: TableSchema, selection: RowSelection, target: FixableCheck, move: Remediator.MoveContext,
                             settings: RemediationSettings, sql: RemediationSQL, tx: any WriteTransaction) async throws(RemediationError) -> String {
        let names = Set(schema.columns.map(\.name))
        let inPlace = names.contains(settings.flagColumn) && names.contains(settings.flaggedAtColumn)
        let table = inPlace ? target.table : settings.flagTable(for: target.table)
        if !inPlace {
            if let existing = try await tx.schema(of: table) {
                if let problem = FlagTable.mismatch(existing, key: selection.keyColumns) {
                    throw RemediationError(.tableMismatch, "flag table '\(table)' exists but does not fit '\(target.table)': \(problem)", table: table)
                }
            } else {
                _ = try await tx.execute(sql.createFlags(table, key: selection.keyColumns.compactMap { schema.column(named: $0) }))
            }
        }
        for row in rows {
            let one = RowSelection(table: target.table, alias: nil, condition: sql.keyMatch(row.key, columns: selection.keyColumns),
                                   keyColumns: selection.keyColumns)
            if inPlace {
                _ = try await tx.execute(sql.flagInPlace(one, flagColumn: settings.flagColumn, atColumn: settings.flaggedAtColumn, value: settings.flagValue, at: move.at))
            } else {
                _ = try await tx.execute(sql.flagInSideTable(one, table: table, check: target.key.rawValue, value: settings.flagValue,
                                                             reason: "fix for review: " + row.reason, run: move.run.rawValue, at: move.at))
            }
        }
        return table
    }

    private static func selection(_ target: FixableCheck) throws(RemediationError) -> RowSelection {
        try RowSelection.required(target.selection, of: target.key, kind: target.check.kind, table: target.table, doing: "fixed and undone")
    }
}

/// Undoes applied fixes in one transaction: each value goes back only while the row still holds the fixed value;
/// a value changed since stops the undo with no row changed.
public enum FixUndo {
    /// One value to put back.
    public struct Change: Sendable, Hashable {
        public var table: String
        public var key: [String: SQLValue]
        public var column: String
        public var fixed: SQLValue
        public var original: SQLValue

        public init(table: String, key: [String: SQLValue], column: String, fixed: SQLValue, original: SQLValue) {
            self.table = table
            self.key = key
            self.column = column
            self.fixed = fixed
            self.original = original
        }
    }

    /// - Throws: ``RemediationError`` `.changedSince` naming the first value changed since it was fixed.
    public static func undo(_ changes: [Change], with writer: any RowWriter) async throws(RemediationError) -> Int {
        guard !changes.isEmpty else { throw RemediationError(.nothingToDo, "there are no applied fixes to undo") }
        let sql = RemediationSQL(dialect: writer.dialect)
        return try await writer.transaction { tx throws(RemediationError) -> Int in
            var undone = 0
            for change in changes {
                let key = change.key.keys.sorted()
                let update = sql.guardedUpdate(table: change.table, key: change.key, changes: [FixChange(column: change.column, oldValue: change.fixed, newValue: change.original)], keyOrder: key)
                guard try await tx.execute(update) == 1 else {
                    throw RemediationError(.changedSince, "\(change.table) row \(rowKeyText(change.key, order: key)): \(change.column) no longer holds the fixed value '\(change.fixed)' (changed since, or the row is gone); nothing was undone", table: change.table)
                }
                undone += 1
            }
            return undone
        }
    }
}
