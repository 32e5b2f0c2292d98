import GRDB
import GRDBSQLite

/// `regexp(pattern, value)` — what SQLite calls for `value REGEXP pattern` — with PostgreSQL `~` semantics.
///
/// Registered through SQLite's C API so each row costs no allocation: the value is read from SQLite's own
/// buffer, and the compiled pattern is kept as the statement's auxiliary data, compiled once per statement.
/// A match that runs past the statement's deadline (the connection's ``StatementClock``) fails the statement.
enum RegexpFunction {
    /// - Parameter clock: the connection's statement clock; it must outlive the connection.
    static func register(on db: Database, clock: StatementClock) throws {
        let code = sqlite3_create_function_v2(db.sqliteConnection, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                              Unmanaged.passRetained(clock).toOpaque(), regexpCallback, nil, nil, releaseClock)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register regexp()") }
    }
}

private func regexpCallback(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let arguments, count == 2,
          sqlite3_value_type(arguments[0]) != SQLITE_NULL, sqlite3_value_type(arguments[1]) != SQLITE_NULL,
          let text = sqlite3_value_text(arguments[1])
    else {
        sqlite3_result_null(context)
        return
    }
    let length = Int(sqlite3_value_bytes(arguments[1]))
    let matcher: RegexMatcher
    if let cached = sqlite3_get_auxdata(context, 0) {
        matcher = Unmanaged<RegexMatcher>.fromOpaque(cached).takeUnretainedValue()
    } else {
        let pattern = String(cString: sqlite3_value_text(arguments[0]))
        do {
            matcher = try RegexMatcher(pattern)
        } catch {
            sqlite3_result_error(context, "invalid regular expression: \(pattern)", -1)
            return
        }
        sqlite3_set_auxdata(context, 0, Unmanaged.passRetained(matcher).toOpaque(), releaseMatcher)
    }
    let clock = sqlite3_user_data(context).map { Unmanaged<StatementClock>.fromOpaque($0).takeUnretainedValue() }
    guard let found = matcher.matches(text, count: length, until: clock) else {
        sqlite3_result_error(context, "the regular expression ran past the statement timeout", -1)
        sqlite3_result_error_code(context, SQLITE_INTERRUPT)
        return
    }
    sqlite3_result_int(context, found ? 1 : 0)
}

private func releaseMatcher(_ pointer: UnsafeMutableRawPointer?) {
    if let pointer { Unmanaged<RegexMatcher>.fromOpaque(pointer).release() }
}

private func releaseClock(_ pointer: UnsafeMutableRawPointer?) {
    if let pointer { Unmanaged<StatementClock>.fromOpaque(pointer).release() }
}
