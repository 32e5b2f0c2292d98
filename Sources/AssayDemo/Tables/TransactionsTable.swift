import GRDB

/// Defects injected into `transactions`.
enum TransactionDefect: UInt8, DemoDefect {
    case amountOutOfRange = 1, futureTransactionDate, orphanAccount, missingAmount

    var key: String {
        "transactions." + {
            switch self {
            case .amountOutOfRange: "amount_out_of_range"
            case .futureTransactionDate: "future_transaction_date"
            case .orphanAccount: "orphan_account"
            case .missingAmount: "missing_amount"
            }
        }()
    }

    var basisPoints: Int {
        switch self {
        case .amountOutOfRange: 30
        case .futureTransactionDate: 10
        case .orphanAccount: 10
        case .missingAmount: 5
        }
    }
}

/// `transactions`: five per account on average over the last 90 days, ids 1...N.
struct TransactionsTable {
    static let stream: UInt64 = 0x7A45_AC71
    static let types = ["deposit", "withdrawal", "transfer", "payment", "fee"]
    static let typeWeights = [30, 30, 15, 20, 5]
    static let amounts = [
        MoneyRange(20, 20_000), MoneyRange(20, 3_000), MoneyRange(10, 50_000), MoneyRange(5, 5_000),
        MoneyRange(0.5, 75),
    ]
    static let negative = MoneyRange(0.01, 5_000)
    static let huge = MoneyRange(1, 9_000_000)

    let context: DemoContext

    func fill(_ db: Database) throws -> [String: Int] {
        let rows = context.transactionCount
        var planRNG = context.planRNG(Self.stream)
        let plan = DefectPlan<TransactionDefect>(
            rowCount: rows,
            counts: TransactionDefect.allCases.map { ($0, DefectPlan<TransactionDefect>.count(rows: rows, basisPoints: $0.basisPoints)) },
            rng: &planRNG)

        let inserter = try RowInserter(db, .transactions)
        let now = context.nowSeconds
        for row in 0..<rows {
            var rng = context.rowRNG(Self.stream, row)
            var account = 1 + rng.below(context.accountCount)
            let typeIndex = rng.weighted(Self.typeWeights)
            var amount: Double? = rng.money(Self.amounts[typeIndex])
            // Between 90 days and two minutes ago; the newest row is five minutes old, so the table is fresh.
            var date = row == rows - 1 ? now - 300 : now - rng.int(in: 120...(90 * 86_400))
            var created = date + rng.below(61)

            switch plan.defect(at: row) {
            case nil: break
            case .amountOutOfRange:
                switch row % 3 {
                case 0: amount = 0
                case 1: amount = -rng.money(Self.negative)
                default: amount = 1_000_000 + rng.money(Self.huge)
                }
            case .futureTransactionDate:
                // Post-dated: entered up to an hour ago, dated an hour to thirty days ahead.
                date = now + rng.int(in: 3_600...(30 * 86_400))
                created = now - rng.int(in: 60...3_600)
            case .orphanAccount:
                account = context.accountCount + 1 + rng.below(context.accountCount)
            case .missingAmount:
                amount = nil
            }
            inserter.add(row + 1)
            inserter.add(account)
            inserter.add(amount)
            inserter.add(Self.types[typeIndex])
            inserter.addTimestamp(epochSeconds: date)
            inserter.addTimestamp(epochSeconds: created)
            try inserter.insertRow()
        }
        return plan.manifestCounts
    }
}
