import GRDB

/// Defects injected into `credit_scores`.
enum CreditScoreDefect: UInt8, DemoDefect {
    case scoreOutOfRange = 1, missingBureau

    var key: String {
        switch self {
        case .scoreOutOfRange: "credit_scores.score_out_of_range"
        case .missingBureau: "credit_scores.missing_bureau"
        }
    }

    var basisPoints: Int {
        switch self {
        case .scoreOutOfRange: 50
        case .missingBureau: 20
        }
    }
}

/// `credit_scores`: one bureau pull per customer on average over the last two years, ids 1...N.
struct CreditScoresTable {
    static let stream: UInt64 = 0xC4ED_175C
    static let bureaus = ["Equifax", "Experian", "TransUnion"]

    let context: DemoContext

    func fill(_ db: Database) throws -> [String: Int] {
        let rows = context.creditScoreCount
        var planRNG = context.planRNG(Self.stream)
        let plan = DefectPlan<CreditScoreDefect>(
            rowCount: rows,
            counts: CreditScoreDefect.allCases.map { ($0, DefectPlan<CreditScoreDefect>.count(rows: rows, basisPoints: $0.basisPoints)) },
            rng: &planRNG)

        let inserter = try RowInserter(db, .creditScores)
        for row in 0..<rows {
            var rng = context.rowRNG(Self.stream, row)
            let customer = 1 + rng.below(context.customerCount)
            // A bell around 690 (sum of four uniforms), kept inside the FICO range.
            let spread = rng.unit() + rng.unit() + rng.unit() + rng.unit() - 2
            var score = min(850, max(300, 690 + Int((spread * 95).rounded())))
            var bureau: String? = rng.pick(Self.bureaus)
            let scored = context.today - rng.int(in: 1...730)
            let created = scored * 86_400 + rng.below(86_400)

            switch plan.defect(at: row) {
            case nil: break
            case .scoreOutOfRange:
                score = row % 2 == 0 ? rng.int(in: 100...299) : rng.int(in: 851...999)
            case .missingBureau:
                bureau = nil
            }
            inserter.add(row + 1)
            inserter.add(customer)
            inserter.add(score)
            inserter.add(bureau)
            inserter.addDate(days: scored)
            inserter.addTimestamp(epochSeconds: created)
            try inserter.insertRow()
        }
        return plan.manifestCounts
    }
}
