/// What the executor brought back for a table: each query's single row, or why it failed.
public struct QueryResults: Sendable {
    public var rows: [Int: [SQLValue]]
    public var failures: [Int: String]

    public init(rows: [Int: [SQLValue]] = [:], failures: [Int: String] = [:]) {
        self.rows = rows
        self.failures = failures
    }

    /// The value of a metric, or the failure that prevents it.
    func value(_ ref: MetricRef) -> Result<SQLValue, MeasureFailure> {
        if let failure = failures[ref.query] { return .failure(MeasureFailure(message: failure)) }
        guard let row = rows[ref.query], ref.column < row.count else {
            return .failure(MeasureFailure(message: "query \(ref.query + 1) returned no value for metric \(ref.column + 1)"))
        }
        return .success(row[ref.column])
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
