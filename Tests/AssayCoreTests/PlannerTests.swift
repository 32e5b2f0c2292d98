@testable import AssayCore
import Testing

/// The planner on a hand-built catalogue: how many statements, which metric each check reads, and the SQL.
@Suite("Planner: statements, metrics and measures")
struct PlannerTests {
    typealias F = CoreFixture

    static let rowChecks: [Check] = [
        Check(id: "email_present", kind: .notNull(column: "email")),
        Check(id: "code_shape", kind: .regex(column: "code", pattern: "^[A-Z]+$", mustMatch: true)),
        Check(id: "status_known", kind: .inSet(column: "status", values: [.string("open"), .string("closed")], negated: false)),
        Check(id: "amount_range", kind: .between(column: "amount", min: .integer(0), max: .integer(1000), strictMin: false, strictMax: false)),
        Check(id: "rows", kind: .rowCount(fail: ValueBounds(min: 1), warn: nil)),
    ]

    @Test("one scan per table, whatever the number of checks", arguments: CoreFixture.dialects)
    func oneScan(_ dialect: any SQLDialect) throws {
        let negative = try F.rule("negative", "amount < 0")
        let plan = F.plan(Self.rowChecks + [negative], dialect: dialect)
        #expect(plan.invalidChecks.isEmpty, "\(plan.invalidChecks)")
        #expect(plan.queries.count == 1)
        #expect(plan.queries.first?.purpose == .scan)
        #expect(Set(plan.queries.first?.checkIDs ?? []) == Set(plan.checks.map(\.check.id)))
        let sql = try #require(F.scanSQL(plan, dialect))
        #expect(sql.hasPrefix("SELECT COUNT(*), "))
        #expect(sql.hasSuffix(" FROM \"accounts\""))
        for planned in plan.checks {
            let refs = planned.measure.references
            #expect(!refs.isEmpty && refs.allSatisfy { $0.query == 0 }, "\(planned.check.id): \(planned.measure)")
        }
    }

    @Test("checks needing the same aggregate share one column of the scan", arguments: CoreFixture.dialects)
    func metricDedup(_ dialect: any SQLDialect) throws {
        let plan = F.plan([
            Check(id: "a", kind: .notNull(column: "email")),
            Check(id: "b", kind: .notNull(column: "email"), severity: .high),
            Check(id: "c", kind: .regex(column: "code", pattern: "^A", mustMatch: true)),
            Check(id: "d", kind: .lengthBetween(column: "code", min: 1, max: 8)),
        ], dialect: dialect)
        guard case .violations(let rowsA, let nullsA) = F.measure(plan, "a"),
              case .violations(let rowsB, let nullsB) = F.measure(plan, "b"),
              case .counted(let rowsC, _, let valuesC?, nil) = F.measure(plan, "c"),
              case .counted(let rowsD, _, let valuesD?, nil) = F.measure(plan, "d") else {
            Issue.record("unexpected measures: \(plan.checks.map(\.measure))")
            return
        }
        #expect(rowsA == MetricRef(query: 0, column: 0))
        #expect([rowsB, rowsC, rowsD].allSatisfy { $0 == rowsA })
        #expect(nullsA == nullsB)
        #expect(valuesC == valuesD)
        // rows, email IS NULL, COUNT(code), code's regex, code's length: five aggregates for four checks.
        let sql = try #require(F.scanSQL(plan, dialect))
        #expect(sql.components(separatedBy: "COUNT(").count - 1 == 5, "\(sql)")
        #expect(sql.components(separatedBy: "\"email\" IS NULL").count - 1 == 1)
        #expect(sql.contains("COUNT(\"code\")"))
    }

    @Test func sqliteChecksReferencesByASeparateAntiJoin() throws {
        let dialect = SQLiteDialect()
        let plan = F.plan([Check(id: "email_present", kind: .notNull(column: "email")),
                           Check(id: "fk", kind: .references(column: "customer_id", table: "customers", key: "customer_id"))],
                          dialect: dialect)
        #expect(plan.queries.map(\.purpose) == [.scan, .references(checkID: "fk")])
        let sql = dialect.render(plan.queries[1].sql)
        #expect(sql == "SELECT COUNT(*), COUNT(*) FILTER (WHERE c.\"customer_id\" IS NOT NULL AND NOT EXISTS "
            + "(SELECT 1 FROM \"customers\" p WHERE p.\"customer_id\" = c.\"customer_id\")) FROM \"accounts\" c")
        // The anti-join's references are shifted past the scan.
        #expect(F.measure(plan, "fk") == .violations(rows: MetricRef(query: 1, column: 0), violations: MetricRef(query: 1, column: 1)))
        #expect(!(F.scanSQL(plan, dialect) ?? "").contains("customers"))
        let sample = try #require(plan.checks.first { $0.check.id == "fk" }?.sample)
        #expect(dialect.render(sample).hasSuffix("LIMIT 5"))
        #expect(plan.checks.first { $0.check.id == "fk" }?.sampleColumns == ["id", "customer_id"])
    }

    @Test func postgresJoinsAUniqueParentKeyIntoTheScan() throws {
        let dialect = PostgresDialect()
        #expect(dialect.joinsReferencesIntoScan)
        let plan = F.plan([Check(id: "email_present", kind: .notNull(column: "email")),
                           Check(id: "fk", kind: .references(column: "customer_id", table: "customers", key: "customer_id"))],
                          dialect: dialect)
        #expect(plan.queries.map(\.purpose) == [.scan])
        let sql = try #require(F.scanSQL(plan, dialect))
        #expect(sql.contains(" FROM \"accounts\" c LEFT JOIN \"customers\" p1 ON p1.\"customer_id\" = c.\"customer_id\""), "\(sql)")
        #expect(sql.contains("COUNT(*) FILTER (WHERE c.\"customer_id\" IS NOT NULL AND p1.\"customer_id\" IS NULL)"), "\(sql)")
        // Columns of the joined scan are qualified with the table's alias.
        #expect(sql.contains("c.\"email\" IS NULL"))
        guard case .violations(let rows, let orphans) = F.measure(plan, "fk") else {
            Issue.record("\(String(describing: F.measure(plan, "fk")))")
            return
        }
        #expect(rows.query == 0 && orphans.query == 0 && rows != orphans)
    }

    @Test func postgresChecksANonUniqueParentKeyByAnAntiJoin() throws {
        let plan = F.plan([Check(id: "fk", kind: .references(column: "customer_id", table: "legacy", key: "ref"))],
                          dialect: PostgresDialect())
        #expect(plan.queries.map(\.purpose) == [.references(checkID: "fk")])
        #expect(PostgresDialect().render(plan.queries[0].sql).contains("NOT EXISTS (SELECT 1 FROM \"legacy\" p WHERE p.\"ref\" = c.\"customer_id\")"))
        #expect(F.measure(plan, "fk") == .violations(rows: MetricRef(query: 0, column: 0), violations: MetricRef(query: 0, column: 1)))
    }

    @Test func referencesToAMissingTableOrKeyAreInvalid() {
        let plan = F.plan([Check(id: "t", kind: .references(column: "customer_id", table: "nowhere", key: "id")),
                           Check(id: "k", kind: .references(column: "customer_id", table: "customers", key: "cust_id"))])
        let reasons = Dictionary(uniqueKeysWithValues: plan.invalidChecks.map { ($0.check.id, $0.reason) })
        #expect(reasons["t"]?.contains("referenced table 'nowhere' does not exist") == true, "\(reasons)")
        #expect(reasons["k"]?.contains("unknown column 'cust_id'") == true, "\(reasons)")
        #expect(reasons["k"]?.contains("customers") == true)
        #expect(plan.queries.isEmpty)
    }

    @Test func anEnforcedForeignKeyProvesReferences() {
        var schemas = F.schemas
        schemas["accounts"]?.foreignKeys = [ForeignKey(columns: ["customer_id"], table: "customers", keyColumns: ["customer_id"])]
        let plan = F.plan([Check(id: "fk", kind: .references(column: "customer_id", table: "customers", key: "customer_id"))],
                          schemas: schemas)
        guard case .proven(_, let constraint) = F.measure(plan, "fk") else {
            Issue.record("\(String(describing: F.measure(plan, "fk")))")
            return
        }
        #expect(constraint.contains("FOREIGN KEY"))
        #expect(plan.queries.map(\.purpose) == [.scan])
    }

    @Test("an unknown column makes the check invalid, naming the column; the others still run", arguments: CoreFixture.dialects)
    func unknownColumn(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "typo", kind: .notNull(column: "emial")),
                           Check(id: "ok", kind: .notNull(column: "status"))], dialect: dialect)
        #expect(plan.invalidChecks.map(\.check.id) == ["typo"])
        let reason = try #require(plan.invalidChecks.first?.reason)
        #expect(reason.contains("unknown column 'emial'") && reason.contains("accounts"), "\(reason)")
        #expect(reason.contains("email"), "the nearest name is suggested: \(reason)")
        let sql = try #require(F.scanSQL(plan, dialect))
        #expect(!sql.contains("emial"))
        #expect(plan.queries.first?.checkIDs == ["ok"])
    }

    @Test("an ill-typed condition makes the check invalid, naming the column", arguments: CoreFixture.dialects)
    func illTypedCondition(_ dialect: any SQLDialect) throws {
        let plan = F.plan([try F.rule("bad", "opened > 5"), try F.rule("unknown", "balance < 0")], dialect: dialect)
        let reasons = Dictionary(uniqueKeysWithValues: plan.invalidChecks.map { ($0.check.id, $0.reason) })
        #expect(reasons["bad"]?.contains("opened") == true, "\(reasons)")
        #expect(reasons["unknown"]?.contains("balance") == true, "\(reasons)")
        #expect(plan.queries.isEmpty)
    }

    @Test func anIllTypedFilterMakesEveryCheckOfTheTableInvalid() throws {
        let plan = F.plan([Check(id: "a", kind: .notNull(column: "email"))], filter: try Condition("status > 3"))
        let reason = try #require(plan.invalidChecks.first?.reason)
        #expect(reason.hasPrefix("filter: ") && reason.contains("status"), "\(reason)")
    }

    @Test func aMissingTableMakesEveryCheckInvalid() {
        let plan = F.plan(Self.rowChecks, schemas: ["customers": F.customers])
        #expect(plan.queries.isEmpty)
        #expect(plan.tableError?.message == "table 'accounts' does not exist in the source")
        #expect(plan.tableError?.code == .missingTable)
        #expect(plan.invalidChecks.count == Self.rowChecks.count)
        #expect(plan.invalidChecks.allSatisfy { $0.reason == plan.tableError?.message })
    }

    @Test("a PRIMARY KEY proves uniqueness and NOT NULL proves presence: only the row count is scanned",
          arguments: CoreFixture.dialects)
    func constraintsProve(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "u", kind: .unique(columns: ["id"])),
                           Check(id: "u2", kind: .unique(columns: ["email", "ID"])),
                           Check(id: "n", kind: .notNull(column: "id"))], dialect: dialect)
        var constraints: [String] = []
        for planned in plan.checks {
            guard case .proven(let rows, let constraint) = planned.measure else {
                Issue.record("\(planned.check.id): \(planned.measure)")
                continue
            }
            #expect(rows == MetricRef(query: 0, column: 0))
            #expect(planned.sample == nil)
            constraints.append(constraint)
        }
        #expect(constraints == ["the PRIMARY KEY constraint on (id)", "the PRIMARY KEY constraint on (id)", "the NOT NULL constraint on id"])
        #expect(F.scanSQL(plan, dialect) == "SELECT COUNT(*) FROM \"accounts\"")
    }

    @Test func uniquenessWithoutAConstraintIsCountedPerDialect() throws {
        let check = Check(id: "u", kind: .unique(columns: ["email"]))
        let sqlite = F.plan([check], dialect: SQLiteDialect())
        guard case .duplicates(_, let complete, let distinct) = F.measure(sqlite, "u") else {
            Issue.record("\(String(describing: F.measure(sqlite, "u")))")
            return
        }
        #expect(complete != distinct)
        #expect(F.scanSQL(sqlite, SQLiteDialect()) == "SELECT COUNT(*), COUNT(\"email\"), COUNT(DISTINCT \"email\") FROM \"accounts\"")
        let sample = try #require(sqlite.checks[0].sample)
        #expect(SQLiteDialect().render(sample) == "SELECT \"email\", COUNT(*) FROM \"accounts\" WHERE \"email\" IS NOT NULL "
            + "GROUP BY \"email\" HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC LIMIT 5")

        let postgres = F.plan([check], dialect: PostgresDialect())
        guard case .groupedDuplicates = F.measure(postgres, "u") else {
            Issue.record("\(String(describing: F.measure(postgres, "u")))")
            return
        }
        let sql = try #require(F.scanSQL(postgres, PostgresDialect()))
        #expect(sql.contains("GROUP BY \"email\" HAVING COUNT(*) > 1") && !sql.contains("COUNT(DISTINCT"), "\(sql)")
        #expect(postgres.checks[0].sample == nil, "the grouped count brings its own sample")
        #expect(postgres.checks[0].sampleColumns == ["email", "occurrences"])
    }

    @Test("a filter shared by every metric goes into the scan's WHERE", arguments: CoreFixture.dialects)
    func sharedScopeInWhere(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "a", kind: .notNull(column: "email")),
                           Check(id: "b", kind: .notNull(column: "code"))],
                          dialect: dialect, filter: try Condition("status = 'open'"))
        let scan = try #require(plan.queries.first)
        let sql = dialect.render(scan.sql)
        let marker = dialect.name == "sqlite" ? "?" : "$1::text"
        #expect(sql == "SELECT COUNT(*), COUNT(*) FILTER (WHERE \"email\" IS NULL), COUNT(*) FILTER (WHERE \"code\" IS NULL) "
            + "FROM \"accounts\" WHERE (\"status\" = \(marker))", "\(sql)")
        #expect(scan.sql.bindings == [.text("open")])
    }

    @Test("a check's own filter stays on its aggregates; only the shared part moves to WHERE", arguments: CoreFixture.dialects)
    func checkFilterStaysOnItsMetrics(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "a", kind: .notNull(column: "email")),
                           Check(id: "b", kind: .notNull(column: "code"), filter: try Condition("amount > 10"))],
                          dialect: dialect)
        let sql = try #require(F.scanSQL(plan, dialect))
        #expect(!sql.contains(" WHERE (\"amount\""), "\(sql)")
        // The filtered check counts its own rows and violations under its filter.
        #expect(sql.components(separatedBy: "FILTER (WHERE (\"amount\" >").count - 1 == 2, "\(sql)")
        guard case .violations(let rowsA, _) = F.measure(plan, "a"), case .violations(let rowsB, _) = F.measure(plan, "b") else {
            Issue.record("\(plan.checks.map(\.measure))")
            return
        }
        #expect(rowsA != rowsB)
    }

    @Test("a window is bounded by now on both sides and binds both instants", arguments: CoreFixture.dialects)
    func windowInWhere(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "rows", kind: .rowCount(fail: ValueBounds(min: 1), warn: nil))], dialect: dialect,
                          window: Window(column: "updated_at", last: TimeSpan(seconds: 86_400)))
        let scan = try #require(plan.queries.first)
        let sql = dialect.render(scan.sql)
        #expect(sql.hasPrefix("SELECT COUNT(*) FROM \"accounts\" WHERE "), "\(sql)")
        if dialect.name == "sqlite" {
            // Compared as Julian days: 2026-05-31 12:00 and 2026-06-01 12:00.
            #expect(scan.sql.bindings == [.double(2_461_192.0), .double(2_461_193.0)])
            #expect(sql.contains("julianday(\"updated_at\") >= ?"))
        } else {
            #expect(scan.sql.bindings == [.timestamp("2026-05-31 12:00:00"), .timestamp("2026-06-01 12:00:00")])
            #expect(sql.contains("\"updated_at\" >= $1::timestamp") && sql.contains("\"updated_at\" <= $2::timestamp"), "\(sql)")
        }
    }

    @Test("schema checks are decided from the catalogue, without SQL", arguments: CoreFixture.dialects)
    func schemaChecksFromTheCatalogue(_ dialect: any SQLDialect) {
        let plan = F.plan([
            Check(id: "has_email", kind: .columnExists(column: "EMAIL")),
            Check(id: "has_phone", kind: .columnExists(column: "phone")),
            Check(id: "position", kind: .columnExists(column: "email", position: 1)),
            Check(id: "count", kind: .columnCount(ValueBounds(min: 8, max: 8))),
            Check(id: "type", kind: .columnType(column: "code", types: ["varchar"])),
            Check(id: "exact", kind: .columnSet(expected: ["id", "email", "phone"], exact: true)),
        ], dialect: dialect)
        #expect(plan.queries.isEmpty)
        #expect(F.measure(plan, "has_email") == .catalogue(passed: true, observed: nil, problems: 0, message: "schema as expected"))
        #expect(F.measure(plan, "has_phone") == .catalogue(passed: false, observed: nil, problems: 1, message: "missing column(s) phone"))
        #expect(F.measure(plan, "position") == .catalogue(passed: false, observed: .integer(2), problems: 1,
                                                           message: "column email is at position 2, expected 1"))
        #expect(F.measure(plan, "count") == .catalogue(passed: true, observed: .integer(8), problems: nil, message: "8 columns"))
        #expect(F.measure(plan, "type") == .catalogue(passed: true, observed: .text("VARCHAR(8)"), problems: nil, message: "code is VARCHAR(8)"))
        guard case .catalogue(false, _, let problems?, let message) = F.measure(plan, "exact") else {
            Issue.record("\(String(describing: F.measure(plan, "exact")))")
            return
        }
        // phone missing; customer_id, amount, opened, updated_at, status, code unexpected.
        #expect(problems == 7)
        #expect(message == "missing column(s) phone; unexpected column(s) customer_id, amount, opened, updated_at, status, code")
    }

    @Test("row checks get a failing-row statement limited to sampleLimit", arguments: CoreFixture.dialects)
    func samples(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "a", kind: .notNull(column: "email")), try F.rule("r", "amount < 0 AND status = 'open'")],
                          dialect: dialect, sampleLimit: 3)
        let a = try #require(plan.checks.first { $0.check.id == "a" })
        #expect(dialect.render(try #require(a.sample)) == "SELECT \"id\", \"email\" FROM \"accounts\" WHERE \"email\" IS NULL LIMIT 3")
        #expect(a.sampleColumns == ["id", "email"])
        let r = try #require(plan.checks.first { $0.check.id == "r" })
        let sample = try #require(r.sample)
        #expect(r.sampleColumns == ["id", "amount", "status"])
        #expect(dialect.render(sample).hasPrefix("SELECT \"id\", \"amount\", \"status\" FROM \"accounts\" WHERE "))
        #expect(dialect.render(sample).hasSuffix(" LIMIT 3"))
        #expect(sample.bindings.contains(.text("open")))
        // Measures decided without rows have no sample.
        let stats = F.plan([Check(id: "m", kind: .statistic(column: "amount", .mean, range: ValueRange(min: .integer(0))))], dialect: dialect)
        #expect(stats.checks[0].sample == nil)
    }

    @Test func maskedColumnsComeFromPersonalData() {
        #expect(F.plan([]).maskedColumns == ["email"])
        #expect(F.plan([], pii: ["STATUS"]).maskedColumns == ["email", "status"])
        #expect(F.plan([], pii: ["status"], notPII: ["email"]).maskedColumns == ["status"])
        #expect(F.plan([], schemas: [:]).maskedColumns.isEmpty)
    }

    @Test("dates kept as text are guarded on SQLite, not on PostgreSQL's DATE column")
    func textDates() throws {
        let check = try F.rule("future", "opened > current_date")
        let sqlite = F.plan([check], dialect: SQLiteDialect())
        guard case .counted(_, _, nil, let notDates?) = F.measure(sqlite, "future") else {
            Issue.record("\(String(describing: F.measure(sqlite, "future")))")
            return
        }
        #expect(notDates.columns == ["opened"])
        #expect(notDates.rows != notDates.alsoViolating)
        #expect(F.scanSQL(sqlite, SQLiteDialect())?.contains("julianday(\"opened\") IS NOT NULL") == true)
        let postgres = F.plan([check], dialect: PostgresDialect())
        guard case .violations = F.measure(postgres, "future") else {
            Issue.record("\(String(describing: F.measure(postgres, "future")))")
            return
        }
    }

    @Test("statistics read one aggregate; a unique proportion divides by the non-null count", arguments: CoreFixture.dialects)
    func statistics(_ dialect: any SQLDialect) throws {
        let range = ValueRange(min: .integer(0))
        let plan = F.plan([Check(id: "mean", kind: .statistic(column: "amount", .mean, range: range)),
                           Check(id: "share", kind: .statistic(column: "email", .uniqueProportion, range: range)),
                           Check(id: "keys", kind: .statistic(column: "id", .distinctCount, range: range))], dialect: dialect)
        guard case .statistic(let mean, nil) = F.measure(plan, "mean"),
              case .statistic(let distinct, let nonNull?) = F.measure(plan, "share"),
              case .statistic(let keys, nil) = F.measure(plan, "keys") else {
            Issue.record("\(plan.checks.map(\.measure))")
            return
        }
        #expect(Set([mean, distinct, nonNull, keys]).count == 4)
        let sql = try #require(F.scanSQL(plan, dialect))
        #expect(sql.contains("AVG(\"amount\")"))
        #expect(sql.contains("COUNT(\"email\")"))
        // A unique key's distinct values are its non-null values: no distinct count of id.
        #expect(sql.contains("COUNT(\"id\")") && !sql.contains("DISTINCT \"id\""), "\(sql)")
        #expect(plan.checks.first { $0.check.id == "keys" }?.strategy?.contains("unique key") == true)
    }

    @Test("the median and quantiles of one column share one sort", arguments: CoreFixture.dialects)
    func percentilesShareOneColumn(_ dialect: any SQLDialect) throws {
        let any = ValueRange()
        let plan = F.plan([Check(id: "median", kind: .statistic(column: "amount", .median, range: any)),
                           Check(id: "q", kind: .quantiles(column: "amount", [QuantileRange(quantile: 0.5, range: any),
                                                                              QuantileRange(quantile: 0.9, range: any)]))],
                          dialect: dialect)
        guard case .median(let lower, let upper) = F.measure(plan, "median"), case .quantiles(let refs) = F.measure(plan, "q") else {
            Issue.record("\(plan.checks.map(\.measure))")
            return
        }
        // One array-valued column (no row count is needed): the median's two middle positions, then the 0.9 quantile.
        #expect(lower == MetricRef(query: 0, column: 0, element: 0))
        #expect(upper == MetricRef(query: 0, column: 0, element: 1))
        #expect(refs == [lower, MetricRef(query: 0, column: 0, element: 2)])
        let scan = try #require(plan.queries.first)
        if dialect.name == "sqlite" {
            // Each fraction is bound three times in its pick of position ceil(f·n).
            #expect(scan.sql.bindings == [0.5, 0.5 + 1e-12, 0.9].flatMap { Array(repeating: SQLValue.double($0), count: 3) })
        } else {
            #expect(scan.sql.bindings == [.text("0.5"), .text("0.500000000001"), .text("0.9")])
        }
        let sql = dialect.render(scan.sql)
        #expect(sql.contains(dialect.name == "sqlite" ? "ROW_NUMBER() OVER (ORDER BY \"amount\")" : "percentile_disc(ARRAY["), "\(sql)")
    }

    @Test("value sets and the most common value share one listing statement", arguments: CoreFixture.dialects)
    func valueListing(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "set", kind: .distinctValues(column: "status", values: [.string("open"), .string("closed"), .string("open")],
                                                                  relation: .equals)),
                           Check(id: "mode", kind: .mostCommonValue(column: "status", values: [.string("open")], tiesOkay: false))],
                          dialect: dialect)
        #expect(plan.queries.map(\.purpose) == [.scan, .values])
        #expect(plan.queries[1].checkIDs == ["set", "mode"])
        #expect(dialect.render(plan.queries[1].sql) == "SELECT \"status\", COUNT(*) FROM \"accounts\" WHERE \"status\" IS NOT NULL "
            + "GROUP BY \"status\" ORDER BY COUNT(*) DESC, \"status\" LIMIT 1000")
        guard case .distinctSet(let unexpected, let found, let expected, let values) = F.measure(plan, "set"),
              case .mostCommon(let modeValues) = F.measure(plan, "mode") else {
            Issue.record("\(plan.checks.map(\.measure))")
            return
        }
        #expect(expected == 2, "the set's distinct members")
        #expect(unexpected.query == 0 && found.query == 0 && unexpected != found)
        #expect(values == MetricRef(query: 1, column: 0) && modeValues == values)
        #expect(plan.queries[1].returnsRows)
    }

    @Test("freshness reads the newest value as epoch seconds", arguments: CoreFixture.dialects)
    func freshness(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "fresh", kind: .freshness(column: "updated_at", warnAfter: nil, failAfter: TimeSpan(seconds: 3600)))],
                          dialect: dialect)
        guard case .newest(let rows, let newest) = F.measure(plan, "fresh") else {
            Issue.record("\(plan.checks.map(\.measure))")
            return
        }
        #expect(rows == MetricRef(query: 0, column: 0) && newest == MetricRef(query: 0, column: 1))
        let sql = try #require(F.scanSQL(plan, dialect))
        let expected = dialect.name == "sqlite" ? "((MAX(julianday(\"updated_at\")) - 2440587.5) * 86400.0)" : "EXTRACT(EPOCH FROM MAX(\"updated_at\"))"
        #expect(sql == "SELECT COUNT(*), \(expected) FROM \"accounts\"")
    }

    @Test("order checks over one key share one window statement", arguments: CoreFixture.dialects)
    func orderChecksShareAWindow(_ dialect: any SQLDialect) throws {
        let plan = F.plan([Check(id: "up", kind: .monotonic(column: "amount", increasing: true, strict: false, orderBy: nil)),
                           Check(id: "down", kind: .monotonic(column: "code", increasing: false, strict: true, orderBy: nil))],
                          dialect: dialect)
        #expect(plan.queries.map(\.purpose) == [.ordered])
        #expect(plan.queries[0].checkIDs == ["up", "down"])
        #expect(dialect.render(plan.queries[0].sql) == "SELECT COUNT(s.v1), COUNT(*) FILTER (WHERE s.v1 < s.p1), "
            + "COUNT(s.v2), COUNT(*) FILTER (WHERE s.v2 >= s.p2) FROM (SELECT \"amount\" AS v1, LAG(\"amount\") OVER (ORDER BY \"id\") AS p1, "
            + "\"code\" AS v2, LAG(\"code\") OVER (ORDER BY \"id\") AS p2 FROM \"accounts\") s")
        #expect(F.measure(plan, "up") == .violations(rows: MetricRef(query: 0, column: 0), violations: MetricRef(query: 0, column: 1)))
        #expect(F.measure(plan, "down") == .violations(rows: MetricRef(query: 0, column: 2), violations: MetricRef(query: 0, column: 3)))
    }

    @Test func orderWithoutAKeyUsesRowidOnSQLiteAndIsInvalidOnPostgres() throws {
        let schemas = ["accounts": TableSchema(table: "accounts", columns: [ColumnInfo(name: "amount", declaredType: "INTEGER")])]
        let check = Check(id: "up", kind: .monotonic(column: "amount", increasing: true, strict: false, orderBy: nil))
        let sqlite = F.plan([check], dialect: SQLiteDialect(), schemas: schemas)
        #expect(SQLiteDialect().render(try #require(sqlite.queries.first).sql).contains("OVER (ORDER BY rowid)"))
        let postgres = F.plan([check], dialect: PostgresDialect(), schemas: schemas)
        #expect(postgres.invalidChecks.first?.reason == "increasing needs 'order_by': table 'accounts' has no primary key to order rows by")
    }

    @Test func unsupportedChecksAreInvalidWithTheirReason() {
        let plan = F.plan([Check(id: "x", kind: .unsupported(name: "expect_magic", reason: "expect_magic is not supported"))])
        #expect(F.measure(plan, "x") == .invalid("expect_magic is not supported"))
        #expect(plan.queries.isEmpty)
    }
}

/// Defects found by these tests, each kept as a regression case.
@Suite("Planner: regressions")
struct PlannerDefectTests {
    @Test
    func anEmptyInSetSkipsNulls() throws {
        let check = Check(id: "none", kind: .inSet(column: "status", values: [], negated: false))
        let binding = try CheckBinding(check: check, table: TableSpec(name: "accounts", checks: [check]), schema: CoreFixture.accounts,
                                       now: CoreFixture.now, dialect: SQLiteDialect())
        let (predicate, _) = try binding.violationPredicate()
        let sql = SQLiteDialect().render(try SQLCompiler(dialect: SQLiteDialect(), schema: CoreFixture.accounts, now: CoreFixture.now).compile(predicate))
        // SQL that does not read the column cannot leave its NULL rows out: the predicate was `status NOT IN ()`,
        // compiled to (1 = 1), so every row violates and a result can read "10 of 7 values checked violate".
        #expect(sql.contains("\"status\""), "\(sql)")
    }
}
