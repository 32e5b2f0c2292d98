import AssayCore
import GRDB

/// Defects injected into `regulatory_reports` (fixed counts that grow slowly with the scale).
enum ReportDefect: UInt8, DemoDefect {
    case lateSubmission = 1, unreconciled, overdueUnsubmitted

    var key: String {
        switch self {
        case .lateSubmission: "regulatory_reports.late_submission"
        case .unreconciled: "regulatory_reports.unreconciled"
        case .overdueUnsubmitted: "regulatory_reports.overdue_unsubmitted"
        }
    }

    func count(scale: Int) -> Int {
        switch self {
        case .lateSubmission: 2 + scale / 25
        case .unreconciled: 2 + scale / 25
        case .overdueUnsubmitted: 1 + scale / 50
        }
    }
}

/// `regulatory_reports`: monthly and quarterly filings with their deadlines, ids 1...N.
struct RegulatoryReportsTable {
    static let stream: UInt64 = 0x2E6_0E7
    static let types = ["CTR", "SAR", "BASEL_III", "CCAR", "FR_Y9C"]
    /// Days from the end of the period to the filing deadline, per type.
    static let deadlines = [15, 30, 45, 90, 40]

    let context: DemoContext

    /// The last day of the month `monthsBack` months before the current one (1 = last month).
    func periodEnd(monthsBack: Int) -> Int {
        let today = context.todayDate
        return CivilDate(year: today.year, month: today.month, day: 1).adding(months: 1 - monthsBack).daysSinceEpoch - 1
    }

    func fill(_ db: Database) throws -> [String: Int] {
        let rows = context.reportCount
        var planRNG = context.planRNG(Self.stream)
        var plan = DefectPlan<ReportDefect>(
            rowCount: rows, counts: ReportDefect.allCases.map { ($0, $0.count(scale: context.scale)) }, rng: &planRNG)
        // Clean drafts whose deadline has not come yet: unsubmitted, and rightly so.
        let pendingDrafts = Set(plan.reserveCleanRows(2 + context.scale / 50, rng: &planRNG))

        let inserter = try RowInserter(db, .regulatoryReports)
        let today = context.today
        for row in 0..<rows {
            var rng = context.rowRNG(Self.stream, row)
            let defect = plan.defect(at: row)
            let isDraft = pendingDrafts.contains(row)
            // Drafts file the long-deadline reports for last month, whose deadline is at least 14 days away.
            var typeIndex = isDraft ? 2 + rng.below(2) : row % Self.types.count
            if !isDraft && defect == .overdueUnsubmitted { typeIndex = row % 2 }
            let lag = Self.deadlines[typeIndex]
            // Submitted reports are due at least 31 days ago (room for a late filing that is still in the past).
            let latestDue: Int
            switch (isDraft, defect) {
            case (true, _): latestDue = Int.max
            case (_, .overdueUnsubmitted): latestDue = today - 1
            default: latestDue = today - 31
            }
            var monthsBack = isDraft ? 1 : 1 + rng.below(30)
            while periodEnd(monthsBack: monthsBack) + lag > latestDue { monthsBack += 1 }
            let end = periodEnd(monthsBack: monthsBack)
            let due = end + lag

            var submitted: Int? = due - rng.int(in: 0...10)
            var status = rng.chance(0.75) ? "ACCEPTED" : "SUBMITTED"
            var reconciled = true
            switch defect {
            case nil:
                if isDraft {
                    submitted = nil
                    status = "DRAFT"
                    reconciled = false
                }
            case .lateSubmission:
                submitted = due + rng.int(in: 1...30)
            case .unreconciled:
                reconciled = false
            case .overdueUnsubmitted:
                submitted = nil
                status = "DRAFT"
                reconciled = false
            }
            let recordCount = rng.int(in: 1...(typeIndex == 0 ? 25_000 : 2_500))
            let created = min(end + 1, today - 1) * 86_400 + rng.below(86_400)
            inserter.add(row + 1)
            inserter.add(Self.types[typeIndex])
            inserter.addDate(days: end)
            inserter.addDate(days: due)
            inserter.addDate(days: submitted)
            inserter.add(status)
            inserter.add(reconciled ? 1 : 0)
            inserter.add(recordCount)
            inserter.addTimestamp(epochSeconds: created)
            try inserter.insertRow()
        }
        return plan.manifestCounts
    }
}
