import AssayCore
import Testing

/// Condition text can neither exhaust the stack nor grow without bound: size and nesting are limited with a
/// located error, and everything within the limits parses into a shallow tree.
@Suite("Condition language: limits")
struct ConditionLimitsTests {
    static let depth = ConditionLimits.maxDepth

    /// Shapes that nest: each `(open, close)` wraps the inner condition one level deeper.
    struct Shape: Sendable, CustomStringConvertible {
        var name: String
        var open: String
        var inner: String
        var close: String
        /// What follows the nest to make it a condition.
        var suffix = ""
        var description: String { name }

        func nested(_ levels: Int) -> String {
            String(repeating: open, count: levels) + inner + String(repeating: close, count: levels) + suffix
        }
    }

    static let shapes: [Shape] = [
        Shape(name: "parentheses", open: "(", inner: "a > 0", close: ")"),
        Shape(name: "NOT", open: "NOT ", inner: "a > 0", close: ""),
        Shape(name: "signs", open: "- ", inner: "a", close: "", suffix: " > 0"),
        Shape(name: "function calls", open: "abs(", inner: "a", close: ")", suffix: " > 0"),
        Shape(name: "CASE", open: "CASE WHEN ", inner: "a > 0", close: " THEN TRUE END"),
        Shape(name: "CAST", open: "CAST(", inner: "a", close: " AS integer)", suffix: " > 0"),
        Shape(name: "EXTRACT", open: "EXTRACT(YEAR FROM current_date + ", inner: "a", close: ")", suffix: " > 0"),
        Shape(name: "arithmetic chain", open: "", inner: "a", close: " + 1", suffix: " > 0"),
    ]

    @Test("nesting past the limit is refused with a located error, not a crash", arguments: shapes)
    func tooDeep(_ shape: Shape) {
        let text = shape.nested(1000)
        #expect(throws: ConditionError.self) { try ConditionParser.parse(text) }
        do {
            _ = try ConditionParser.parse(text)
        } catch {
            #expect(error.code == .limit)
            #expect(error.message.contains("nested too deeply"))
            #expect(error.offset > 0 && error.offset < text.count)
            // The error shows an excerpt, not kilobytes of condition.
            #expect(error.description.count < 600)
        }
    }

    @Test("nesting just within the limit parses", arguments: shapes)
    func withinLimit(_ shape: Shape) throws {
        let expr = try ConditionParser.parse(shape.nested(Self.depth / 4))
        #expect(expr.height <= Self.depth)
    }

    @Test func tooLongIsRefusedWhereTheLimitIsPassed() {
        let text = (0..<20_000).map { "a = \($0)" }.joined(separator: " OR ")
        #expect(text.utf8.count > 135_000)
        do {
            _ = try ConditionParser.parse(text)
            Issue.record("a \(text.utf8.count)-byte condition was accepted")
        } catch {
            #expect(error.code == .limit)
            #expect(error.message.contains("too long"))
            #expect(error.offset == ConditionLimits.maxLength)
            #expect(error.description.count < 600)
        }
    }

    @Test func longFlatChainsBecomeBalancedTrees() throws {
        for op in ["OR", "AND"] {
            var terms: [String] = []
            while (terms.joined(separator: " \(op) ").utf8.count) < ConditionLimits.maxLength - 20 { terms.append("a = \(terms.count)") }
            let expr = try ConditionParser.parse(terms.joined(separator: " \(op) "))
            #expect(terms.count > 3000)
            // ⌈log2 n⌉ levels of AND/OR above the comparisons.
            #expect(expr.height <= 15, "\(op): height \(expr.height)")
            #expect(expr.columns.count == terms.count)
        }
    }

    @Test func longInListsAndBuiltConjunctionsStayShallow() throws {
        let list = "a IN (" + (0..<10_000).map(String.init).joined(separator: ",") + ")"
        #expect(try ConditionParser.parse(list).height == 2)
        let parts = (0..<5000).map { Expr.isNull(.column(ColumnRef("c\($0)")), negated: false) }
        #expect(try #require(Expr.or(parts)).height <= 15)
        #expect(try #require(Expr.and(parts)).height <= 15)
    }

    @Test func typingNestedCallsTakesLinearTime() throws {
        // Each level typed its first argument twice before: 2^45 steps.
        let text = String(repeating: "coalesce(", count: 45) + "a" + String(repeating: ", 1)", count: 45) + " > 0"
        let expr = try ConditionParser.parse(text)
        let schema = TableSchema(table: "t", columns: [ColumnInfo(name: "a", declaredType: "INTEGER")])
        try ExprTyper(schema: schema, text: text).checkCondition(expr)
    }

    @Test func sqlThatGrowsFasterThanItsTextIsRefused() throws {
        // Every AGE repeats its operands several times in SQLite's SQL.
        var inner = "d"
        for _ in 0..<12 { inner = "DATE '2024-01-01' + EXTRACT(YEAR FROM AGE(\(inner)))" }
        let text = inner + " > current_date"
        let expr = try ConditionParser.parse(text)
        let schema = TableSchema(table: "t", columns: [ColumnInfo(name: "d", declaredType: "DATE")])
        try ExprTyper(schema: schema, text: text).checkCondition(expr)
        let compiler = SQLCompiler(dialect: SQLiteDialect(), schema: schema, now: CivilDateTime(date: CivilDate(year: 2026, month: 1, day: 1)))
        #expect(throws: ConditionError.self) { try compiler.compile(expr) }
    }

    @Test func deeplyNestedJSONIsRefusedNotACrash() throws {
        #expect(throws: JSONError.self) { try JSON.parse(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)) }
        #expect(try JSON.parse(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).array?.count == 1)
    }
}
