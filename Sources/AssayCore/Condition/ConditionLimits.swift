/// The bounds a condition must stay within, so that no configuration text can exhaust the stack or the memory of
/// Assay or of a database. Conditions past a bound are refused with a located ``ConditionError`` (code `.limit`).
///
/// - `maxLength`: 64 KiB of text holds an `IN` list of several thousand values or thousands of `OR`ed
///   comparisons — far beyond a hand-written rule — while parsing, typing and compiling it stays instant.
/// - `maxDepth`: 100 levels. Each level of a condition becomes at most about four levels of SQL (an `AGE`
///   comparison is the widest), so the compiled expression stays well under SQLite's expression depth limit
///   (1000) and PostgreSQL's default `max_stack_depth` (2 MB), and every recursive walk in Assay is shallow.
///   Chains of `AND` / `OR` are balanced, so thousands of terms cost only ⌈log2 n⌉ levels.
/// - `maxCompiledLength`: 1 MiB of SQL for one compiled condition, which stops conditions whose SQL form grows
///   faster than their text (nested `AGE` repeats its operands) before they use up memory.
public enum ConditionLimits {
    /// Bytes (UTF-8) of one condition's text.
    public static let maxLength = 65_536
    /// Levels of nesting: every parenthesis, function call, `CASE`, `CAST`, `EXTRACT`, `NOT` and sign opens one,
    /// and each operator of a chain of `+ - * / % ||` adds one.
    public static let maxDepth = 100
    /// Bytes of SQL one condition may compile to.
    public static let maxCompiledLength = 1_048_576

    /// The error for a condition nested deeper than ``maxDepth``.
    static func tooDeep(at offset: Int, text: String) -> ConditionError {
        ConditionError(.limit, "condition is nested too deeply (more than \(maxDepth) levels: each parenthesis, function call, "
                       + "CASE, CAST, EXTRACT, NOT, sign and chained arithmetic operator adds one)", offset: offset, text: text)
    }
}

extension Expr {
    /// The number of levels of the tree (1 for a leaf), computed without recursion so that it is safe on any tree.
    package var height: Int {
        var deepest = 0
        var pending: [(Expr, Int)] = [(self, 1)]
        while let (node, level) = pending.popLast() {
            deepest = max(deepest, level)
            for child in node.children { pending.append((child, level + 1)) }
        }
        return deepest
    }
}
