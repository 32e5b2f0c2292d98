import GRDB

/// Defects injected into `accounts`.
enum AccountDefect: UInt8, DemoDefect {
    case orphanCustomer = 1, negativeSavings, checkingOverLimit, closedBeforeOpened, unknownAccountType

    var key: String {
        "accounts." + {
            switch self {
            case .orphanCustomer: "orphan_customer"
            case .negativeSavings: "negative_savings_balance"
            case .checkingOverLimit: "checking_over_limit"
            case .closedBeforeOpened: "closed_before_opened"
            case .unknownAccountType: "unknown_account_type"
            }
        }()
    }

    var basisPoints: Int {
        switch self {
        case .orphanCustomer: 50
        case .negativeSavings: 30
        case .checkingOverLimit: 10
        case .closedBeforeOpened: 20
        case .unknownAccountType: 10
        }
    }
}

/// `accounts`: two per customer on average, ids 1...N.
struct AccountsTable {
    static let stream: UInt64 = 0xACC0_0715
    static let types = ["checking", "savings", "credit", "loan"]
    static let typeWeights = [40, 30, 20, 10]
    static let checkingBalance = MoneyRange(5, 250_000)
    static let savingsBalance = MoneyRange(10, 500_000)
    static let creditOwed = MoneyRange(1, 25_000)
    static let loanPrincipal = MoneyRange(1_000, 750_000)
    static let smallMoney = MoneyRange(1, 5_000)
    static let excess = MoneyRange(1, 4_000_000)

    let context: DemoContext

    /// Writes the table and returns the injected defect counts; appends the true values of each fixable defect.
    func fill(_ db: Database, truth: inout [DemoFixTruth]) throws -> [String: Int] {
        let rows = context.accountCount
        var planRNG = context.planRNG(Self.stream)
        let plan = DefectPlan<AccountDefect>(
            rowCount: rows,
            counts: AccountDefect.allCases.map { ($0, DefectPlan<AccountDefect>.count(rows: rows, basisPoints: $0.basisPoints)) },
            rng: &planRNG)

        let inserter = try RowInserter(db, .accounts)
        let yesterday = context.today - 1
        for row in 0..<rows {
            var rng = context.rowRNG(Self.stream, row)
            var customer = 1 + rng.below(context.customerCount)
            var type = Self.types[rng.weighted(Self.typeWeights)]
            var balance: Double
            switch type {
            case "checking": balance = rng.money(Self.checkingBalance)
            case "savings": balance = rng.money(Self.savingsBalance)
            case "credit": balance = -rng.money(Self.creditOwed)
            default: balance = rng.money(Self.loanPrincipal)
            }
            var opened = context.today - rng.int(in: 1...1_095)
            var closed: Int? = rng.chance(0.06) ? opened + rng.int(in: 0...(yesterday - opened)) : nil
            let created = opened * 86_400 + rng.below(86_400)

            switch plan.defect(at: row) {
            case nil: break
            case .orphanCustomer:
                customer = context.customerCount + 1 + rng.below(10 * context.customerCount)
            case .negativeSavings:
                type = "savings"
                balance = -rng.money(Self.smallMoney)
            case .checkingOverLimit:
                type = "checking"
                balance = 1_000_000 + rng.money(Self.excess)
            case .closedBeforeOpened:
                // The true dates entered the wrong way round: the account opened on `opened` (its created_date's
                // day) and closed 1..365 days later, by yesterday unless it opened yesterday.
                let trueOpened = opened, trueClosed = max(opened + 1, min(yesterday, opened + rng.int(in: 1...365)))
                (opened, closed) = (trueClosed, trueOpened)
                for (column, injected, real) in [("opened_date", trueClosed, trueOpened), ("closed_date", trueOpened, trueClosed)] {
                    truth.append(DemoFixTruth(table: "accounts", keyColumn: "account_id", key: row + 1, column: column,
                                              defect: AccountDefect.closedBeforeOpened.key, injected: DemoText.date(days: injected),
                                              truth: DemoText.date(days: real)))
                }
            case .unknownAccountType:
                type = "premium"
                balance = rng.money(Self.savingsBalance)
            }
            inserter.add(row + 1)
            inserter.add(customer)
            inserter.add(type)
            inserter.add(balance)
            inserter.addDate(days: opened)
            inserter.addDate(days: closed)
            inserter.addTimestamp(epochSeconds: created)
            try inserter.insertRow()
        }
        return plan.manifestCounts
    }
}
