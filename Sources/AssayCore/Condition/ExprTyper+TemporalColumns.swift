extension ExprTyper {
    /// The columns an expression reads as dates or timestamps: compared with one, given to `EXTRACT` or `AGE`, or
    /// moved by an interval. Where the engine keeps such a column as text, values that are not ISO-8601 dates
    /// become violations (``Expr/notTemporalText(_:)``) rather than silently unknown.
    package func temporalColumns(in expr: Expr) -> [String] {
        var found: [String] = []
        var pending = [expr]
        func note(_ operand: Expr) {
            if case .column(let ref) = operand, let column = schema.column(named: ref.name), !found.contains(column.name) {
                found.append(column.name)
            }
        }
        func isTemporal(_ operand: Expr) -> Bool { (try? type(of: operand))?.isTemporal ?? false }
        while let node = pending.popLast() {
            pending += node.children
            switch node {
            case .binary(let op, let left, let right) where op.isComparison:
                if isTemporal(left) || isTemporal(right) { note(left); note(right) }
            case .binary(let op, let left, let right) where op == .plus || op == .minus:
                if case .literal(.interval) = right { note(left) }
                if case .literal(.interval) = left { note(right) }
                if isTemporal(left) || isTemporal(right) { note(left); note(right) }
            case .between(let value, let low, let high, _):
                if [value, low, high].contains(where: isTemporal) { [value, low, high].forEach(note) }
            case .inList(let value, let items, _):
                if ([value] + items).contains(where: isTemporal) { ([value] + items).forEach(note) }
            case .extract(_, let inner, _):
                note(inner)
            case .function(.age, let args, _):
                args.forEach(note)
            default:
                break
            }
        }
        return found
    }
}
