import AssayCore
import GRDB

/// Scores the fix rules on a generated demo database against the manifest's ``DemoManifest/fixTruth``.
///
/// Every row of each table is read; for each check, the rows the check's condition rejects (judged in memory by
/// the fix engine, which can also tell how many there are) get a ``FixDecision``. A fix applied (at or above the
/// bar) is correct when it sets exactly the row's true values and nothing else; a fix applied to a row without a
/// true value (an `N/A` phone, an email without `@`) is a false fix.
///
/// ```swift
/// let cases = try FixMeasurement.cases(databasePath: "financeflow.db", suite: suite, manifest: manifest)
/// let score = FixMeasurement.score(cases)   // score.precision, score.coverage
/// ```
public enum FixMeasurement {
    /// One check's violating rows, ready to be given to its fixer.
    public struct Case: Sendable {
        public var table: String
        public var keyColumn: String
        public var fixer: CheckFixer
        public var rows: [[String: SQLValue]]
        /// Key -> column -> true value, for the rows of this table that carry a fixable defect.
        public var truth: [Int: [String: String]]
    }

    /// The result for one check, or for all (``FixScore/total``).
    public struct Tally: Sendable, Codable, Equatable {
        /// Rows the check rejects.
        public var violating = 0
        /// Of those, rows with a true value (fixable defects).
        public var fixable = 0
        /// Fixes at or above the bar, and how many of them set exactly the true values.
        public var applied = 0
        public var correct = 0
        /// Rows with proposals only below the bar (or disagreeing ones): flagged for review.
        public var review = 0
        /// Review rows whose best proposal would have been right.
        public var reviewRight = 0
        /// Fixes applied to rows without a true value, and proposals of any confidence on them.
        public var falseFixesOnUnfixable = 0
        public var proposalsOnUnfixable = 0
        /// Proposals made, of any confidence.
        public var proposals = 0

        /// Correct applied fixes per applied fix; `nil` when none was applied.
        public var precision: Double? { applied == 0 ? nil : Double(correct) / Double(applied) }
        /// Fixable rows fixed correctly at or above the bar, per fixable row; `nil` when there is none.
        public var coverage: Double? { fixable == 0 ? nil : Double(correct) / Double(fixable) }

        mutating func add(_ other: Tally) {
            violating += other.violating
            fixable += other.fixable
            applied += other.applied
            correct += other.correct
            review += other.review
            reviewRight += other.reviewRight
            falseFixesOnUnfixable += other.falseFixesOnUnfixable
            proposalsOnUnfixable += other.proposalsOnUnfixable
            proposals += other.proposals
        }
    }

    public struct FixScore: Sendable, Codable, Equatable {
        /// Check id (`table.check`) -> its tally.
        public var checks: [String: Tally]
        public var total: Tally
    }

    /// The violating rows of every check of `suite` that some fix rule fits (`fix:` settings of the check, or
    /// `auto` with the default bar when it has none), read from the demo database.
    /// - Throws: A GRDB error when the database cannot be read.
    public static func cases(databasePath: String, suite: Suite, manifest: DemoManifest) throws -> [Case] {
        let queue = try DatabaseQueue(path: databasePath, configuration: readOnly)
        defer { try? queue.close() }
        var out: [Case] = []
        for table in suite.tables {
            let fixers = table.checks.map { CheckFixer(check: $0, settings: $0.fix ?? FixSettings()) }.filter { !$0.rules.isEmpty }
            guard !fixers.isEmpty else { continue }
            let verifiers = fixers.map { FixVerifier(check: $0.check) }
            let (keyColumn, rows) = try queue.read { db in
                try (primaryKey(db, table.name), violatingRows(db, table.name, verifiers))
            }
            var truth: [Int: [String: String]] = [:]
            for t in manifest.fixTruth where t.table == table.name { truth[t.key, default: [:]][t.column] = t.truth }
            for (fixer, rows) in zip(fixers, rows) {
                out.append(Case(table: table.name, keyColumn: keyColumn, fixer: fixer, rows: rows, truth: truth))
            }
        }
        return out
    }

    /// Gives every violating row to its check's fixer and compares the decisions with the truth.
    public static func score(_ cases: [Case]) -> FixScore {
        var checks: [String: Tally] = [:]
        var total = Tally()
        for c in cases {
            var tally = Tally(violating: c.rows.count)
            for row in c.rows {
                let key = FixRow.value(c.keyColumn, in: row).int ?? -1
                let truth = c.truth[key]
                let proposals = c.fixer.proposals(for: row)
                tally.proposals += proposals.count
                if truth != nil { tally.fixable += 1 } else { tally.proposalsOnUnfixable += proposals.count }
                func right(_ p: FixProposal) -> Bool {
                    guard let truth else { return false }
                    let set = Dictionary(p.changes.map { ($0.column, FixRow.text($0.newValue) ?? "") }) { a, _ in a }
                    return set == truth
                }
                switch c.fixer.decision(for: proposals) {
                case .apply(let p):
                    tally.applied += 1
                    if right(p) { tally.correct += 1 }
                    if truth == nil { tally.falseFixesOnUnfixable += 1 }
                case .review(let ps, _):
                    tally.review += 1
                    if let best = ps.first, right(best) { tally.reviewRight += 1 }
                case .noProposal:
                    break
                }
            }
            checks[c.table + "." + c.fixer.check.id] = tally
            total.add(tally)
        }
        return FixScore(checks: checks, total: total)
    }

    private static var readOnly: Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }

    private static func primaryKey(_ db: Database, _ table: String) throws -> String {
        try db.primaryKey(table).columns.first ?? "rowid"
    }

    /// Per verifier, the rows of the table it finds violating, as column name -> value (SQLite keeps dates as text).
    private static func violatingRows(_ db: Database, _ table: String, _ verifiers: [FixVerifier]) throws -> [[[String: SQLValue]]] {
        var out = [[[String: SQLValue]]](repeating: [], count: verifiers.count)
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\"")
        while let row = try cursor.next() {
            var values: [String: SQLValue] = [:]
            for (column, value) in row {
                switch value.storage {
                case .null, .blob: values[column] = .null
                case .int64(let i): values[column] = .integer(i)
                case .double(let d): values[column] = .double(d)
                case .string(let s): values[column] = .text(s)
                }
            }
            for (i, verifier) in verifiers.enumerated() where verifier.violates(values) == true { out[i].append(values) }
        }
        return out
    }
}
