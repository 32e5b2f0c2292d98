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
        var targets: [RemediationTarget] = []
        for plan in prepared.plans {
            for planned in plan.checks {
                let check = planned.check
                guard let remediation = check.remediation, let action = remediation.action,
                      !automaticOnly || remediation.automatic else { continue }
                let key = check.key(in: plan.spec)
                guard let checked = result.results.first(where: { $0.key == key }) else { continue }
                if let only {
                    guard only.contains(check.id) || only.contains("\(plan.table).\(check.id)") || only.contains(key.rawValue) else { continue }
                } else if checked.status != .fail {
                    continue
                }
                targets.append(RemediationTarget(check: check, key: key, table: plan.table, action: action,
                                                 selection: planned.violatingRows, status: checked.status, violations: checked.violations,
                                                 reason: check.description ?? checked.message))
            }
        }
        return targets
    }
}
