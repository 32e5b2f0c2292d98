import GRDB
import GRDBSQLite

/// `regexp(pattern, value)` — what SQLite calls for `value REGEXP pattern` — with PostgreSQL `~` semantics.
///
/// Registered through SQLite's C API so each row costs no allocation: the value is read from SQLite's own
/// buffer, and the compiled pattern is kept as the statement's auxiliary data, compiled once per statement.
enum RegexpFunction {
    static func register(on db: Database) throws {
        let code = sqlite3_create_function_v2(db.sqliteConnection, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                              nil, regexpCallback, nil, nil, nil)
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
    sqlite3_result_int(context, matcher.matches(text, count: length) ? 1 : 0)
}

private func releaseMatcher(_ pointer: UnsafeMutableRawPointer?) {
    if let pointer { Unmanaged<RegexMatcher>.fromOpaque(pointer).release() }
}
