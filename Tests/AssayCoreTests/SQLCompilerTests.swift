@testable import AssayCore
import Testing

/// Conditions compiled to SQL on both dialects: quoting, binding, NULL semantics, patterns, dates.
@Suite("SQL compiler: both dialects")
struct SQLCompilerTests {
    typealias F = CoreFixture
    static let sqlite = SQLiteDialect()
    static let postgres = PostgresDialect()

    /// `text` parsed, type-checked and compiled; the SQL as `dialect` renders it, and the bound values.
    static func compile(_ text: String, _ dialect: any SQLDialect, schema: TableSchema = CoreFixture.accounts) throws -> (sql: String, bindings: [SQLValue]) {
        let expr = try ConditionParser.parse(text)
        try ExprTyper(schema: schema, text: text).checkCondition(expr)
        let fragment = try SQLCompiler(dialect: dialect, schema: schema, now: CoreFixture.now).compile(expr)
        return (dialect.render(fragment), fragment.bindings)
    }

    static func compile(_ expr: Expr, _ dialect: any SQLDialect) throws -> (sql: String, bindings: [SQLValue]) {
        let fragment = try SQLCompiler(dialect: dialect, schema: CoreFixture.accounts, now: CoreFixture.now).compile(expr)
        return (dialect.render(fragment), fragment.bindings)
    }

    @Test func constantsAreBoundNotInlined() throws {
        let hostile = "status = 'x''); DROP TABLE accounts; --'"
        for dialect in F.dialects {
            let (sql, bindings) = try Self.compile(hostile, dialect)
            #expect(!sql.contains("DROP") && !sql.contains("'x"), "\(sql)")
            #expect(bindings == [.text("x'); DROP TABLE accounts; --")])
        }
        #expect(try Self.compile("amount > 100", Self.sqlite) == ("(\"amount\" > ?)", [.integer(100)]))
        #expect(try Self.compile("amount > 100", Self.postgres) == ("(\"amount\" > $1::bigint)", [.integer(100)]))
        #expect(try Self.compile("amount > 2.5", Self.postgres) == ("(\"amount\" > $1::numeric)", [.text("2.5")]))
        #expect(try Self.compile("amount > 2.5", Self.sqlite).bindings == [.double(2.5)])
    }

    @Test func identifiersAreQuotedAsTheSchemaSpellsThem() throws {
        let odd = TableSchema(table: "t", columns: [ColumnInfo(name: "we\"ird", declaredType: "TEXT"),
                                                    ColumnInfo(name: "Amount", declaredType: "INTEGER")])
        for dialect in F.dialects {
            let compiler = SQLCompiler(dialect: dialect, schema: odd, now: F.now)
            #expect(dialect.render(compiler.column("we\"ird")) == "\"we\"\"ird\"")
            #expect(dialect.render(compiler.column("AMOUNT")) == "\"Amount\"")
            var qualified = compiler
            qualified.qualifier = "c"
            #expect(dialect.render(qualified.column("amount")) == "c.\"Amount\"")
            #expect(dialect.quote("a\"; DROP") == "\"a\"\"; DROP\"")
        }
    }

    @Test("NULL tests are IS NULL; a NULL constant is written, not bound", arguments: CoreFixture.dialects)
    func nullSemantics(_ dialect: any SQLDialect) throws {
        #expect(try Self.compile("email IS NULL", dialect) == ("\"email\" IS NULL", []))
        #expect(try Self.compile("email IS NOT NULL AND amount IS NULL", dialect).sql == "((\"email\" IS NOT NULL) AND (\"amount\" IS NULL))")
        #expect(try Self.compile("coalesce(amount, NULL) > 0", dialect).sql.hasPrefix("(coalesce(\"amount\", NULL) > "))
        #expect(try Self.compile("NOT (email IS NULL)", dialect).sql == "NOT (\"email\" IS NULL)")
    }

    @Test("an empty IN list is false and an empty NOT IN list true, on both dialects", arguments: CoreFixture.dialects)
    func emptyInList(_ dialect: any SQLDialect) throws {
        let status = Expr.column(ColumnRef("status"))
        #expect(try Self.compile(.inList(status, [], negated: false), dialect) == ("(1 = 0)", []))
        #expect(try Self.compile(.inList(status, [], negated: true), dialect) == ("(1 = 1)", []))
    }

    @Test func inListsBindEachValue() throws {
        #expect(try Self.compile("status IN ('open', 'closed')", Self.sqlite) == ("(\"status\" IN (?, ?))", [.text("open"), .text("closed")]))
        #expect(try Self.compile("status NOT IN ('open', 'closed')", Self.postgres)
            == ("(\"status\" NOT IN ($1::text, $2::text))", [.text("open"), .text("closed")]))
    }

    @Test func likeAndILikePerDialect() throws {
        #expect(try Self.compile("email LIKE '%@x.com'", Self.sqlite) == ("(\"email\" LIKE ? ESCAPE '\\')", [.text("%@x.com")]))
        #expect(try Self.compile("email LIKE '%@x.com'", Self.postgres) == ("(\"email\" LIKE $1::text)", [.text("%@x.com")]))
        // SQLite has no ILIKE (and case_sensitive_like is on): both sides are lower-cased.
        #expect(try Self.compile("email ILIKE '%@X.COM'", Self.sqlite).sql == "(lower(\"email\") LIKE lower(?) ESCAPE '\\')")
        #expect(try Self.compile("email ILIKE '%@X.COM'", Self.postgres).sql == "(\"email\" ILIKE $1::text)")
        #expect(try Self.compile("email NOT LIKE '%@%'", Self.postgres).sql == "NOT (\"email\" LIKE $1::text)")
    }

    @Test func regularExpressionsPerDialect() throws {
        #expect(try Self.compile("code ~ '^[A-Z]+$'", Self.sqlite) == ("(\"code\" REGEXP ?)", [.text("^[A-Z]+$")]))
        #expect(try Self.compile("code ~ '^[A-Z]+$'", Self.postgres) == ("(\"code\" ~ $1::text)", [.text("^[A-Z]+$")]))
        // Case-insensitive: an inline flag for SQLite's regexp(), the ~* operator for PostgreSQL.
        #expect(try Self.compile("code ~* '^a'", Self.sqlite) == ("(\"code\" REGEXP ?)", [.text("(?i)^a")]))
        #expect(try Self.compile("code ~* '^a'", Self.postgres) == ("(\"code\" ~* $1::text)", [.text("^a")]))
        #expect(try Self.compile("code !~ '^a'", Self.sqlite).sql == "NOT (\"code\" REGEXP ?)")
        #expect(try Self.compile("code !~* '^a'", Self.postgres) == ("NOT (\"code\" ~* $1::text)", [.text("^a")]))
    }

    @Test func castsPerDialect() throws {
        #expect(try Self.compile("CAST(amount AS integer) > 1", Self.sqlite).sql == "(CAST(\"amount\" AS INTEGER) > ?)")
        #expect(try Self.compile("CAST(amount AS integer) > 1", Self.postgres).sql == "(CAST(\"amount\" AS bigint) > $1::bigint)")
        #expect(try Self.compile("amount::text = '1'", Self.sqlite).sql == "(CAST(\"amount\" AS TEXT) = ?)")
        #expect(try Self.compile("CAST(code AS numeric) > 1", Self.sqlite).sql == "(CAST(\"code\" AS REAL) > ?)")
        #expect(try Self.compile("CAST(code AS numeric) > 1", Self.postgres).sql == "(CAST(\"code\" AS numeric) > $1::bigint)")
    }

    @Test("EXTRACT(YEAR FROM AGE(x)) < N becomes one comparison with the cutoff date N years before now")
    func ageCutoffRewrite() throws {
        // now is 2026-06-01 12:00; 18 years before the day: 2008-06-01 00:00 (Julian day 2454618.5).
        #expect(try Self.compile("EXTRACT(YEAR FROM AGE(opened)) < 18", Self.postgres)
            == ("(\"opened\" > $1::timestamp)", [.timestamp("2008-06-01 00:00:00")]))
        #expect(try Self.compile("EXTRACT(YEAR FROM AGE(opened)) < 18", Self.sqlite)
            == ("(julianday(\"opened\") > ?)", [.double(2_454_618.5)]))
        // age <= 17 is age < 18; age > 17 is age >= 18; age >= 18 is opened on or before the cutoff.
        #expect(try Self.compile("EXTRACT(YEAR FROM AGE(opened)) <= 17", Self.postgres).bindings == [.timestamp("2008-06-01 00:00:00")])
        #expect(try Self.compile("EXTRACT(YEAR FROM AGE(opened)) >= 18", Self.postgres)
            == ("(\"opened\" <= $1::timestamp)", [.timestamp("2008-06-01 00:00:00")]))
        #expect(try Self.compile("EXTRACT(YEAR FROM AGE(opened)) > 17", Self.postgres)
            == ("(\"opened\" <= $1::timestamp)", [.timestamp("2008-06-01 00:00:00")]))
        // With an explicit reference date.
        #expect(try Self.compile("EXTRACT(YEAR FROM AGE(DATE '2020-02-29', opened)) < 1", Self.postgres).bindings
            == [.timestamp("2019-02-28 00:00:00")])
    }

    @Test func ageWithoutACutoffIsComputedPerRow() throws {
        let postgres = try Self.compile("EXTRACT(YEAR FROM AGE(opened)) = 18", Self.postgres)
        #expect(postgres.sql.contains("AGE($1::date, \"opened\")"), "\(postgres.sql)")
        #expect(postgres.bindings.first == .date("2026-06-01"))
        let sqlite = try Self.compile("EXTRACT(MONTH FROM AGE(opened)) = 3", Self.sqlite)
        // The constant side's month index, 2026 × 12 + 6, is computed at plan time.
        #expect(sqlite.bindings.contains(.integer(24_318)), "\(sqlite.bindings)")
        #expect(sqlite.sql.contains("strftime('%Y', \"opened\")") && sqlite.sql.contains(" % 12)"), "\(sqlite.sql)")
    }

    @Test("current_date and current_timestamp are bound to the planner's now")
    func nowIsBound() throws {
        #expect(try Self.compile("opened > current_date", Self.postgres) == ("(\"opened\" > $1::date)", [.date("2026-06-01")]))
        #expect(try Self.compile("updated_at < current_timestamp", Self.postgres)
            == ("(\"updated_at\" < $1::timestamp)", [.timestamp("2026-06-01 12:00:00")]))
        #expect(try Self.compile("updated_at < now()", Self.postgres).bindings == [.timestamp("2026-06-01 12:00:00")])
        // SQLite compares Julian days: 2026-06-01 is 2461192.5, noon 2461193.0.
        #expect(try Self.compile("opened > current_date", Self.sqlite) == ("(julianday(\"opened\") > ?)", [.double(2_461_192.5)]))
        #expect(try Self.compile("updated_at < current_timestamp", Self.sqlite).bindings == [.double(2_461_193.0)])
        let later = CivilDateTime(date: CivilDate(year: 2030, month: 1, day: 2))
        let expr = try ConditionParser.parse("opened > current_date")
        let fragment = try SQLCompiler(dialect: Self.postgres, schema: F.accounts, now: later).compile(expr)
        #expect(fragment.bindings == [.date("2030-01-02")])
    }

    @Test("arithmetic on constant dates is folded at plan time")
    func constantDateArithmetic() throws {
        #expect(try Self.compile("opened > current_date - 7", Self.postgres).bindings == [.date("2026-05-25")])
        #expect(try Self.compile("opened > current_date - 7", Self.sqlite).bindings == [.double(2_461_185.5)])
        #expect(try Self.compile("updated_at > current_timestamp - INTERVAL '2 hours'", Self.postgres)
            == ("(\"updated_at\" > $1::timestamp)", [.timestamp("2026-06-01 10:00:00")]))
        #expect(try Self.compile("opened > DATE '2024-01-31' + INTERVAL '1 month'", Self.postgres).bindings
            == [.timestamp("2024-02-29 00:00:00")])
    }

    @Test("arithmetic on date columns per dialect")
    func columnDateArithmetic() throws {
        #expect(try Self.compile("opened + 30 > current_date", Self.postgres)
            == ("((\"opened\" + ($1::bigint)::integer) > $2::date)", [.integer(30), .date("2026-06-01")]))
        #expect(try Self.compile("opened + 30 > current_date", Self.sqlite).sql
            == "(julianday(date(\"opened\", CAST(? AS TEXT) || ' days')) > ?)")
        #expect(try Self.compile("current_date - opened > 30", Self.postgres)
            == ("(($1::date - \"opened\") > $2::bigint)", [.date("2026-06-01"), .integer(30)]))
        #expect(try Self.compile("current_date - opened > 30", Self.sqlite).sql
            == "(CAST(julianday(?) - julianday(\"opened\") AS INTEGER) > ?)")
        let interval = try Self.compile("updated_at + INTERVAL '1 day' < current_timestamp", Self.postgres)
        #expect(interval.sql.contains("(\"updated_at\" + make_interval(months => $1::bigint::integer, days => $2::bigint::integer"), "\(interval.sql)")
        #expect(interval.bindings.prefix(2) == [.integer(0), .integer(1)])
    }

    @Test("CASE keeps its branches in order, with placeholders numbered in order", arguments: CoreFixture.dialects)
    func caseWhen(_ dialect: any SQLDialect) throws {
        let (sql, bindings) = try Self.compile("CASE WHEN amount > 0 THEN 'pos' WHEN amount < 0 THEN 'neg' ELSE 'zero' END = 'pos'", dialect)
        #expect(bindings == [.integer(0), .text("pos"), .integer(0), .text("neg"), .text("zero"), .text("pos")])
        if dialect.name == "sqlite" {
            #expect(sql == "((CASE WHEN (\"amount\" > ?) THEN ? WHEN (\"amount\" < ?) THEN ? ELSE ? END) = ?)")
        } else {
            #expect(sql == "((CASE WHEN (\"amount\" > $1::bigint) THEN $2::text WHEN (\"amount\" < $3::bigint) THEN $4::text "
                + "ELSE $5::text END) = $6::text)")
        }
    }

    @Test func placeholdersRenderPerDialect() {
        let fragment = "a = " + SQLFragment.bind(.integer(1)) + " AND b = " + SQLFragment.bind(.text("x")) + " AND c = " + SQLFragment.bind(.null)
        #expect(Self.sqlite.render(fragment) == "a = ? AND b = ? AND c = ?")
        #expect(Self.postgres.render(fragment) == "a = $1 AND b = $2 AND c = $3")
        #expect(fragment.bindings == [.integer(1), .text("x"), .null])
        #expect(fragment.displaySQL() == "a = 1 AND b = 'x' AND c = NULL")
        // PostgreSQL types each constant explicitly.
        #expect(Self.postgres.render(Self.postgres.bind(.boolean(true))) == "$1::boolean")
        #expect(Self.postgres.render(Self.postgres.bind(.date("2026-01-01"))) == "$1::date")
        #expect(Self.postgres.render(Self.postgres.bind(.null)) == "NULL")
        #expect(Self.sqlite.render(Self.sqlite.bind(.date("2026-01-01"))) == "?")
    }

    @Test("presentRows puts the scope before the non-null tests", arguments: CoreFixture.dialects)
    func presentRows(_ dialect: any SQLDialect) throws {
        let compiler = SQLCompiler(dialect: dialect, schema: F.accounts, now: F.now)
        let scope = [try ConditionParser.parse("amount > 1"), try ConditionParser.parse("status = 'a'")]
        let fragment = try compiler.presentRows(["email", "code"], scope: scope)
        let p = dialect.name == "sqlite" ? ["?", "?"] : ["$1::bigint", "$2::text"]
        #expect(dialect.render(fragment) == " WHERE ((\"amount\" > \(p[0])) AND (\"status\" = \(p[1]))) AND \"email\" IS NOT NULL AND \"code\" IS NOT NULL")
    }

    @Test func lengthFunctionsPerDialect() throws {
        #expect(try Self.compile("length(code) > 3", Self.sqlite).sql == "(length(\"code\") > ?)")
        #expect(try Self.compile("char_length(code) > 3", Self.sqlite).sql == "(length(\"code\") > ?)")
        #expect(try Self.compile("length(code) > 3", Self.postgres).sql == "(char_length(\"code\") > $1::bigint)")
    }
}

/// Defects found by these tests, each kept as a regression case.
@Suite("SQL compiler: regressions")
struct SQLCompilerDefectTests {
    @Test
    func smallDecimalsKeepTheirValueOnPostgres() throws {
        let expr = try ConditionParser.parse("amount > 0.0000000000000001")
        let fragment = try SQLCompiler(dialect: PostgresDialect(), schema: CoreFixture.accounts, now: CoreFixture.now).compile(expr)
        guard case .text(let bound) = try #require(fragment.bindings.first) else {
            Issue.record("\(fragment.bindings)")
            return
        }
        // Was bound as "0": the condition ran as `amount > 0` on PostgreSQL and as written on SQLite.
        #expect(Double(bound) == 1e-16, "bound as \(bound)")
    }
}
