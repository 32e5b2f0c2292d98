import AssayCore

/// Everything one generation run shares: the seed, the sizes and the instant taken as "now".
struct DemoContext: Sendable {
    let seed: UInt64
    let scale: Int
    /// Whole seconds since the Unix epoch of "now" (fractions dropped, so clean values stay at or before it).
    let nowSeconds: Int
    /// Day number of "today" (the UTC date of now).
    let today: Int

    let customerCount: Int
    let accountCount: Int
    let transactionCount: Int
    let creditScoreCount: Int
    let reportCount: Int

    init(seed: UInt64, scale: Int, now: CivilDateTime) {
        self.seed = seed
        self.scale = scale
        nowSeconds = Int(now.epochSeconds.rounded(.down))
        today = now.date.daysSinceEpoch
        customerCount = scale * 1_000
        accountCount = 2 * scale * 1_000
        transactionCount = 10 * scale * 1_000
        creditScoreCount = scale * 1_000
        reportCount = 40 + scale
    }

    var todayDate: CivilDate { CivilDate(daysSinceEpoch: today) }

    /// A random moment on a day within `daysBack` (most recent first: 1 = yesterday), never today or later.
    @inline(__always)
    func pastTimestamp(daysBack: ClosedRange<Int>, rng: inout SplitMix64) -> Int {
        (today - rng.int(in: daysBack)) * 86_400 + rng.below(86_400)
    }

    /// The generator of one table's planning decisions (which rows get which defect).
    func planRNG(_ stream: UInt64) -> SplitMix64 {
        SplitMix64(seed: seed, stream: stream, index: -1)
    }

    /// The generator of one row.
    @inline(__always)
    func rowRNG(_ stream: UInt64, _ row: Int) -> SplitMix64 {
        SplitMix64(seed: seed, stream: stream, index: row)
    }
}

/// One generated table's declared columns.
struct DemoTableDefinition: Sendable {
    let name: String
    /// Column names with their declared SQLite types; the first is the `INTEGER PRIMARY KEY`.
    let columns: [(name: String, type: String)]

    var columnNames: [String] { columns.map(\.name) }

    var createSQL: String {
        let body = columns.enumerated().map { index, column in
            "\"\(column.name)\" \(column.type)" + (index == 0 ? " PRIMARY KEY" : "")
        }
        return "CREATE TABLE \"\(name)\" (\n    " + body.joined(separator: ",\n    ") + "\n)"
    }

    var insertSQL: String {
        "INSERT INTO \"\(name)\" (" + columns.map { "\"\($0.name)\"" }.joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }

    static let customers = DemoTableDefinition(name: "customers", columns: [
        ("customer_id", "INTEGER"), ("first_name", "TEXT"), ("last_name", "TEXT"), ("email", "TEXT"),
        ("phone", "TEXT"), ("address", "TEXT"), ("date_of_birth", "DATE"), ("ssn", "TEXT"),
        ("created_date", "TIMESTAMP"),
    ])

    static let accounts = DemoTableDefinition(name: "accounts", columns: [
        ("account_id", "INTEGER"), ("customer_id", "INTEGER"), ("account_type", "TEXT"),
        ("account_balance", "REAL"), ("opened_date", "DATE"), ("closed_date", "DATE"),
        ("created_date", "TIMESTAMP"),
    ])

    static let transactions = DemoTableDefinition(name: "transactions", columns: [
        ("transaction_id", "INTEGER"), ("account_id", "INTEGER"), ("amount", "REAL"),
        ("transaction_type", "TEXT"), ("transaction_date", "TIMESTAMP"), ("created_date", "TIMESTAMP"),
    ])

    static let creditScores = DemoTableDefinition(name: "credit_scores", columns: [
        ("score_id", "INTEGER"), ("customer_id", "INTEGER"), ("credit_score", "INTEGER"), ("bureau", "TEXT"),
        ("score_date", "DATE"), ("created_date", "TIMESTAMP"),
    ])

    static let regulatoryReports = DemoTableDefinition(name: "regulatory_reports", columns: [
        ("report_id", "INTEGER"), ("report_type", "TEXT"), ("period_end", "DATE"), ("due_date", "DATE"),
        ("submitted_date", "DATE"), ("status", "TEXT"), ("reconciled", "BOOLEAN"), ("record_count", "INTEGER"),
        ("created_date", "TIMESTAMP"),
    ])

    static let dataLineage = DemoTableDefinition(name: "data_lineage", columns: [
        ("lineage_id", "INTEGER"), ("source_table", "TEXT"), ("target_table", "TEXT"),
        ("transformation", "TEXT"), ("owner", "TEXT"), ("created_date", "TIMESTAMP"),
    ])

    static let all: [DemoTableDefinition] = [
        customers, accounts, transactions, creditScores, regulatoryReports, dataLineage,
    ]
}
