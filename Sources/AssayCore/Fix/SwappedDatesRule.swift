/// A start and an end date entered the wrong way round (`closed_date` before `opened_date`), swapped back.
///
/// It fixes checks comparing two columns: a `column_pair` with `<`, `<=`, `>` or `>=`, or a `rule` that is one such
/// comparison of two columns (`closed_date < opened_date`); with `auto`, only when the names read as a start and
/// an end. Both values must be dates or timestamps, and the
/// swapped row must pass the check. The swap alone is plausible but not proven (the end may simply be wrong):
/// confidence 0.85, below the default bar. The evidence is the row's other date and timestamp columns that record
/// when the row's subject began (named `created`, `inserted`, `registered` or a start word: `created_date`,
/// `inserted_at`; not `updated_at`, which may fall on either day): one on the day the swap makes the start (an
/// account's `created_date` on its true opening day) raises it to 0.97; one on the day of the current start, and
/// none on the proposed one, lowers it to 0.3 (the start is confirmed, so the end is wrong rather than swapped);
/// both: 0.6. Give the executor the whole row for this evidence.
package struct SwappedDatesRule: FixRule {
    package var id: FixRuleID { .swappedDates }

    package func unsuitability(for kind: CheckKind) -> String? {
        Self.pair(kind) == nil
            ? "it swaps two date columns compared with <, <=, > or >=, and this \(kind.name) check is no such comparison"
            : nil
    }

    /// With `auto`, only a pair whose names read as a start and an end (`opened_date`/`closed_date`,
    /// `start_time`/`end_time`, `valid_from`/`valid_to`): a `submitted_date <= due_date` check compares a deadline,
    /// and a late filing is not a swap.
    package func fitsAutomatically(_ check: Check) -> Bool {
        guard let (l, r) = Self.pair(check.kind) else { return false }
        func role(_ column: String) -> Int {
            let words = Set(FixTarget.words(column))
            if !words.isDisjoint(with: Self.startWords) { return -1 }
            if !words.isDisjoint(with: Self.endWords) { return 1 }
            return 0
        }
        return role(l) * role(r) == -1
    }

    /// Whether a column's name says it records when something began (evidence for the start date).
    static func recordsABeginning(_ column: String) -> Bool {
        !Set(FixTarget.words(column)).isDisjoint(with: startWords.union(["created", "creation", "inserted", "registered", "enrolled", "signup"]))
    }

    static let startWords: Set<String> = ["open", "opened", "opening", "start", "started", "starts", "begin", "begins",
                                          "began", "from", "since", "effective", "issued", "onset", "departure", "checkin"]
    static let endWords: Set<String> = ["close", "closed", "closing", "end", "ended", "ends", "finish", "finished", "to",
                                        "until", "through", "expiry", "expires", "expiration", "expired", "terminated",
                                        "termination", "arrival", "checkout", "maturity"]

    /// The two columns an ordering check compares.
    static func pair(_ kind: CheckKind) -> (String, String)? {
        func ordering(_ op: BinaryOperator) -> Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op) }
        switch kind {
        case .columnPair(let l, let op, let r, _) where ordering(op) && l.lowercased() != r.lowercased():
            return (l, r)
        case .rule(let condition, _):
            if case .binary(let op, .column(let l), .column(let r)) = condition.expr, ordering(op),
               l.name.lowercased() != r.name.lowercased() {
                return (l.name, r.name)
            }
            return nil
        default:
            return nil
        }
    }

    package func candidates(for check: Check, row: [String: SQLValue]) -> [FixProposal] {
        guard let (left, right) = Self.pair(check.kind) else { return [] }
        let a = FixRow.value(left, in: row), b = FixRow.value(right, in: row)
        guard let dayA = FixRow.day(a), let dayB = FixRow.day(b), a != b else { return [] }
        let leftKey = FixRow.key(left, in: row), rightKey = FixRow.key(right, in: row)
        // After the swap the earlier value is the start; the evidence is about which day the start really is.
        let (proposedStart, currentStart) = dayA < dayB ? (dayA, dayB) : (dayB, dayA)
        let others = row.filter { $0.key != leftKey && $0.key != rightKey && Self.recordsABeginning($0.key) }.sorted { $0.key < $1.key }
            .compactMap { entry in FixRow.day(entry.value).map { (entry.key, $0) } }
        let supporting = others.filter { $0.1 == proposedStart }.map(\.0)
        let contradicting = others.filter { $0.1 == currentStart }.map(\.0)
        let confidence: Double
        var reason = "\(left) and \(right) swapped"
        switch (supporting.isEmpty, contradicting.isEmpty) {
        case (false, true):
            confidence = 0.97
            reason += "; \(supporting.joined(separator: ", ")) on \(proposedStart) confirms the swapped start"
        case (true, true):
            confidence = 0.85
            reason += "; no other date in the row confirms it"
        case (true, false):
            confidence = 0.3
            reason += "; but \(contradicting.joined(separator: ", ")) on \(currentStart) confirms the current start"
        case (false, false):
            confidence = 0.6
            reason += "; \(supporting.joined(separator: ", ")) confirms it, \(contradicting.joined(separator: ", ")) does not"
        }
        return [FixProposal(checkID: check.id,
                            changes: [FixChange(column: leftKey ?? left, oldValue: a, newValue: b),
                                      FixChange(column: rightKey ?? right, oldValue: b, newValue: a)],
                            rule: .swappedDates, confidence: confidence, reason: reason)]
    }
}
