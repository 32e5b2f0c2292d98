/// PostgreSQL's spelling. Constants are bound with explicit casts (`$1::date`, `$2::numeric`) so the server
/// never guesses a parameter's type, and conditions keep their native PostgreSQL meaning.
package struct PostgresDialect: SQLDialect {
    package init() {}

    package var name: String { "postgresql" }

    package var countsDuplicatesByGrouping: Bool { true }
    package var joinsReferencesIntoScan: Bool { true }
    package var hasStatisticalAggregates: Bool { true }
    package var hasBooleanType: Bool { true }
    package func storesTemporalAsText(_ type: ValueType) -> Bool { type == .text }

    /// By regular expressions, since a cast of a bad value would fail the whole statement (PostgreSQL 15 has no
    /// `pg_input_is_valid`): the ISO shape, no day the month lacks, 29 February only in leap years, no year 0.
    package func isISOTemporal(_ value: SQLFragment) -> SQLFragment {
        let shape = #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?)?(Z|[+-]\d\d(:?\d\d)?)?$"#
        let impossible = #"^(0000|\d{4}-(02-3[01]|(04|06|09|11)-31))"#
        let leapDay = #"^\d{4}-02-29"#
        let leapYear = #"^(\d\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-"#
        return "(" + value + " ~ " + bind(.text(shape)) + " AND " + value + " !~ " + bind(.text(impossible))
            + " AND (" + value + " !~ " + bind(.text(leapDay)) + " OR " + value + " ~ " + bind(.text(leapYear)) + "))"
    }

    package func temporalFromText(_ value: SQLFragment) -> SQLFragment {
        "(CASE WHEN " + isISOTemporal(value) + " THEN (" + value + ")::timestamp END)"
    }

    package var maxSQLNesting: Int { 400 }
    package var maxResultColumns: Int { 1664 }
    package var maxBoundValues: Int { 65_535 }

    package func placeholder(_ index: Int) -> String { "$\(index)" }

    package func bind(_ value: SQLValue) -> SQLFragment {
        switch value {
        case .null: SQLFragment("NULL")
        case .boolean: .bind(value) + "::boolean"
        case .integer: .bind(value) + "::bigint"
        // Swift's shortest exact form (`1e-16`, `0.1`), which numeric reads without rounding.
        case .double(let d): .bind(.text("\(d)")) + "::numeric"
        case .text: .bind(value) + "::text"
        case .date: .bind(value) + "::date"
        case .timestamp: .bind(value) + "::timestamp"
        }
    }

    package func temporalOperand(_ sql: SQLFragment, type: ValueType, constant: CivilDateTime?) -> SQLFragment {
        sql
    }

    package func regexMatch(_ value: SQLFragment, pattern: String, caseInsensitive: Bool) -> SQLFragment {
        value + (caseInsensitive ? " ~* " : " ~ ") + bind(.text(pattern))
    }

    package func like(_ value: SQLFragment, pattern: SQLFragment, caseInsensitive: Bool) -> SQLFragment {
        value + (caseInsensitive ? " ILIKE " : " LIKE ") + pattern
    }

    package func call(_ function: Function, _ args: [SQLFragment]) -> SQLFragment {
        switch function {
        case .length, .charLength:
            return "char_length(" + SQLFragment.join(args, separator: ", ") + ")"
        case .round:
            let rest = args.dropFirst().map { ", (" + $0 + ")::integer" }.reduce(SQLFragment(), +)
            return "round((" + args[0] + ")::numeric" + rest + ")"
        case .substr:
            return "substr(" + args[0] + args.dropFirst().map { ", (" + $0 + ")::integer" }.reduce(SQLFragment(), +) + ")"
        default:
            return "\(function.rawValue)(" + SQLFragment.join(args, separator: ", ") + ")"
        }
    }

    package func extract(_ field: DateField, from value: SQLFragment, type: ValueType) -> SQLFragment {
        if field == .second || field == .epoch { return "EXTRACT(\(field.rawValue.uppercased()) FROM " + value + ")" }
        return "EXTRACT(\(field.rawValue.uppercased()) FROM " + value + ")::integer"
    }

    package func ageMonths(later: TemporalOperand, earlier: TemporalOperand) -> SQLFragment {
        let age = "AGE(" + later.sql + ", " + earlier.sql + ")"
        return "(EXTRACT(YEAR FROM " + age + ")::integer * 12 + EXTRACT(MONTH FROM " + age + ")::integer)"
    }

    package func add(_ interval: Interval, to value: SQLFragment, type: ValueType) -> SQLFragment {
        "(" + value + " + make_interval(months => " + bind(.integer(Int64(interval.months))) + "::integer, days => "
            + bind(.integer(Int64(interval.days))) + "::integer, secs => " + bind(.double(interval.seconds)) + "::float8))"
    }

    package func add(days: SQLFragment, to date: SQLFragment) -> SQLFragment {
        "(" + date + " + (" + days + ")::integer)"
    }

    package func daysBetween(_ later: SQLFragment, _ earlier: SQLFragment) -> SQLFragment {
        "(" + later + " - " + earlier + ")"
    }

    package func cast(_ value: SQLFragment, to type: CastType) -> SQLFragment {
        let name = switch type {
        case .integer: "bigint"
        case .numeric: "numeric"
        case .text: "text"
        case .date: "date"
        case .timestamp: "timestamp"
        case .boolean: "boolean"
        }
        return "CAST(" + value + " AS \(name))"
    }

    package func distinctCount(_ columns: [SQLFragment]) -> SQLFragment {
        if columns.count == 1 { return "COUNT(DISTINCT " + columns[0] + ")" }
        let allPresent = SQLFragment.join(columns.map { $0 + " IS NOT NULL" }, separator: " AND ")
        return "COUNT(DISTINCT CASE WHEN " + allPresent + " THEN ROW(" + SQLFragment.join(columns, separator: ", ") + ") END)"
    }

    package func epochSeconds(_ value: SQLFragment, type: ValueType) -> SQLFragment {
        "EXTRACT(EPOCH FROM " + value + ")"
    }

    package func newestEpochSeconds(_ column: SQLFragment, type: ValueType) -> SQLFragment {
        "EXTRACT(EPOCH FROM MAX(" + column + "))"
    }
}
