/// What the execute stage brought back for a table: each query's single row or many rows, or why it failed.
package struct QueryResults: Sendable {
    package var rows: [Int: [SQLValue]]
    /// Results of statements that return many rows (``PlannedQuery/returnsRows``).
    package var lists: [Int: [[SQLValue]]]
    package var failures: [Int: SourceError]

    package init(rows: [Int: [SQLValue]] = [:], lists: [Int: [[SQLValue]]] = [:], failures: [Int: SourceError] = [:]) {
        self.rows = rows
        self.lists = lists
        self.failures = failures
    }

    /// All rows of a many-row statement, or the failure that prevents them.
    func list(_ ref: MetricRef) throws(MeasureFailure) -> [[SQLValue]] {
        if let failure = failures[ref.query] { throw MeasureFailure(failure, query: ref.query) }
        guard let rows = lists[ref.query] else { throw MeasureFailure(message: "query \(ref.query + 1) returned no rows") }
        return rows
    }

    /// The value of a metric, or the failure that prevents it.
    func value(_ ref: MetricRef) -> Result<SQLValue, MeasureFailure> {
        if let failure = failures[ref.query] { return .failure(MeasureFailure(failure, query: ref.query)) }
        guard let row = rows[ref.query], ref.column < row.count else {
            return .failure(MeasureFailure(message: "query \(ref.query + 1) returned no value for metric \(ref.column + 1)"))
        }
        guard let element = ref.element else { return .success(row[ref.column]) }
        if row[ref.column].isNull { return .success(.null) }
        guard case .text(let text) = row[ref.column], let items = ArrayText.parse(text), element < items.count else {
            return .failure(MeasureFailure(message: "expected an array for metric \(ref.column + 1), got \(row[ref.column])"))
        }
        return .success(items[element])
    }

    func count(_ ref: MetricRef) throws(MeasureFailure) -> Int {
        let value = try value(ref).get()
        if value.isNull { return 0 }
        guard let n = value.int else { throw MeasureFailure(message: "expected a count, got \(value)") }
        return n
    }
}

/// Why a check could not be judged: a statement that failed (`query`, with the source's error), or a result that
/// did not have the shape the plan expected.
package struct MeasureFailure: Error, Sendable {
    package var message: String
    /// The statement whose failure this is, when a statement failed.
    package var query: Int?
    package var sourceError: SourceError?

    init(message: String) { self.message = message }

    init(_ error: SourceError, query: Int) {
        message = error.message
        self.query = query
        sourceError = error
    }
}
