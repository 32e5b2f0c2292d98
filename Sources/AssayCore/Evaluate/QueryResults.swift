/// What the executor brought back for a table: each query's single row, or why it failed.
public struct QueryResults: Sendable {
    public var rows: [Int: [SQLValue]]
    /// Results of statements that return many rows (``PlannedQuery/returnsRows``).
    public var lists: [Int: [[SQLValue]]]
    public var failures: [Int: String]

    public init(rows: [Int: [SQLValue]] = [:], lists: [Int: [[SQLValue]]] = [:], failures: [Int: String] = [:]) {
        self.rows = rows
        self.lists = lists
        self.failures = failures
    }

    /// All rows of a many-row statement, or the failure that prevents them.
    func list(_ ref: MetricRef) throws(MeasureFailure) -> [[SQLValue]] {
        if let failure = failures[ref.query] { throw MeasureFailure(message: failure) }
        guard let rows = lists[ref.query] else { throw MeasureFailure(message: "query \(ref.query + 1) returned no rows") }
        return rows
    }

    /// The value of a metric, or the failure that prevents it.
    func value(_ ref: MetricRef) -> Result<SQLValue, MeasureFailure> {
        if let failure = failures[ref.query] { return .failure(MeasureFailure(message: failure)) }
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

struct MeasureFailure: Error {
    var message: String
}
