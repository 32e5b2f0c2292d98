import AssayCore
import AssayDemo
import Foundation
import GRDB
import Testing

/// Reads the suite YAML back (its own simple layout), compiles every rule, column pair and regex with
/// Assay's condition language and SQLite dialect, runs it on the generated database, and compares the counts
/// with the manifest. This is the path Assay itself takes, so PostgreSQL semantics such as
/// `EXTRACT(YEAR FROM AGE(...))` and timestamp-versus-date comparisons are exercised for real.
@Suite("Suite conditions through AssayCore")
struct SuiteConditionTests {
    struct Entry {
        var table: String
        var id: String
        /// The condition whose rows violate, and whether rows where it is false violate instead.
        var condition: String
        var violatesWhenFalse: Bool
    }

    /// Undoes a YAML single-quoted scalar.
    static func unquote(_ text: Substring) -> String {
        precondition(text.hasPrefix("'") && text.hasSuffix("'"), "not single-quoted: \(text)")
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }

    static func entries(_ yaml: String) -> [Entry] {
        var result: [Entry] = []
        var table = ""
        var pending: (String, Bool)?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                table = String(line.dropFirst(2).dropLast())
            } else if let range = line.range(of: "- rule: {violation: ") {
                pending = (unquote(line[range.upperBound...].dropLast()), false)
            } else if let range = line.range(of: "- rule: {expect: ") {
                pending = (unquote(line[range.upperBound...].dropLast()), true)
            } else if let range = line.range(of: "- column_pair: ") {
                pending = (unquote(line[range.upperBound...]), true)
            } else if let range = line.range(of: "- regex: {column: ") {
                let rest = line[range.upperBound...]
                let column = rest.prefix { $0 != "," }
                let pattern = unquote(rest.drop { $0 != "'" }.dropLast())
                pending = ("\(column) !~ '\(pattern.replacingOccurrences(of: "'", with: "''"))'", false)
            } else if line.hasPrefix("        id: "), let range = line.range(of: "id: "), let (condition, negated) = pending {
                result.append(Entry(table: table, id: String(line[range.upperBound...]), condition: condition,
                                    violatesWhenFalse: negated))
                pending = nil
            }
        }
        return result
    }

    static func schema(_ db: Database, _ table: String) throws -> TableSchema {
        let columns = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [table])
            .map { ColumnInfo(name: $0["name"], declaredType: $0["type"], isPrimaryKey: ($0["pk"] as Int) > 0) }
        return TableSchema(table: table, columns: columns)
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .boolean(let b): (b ? 1 : 0).databaseValue
        case .integer(let n): n.databaseValue
        case .double(let d): d.databaseValue
        case .text(let s), .date(let s), .timestamp(let s): s.databaseValue
        }
    }

    @Test("every rule, column pair and regex counts exactly the manifest's rows", arguments: [0, 1, 2])
    func compiledConditions(nowIndex: Int) throws {
        let now = ManifestCrossCheckTests.nows[nowIndex]
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("financeflow.db").path
            let manifest = try DemoGenerator(scale: 2, seed: 99 &+ UInt64(nowIndex), now: now).write(databasePath: path)
            let entries = Self.entries(DemoSuite.yaml(databaseFile: "financeflow.db", manifest: manifest))
            #expect(entries.count == 19)
            let queue = try DatabaseQueue(path: path)
            try queue.inDatabase { db in
                try db.execute(sql: "PRAGMA case_sensitive_like = ON")
                db.add(function: DatabaseFunction("regexp", argumentCount: 2, pure: true) { values in
                    guard let pattern = String.fromDatabaseValue(values[0]),
                          let text = String.fromDatabaseValue(values[1]) else { return nil }
                    let regex = try RegexPattern.compile(pattern)
                    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                })
                for entry in entries {
                    let compiler = SQLCompiler(dialect: SQLiteDialect(), schema: try Self.schema(db, entry.table), now: now)
                    let condition = try Condition(entry.condition)
                    try compiler.typer.checkCondition(condition.expr)
                    let fragment = try compiler.compile(condition.expr)
                    let predicate = entry.violatesWhenFalse ? "NOT (" + fragment.sql { _ in "?" } + ")" : fragment.sql { _ in "?" }
                    let arguments = StatementArguments(fragment.bindings.map(Self.databaseValue))
                    let actual = try count(db, "SELECT COUNT(*) FROM \"\(entry.table)\" WHERE \(predicate)", arguments)
                    #expect(actual == manifest.expected[entry.table]?[entry.id], "\(entry.table).\(entry.id): \(entry.condition)")
                }
            }
        }
    }
}
