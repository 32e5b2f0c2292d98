/// One check of a run to remediate: its action and exactly the rows it counts as violating.
public struct RemediationTarget: Sendable, Hashable {
    public var check: Check
    public var key: CheckKey
    public var table: String
    public var action: RemediationAction
    /// The violating rows, in the run's scope; `nil` when the check does not judge rows one by one.
    public var selection: RowSelection?
    public var status: CheckStatus
    /// Violations the run counted.
    public var violations: Int?
    /// Why the rows are remediated, recorded with each of them.
    public var reason: String

    /// The checks of `result` to remediate, with the plans the run used (`prepared` after the run): every check
    /// with an action that failed, or, when `only` names checks (by id, `table.id` or key), those whatever their
    /// status; with `automaticOnly`, only checks whose remediation is automatic.
    public static func select(from result: SuiteResult, prepared: PreparedSuite, only: Set<String>? = nil,
                              automaticOnly: Bool = false) -> [RemediationTarget] {
        prepared.actedOn(result, only: only) { check in
            check.remediation.map { $0.action != nil && (!automaticOnly || $0.automatic) } ?? false
        }.compactMap { plan, planned, checked in
            planned.check.remediation?.action.map { action in
                RemediationTarget(check: planned.check, key: checked.key, table: plan.table, action: action, selection: planned.violatingRows,
                                  status: checked.status, violations: checked.violations, reason: planned.check.description ?? checked.message)
            }
        }
    }
}

extension PreparedSuite {
    /// The planned checks `wanted` accepts whose result in `result` FAILed, or, when `only` names checks (by id,
    /// `table.id` or key), those whatever their status; with the plans the run used.
    package func actedOn(_ result: SuiteResult, only: Set<String>?, wanted: (Check) -> Bool) -> [(TablePlan, PlannedCheck, CheckResult)] {
        var found: [(TablePlan, PlannedCheck, CheckResult)] = []
        for plan in plans {
            for planned in plan.checks where wanted(planned.check) {
                let key = planned.check.key(in: plan.spec)
                guard let checked = result.results.first(where: { $0.key == key }) else { continue }
                if let only {
                    guard only.contains(planned.check.id) || only.contains("\(plan.table).\(planned.check.id)") || only.contains(key.rawValue) else { continue }
                } else if checked.status != .fail {
                    continue
                }
                found.append((plan, planned, checked))
            }
        }
        return found
    }
}
