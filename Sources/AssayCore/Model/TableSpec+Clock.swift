extension TableSpec {
    /// Whether planning the table reads the run's clock: a window (table or check), or a condition that names the
    /// current date or time or takes an `AGE` from today. The statements of such a table change with every run.
    package var readsClock: Bool {
        window != nil || filter.map(\.expr.readsClock) == true || checks.contains(where: \.readsClock)
    }
}

extension Check {
    /// Whether the check's statements depend on the run's clock (see ``TableSpec/readsClock``).
    package var readsClock: Bool {
        if window != nil || filter.map(\.expr.readsClock) == true { return true }
        if case .rule(let condition, _) = kind { return condition.expr.readsClock }
        return false
    }
}

extension Expr {
    /// Whether the expression refers to the current date or time, directly or through a one-argument `AGE`.
    var readsClock: Bool {
        var found = false
        visit { node in
            switch node {
            case .now: found = true
            case .function(.age, let args, _) where args.count == 1: found = true
            default: break
            }
        }
        return found
    }
}
