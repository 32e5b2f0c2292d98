/// SQL text with its bound values. Placeholders are written as a marker and rendered per dialect,
/// so fragments can be composed before their final parameter numbers are known.
public struct SQLFragment: Sendable, Hashable {
    static let marker: Character = "\u{1}"

    public private(set) var template: String
    public private(set) var bindings: [SQLValue]

    public init(_ text: String = "", bindings: [SQLValue] = []) {
        self.template = text
        self.bindings = bindings
    }

    /// A single bound value.
    public static func bind(_ value: SQLValue) -> SQLFragment { SQLFragment(String(marker), bindings: [value]) }

    package static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(lhs.template + rhs.template, bindings: lhs.bindings + rhs.bindings)
    }

    package static func + (lhs: SQLFragment, rhs: String) -> SQLFragment {
        SQLFragment(lhs.template + rhs, bindings: lhs.bindings)
    }

    package static func + (lhs: String, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(lhs + rhs.template, bindings: rhs.bindings)
    }

    package static func += (lhs: inout SQLFragment, rhs: SQLFragment) { lhs = lhs + rhs }
    package static func += (lhs: inout SQLFragment, rhs: String) { lhs = lhs + rhs }

    /// Joins fragments with a separator.
    package static func join(_ parts: [SQLFragment], separator: String) -> SQLFragment {
        // In one pass: appending fragment by fragment copies the growing text each time (quadratic for long IN lists).
        SQLFragment(parts.map(\.template).joined(separator: separator), bindings: parts.flatMap(\.bindings))
    }

    /// Wraps in parentheses.
    package var parenthesized: SQLFragment { "(" + self + ")" }

    /// The SQL text with the dialect's placeholders (`?` or `$1`, `$2`, ...).
    public func sql(placeholder: (Int) -> String) -> String {
        var text = ""
        var index = 0
        for ch in template {
            if ch == Self.marker {
                index += 1
                text += placeholder(index)
            } else {
                text.append(ch)
            }
        }
        return text
    }

    /// The SQL with values written inline as literals: for display only, never executed.
    public func displaySQL() -> String {
        var values = bindings.makeIterator()
        return String(template.flatMap { ch -> String in
            ch == Self.marker ? (values.next()?.sqlLiteral ?? "NULL") : String(ch)
        })
    }
}
