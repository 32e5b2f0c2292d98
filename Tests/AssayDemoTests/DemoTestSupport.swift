import AssayCore
import AssayDemo
import Foundation
import GRDB

/// A fixed "now" with a fractional second, on an ordinary day.
let demoNow = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 27), secondOfDay: 10 * 3600 + 30 * 60 + 15.25)

/// A fresh temporary directory, removed when the closure returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-demo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Generates a demo database and opens it read-only.
func generate(scale: Int, seed: UInt64 = 20261127, now: CivilDateTime = demoNow, in directory: URL,
              name: String = "financeflow.db") throws -> (DemoManifest, DatabaseQueue) {
    let path = directory.appendingPathComponent(name).path
    let manifest = try DemoGenerator(scale: scale, seed: seed, now: now).write(databasePath: path)
    var configuration = Configuration()
    configuration.readonly = true
    return (manifest, try DatabaseQueue(path: path, configuration: configuration))
}

let demoTables = ["customers", "accounts", "transactions", "credit_scores", "regulatory_reports", "data_lineage"]

/// FNV-1a over every value of every table, in primary-key order.
func contentHash(_ queue: DatabaseQueue) throws -> UInt64 {
    try queue.read { db in
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func feed(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        for table in demoTables {
            feed("#" + table)
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table)\" ORDER BY 1")
            while let row = try rows.next() {
                for (column, value) in row {
                    feed(column + "=" + value.description + ";")
                }
                feed("\n")
            }
        }
        return hash
    }
}

func count(_ db: Database, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Int {
    try Int.fetchOne(db, sql: sql, arguments: arguments) ?? -1
}
