import GRDB
import GRDBSQLite

/// One reused prepared INSERT for a table. Values are bound straight through SQLite's C API on GRDB's
/// prepared statement, column by column, with no intermediate `DatabaseValue`s: at a million rows GRDB's
/// generic `StatementArguments` path spends more time in the Swift runtime than SQLite spends inserting.
///
/// Usage: call one `add` per column, in the table's column order, then ``insertRow()``.
final class RowInserter {
    /// Keeps GRDB's statement (and so the SQLite statement handle) alive.
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    private let columnCount: Int32
    private var column: Int32 = 0
    /// SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, _ table: DemoTableDefinition) throws {
        try db.execute(sql: table.createSQL)
        statement = try db.makeStatement(sql: table.insertSQL)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        columnCount = Int32(table.columns.count)
    }

    @inline(__always)
    private func next() -> Int32 {
        column += 1
        return column
    }

    @inline(__always)
    func add(_ value: Int) {
        sqlite3_bind_int64(handle, next(), Int64(value))
    }

    @inline(__always)
    func add(_ value: Double) {
        sqlite3_bind_double(handle, next(), value)
    }

    @inline(__always)
    func add(_ value: Double?) {
        if let value { add(value) } else { addNull() }
    }

    @inline(__always)
    func add(_ value: String) {
        let index = next()
        var text = value
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), Self.transient)
        }
    }

    @inline(__always)
    func add(_ value: String?) {
        if let value { add(value) } else { addNull() }
    }

    @inline(__always)
    func addNull() {
        sqlite3_bind_null(handle, next())
    }

    /// A `YYYY-MM-DD` date, or NULL.
    @inline(__always)
    func addDate(days: Int?) {
        guard let days else { return addNull() }
        bindText(count: 10) { DemoText.writeDate(days: days, into: $0) }
    }

    /// A `YYYY-MM-DD HH:MM:SS` timestamp.
    @inline(__always)
    func addTimestamp(epochSeconds: Int) {
        bindText(count: 19) { DemoText.writeTimestamp(epochSeconds: epochSeconds, into: $0) }
    }

    @inline(__always)
    private func bindText(count: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        let index = next()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            write(buffer)
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(count), Self.transient)
        }
    }

    /// Inserts the row bound so far.
    func insertRow() throws {
        precondition(column == columnCount, "bound \(column) of \(columnCount) columns")
        column = 0
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: connection.map { String(cString: sqlite3_errmsg($0)) },
                                sql: statement.sql)
        }
    }
}
