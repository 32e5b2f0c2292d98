import AssayCore
import AssayDemo
import Foundation
import GRDB
import Testing

@Suite("DemoGenerator")
struct DemoGeneratorTests {
    @Test("row counts follow the scale", arguments: [1, 3])
    func rowCounts(scale: Int) throws {
        try withTemporaryDirectory { dir in
            let (manifest, queue) = try generate(scale: scale, in: dir)
            let expected = [
                "customers": scale * 1000, "accounts": 2 * scale * 1000, "transactions": 10 * scale * 1000,
                "credit_scores": scale * 1000, "regulatory_reports": 40 + scale, "data_lineage": 25,
            ]
            #expect(manifest.rowCounts == expected)
            #expect(manifest.scale == scale)
            #expect(manifest.now == demoNow.description)
            try queue.read { db in
                for (table, rows) in expected {
                    let actual = try count(db, "SELECT COUNT(*) FROM \"\(table)\"")
                    #expect(actual == rows, "\(table)")
                }
            }
        }
    }

    @Test("the same seed gives the same manifest and the same data; another seed does not")
    func determinism() throws {
        try withTemporaryDirectory { dir in
            let (first, firstQueue) = try generate(scale: 1, in: dir, name: "a.db")
            let (second, secondQueue) = try generate(scale: 1, in: dir, name: "b.db")
            let (other, otherQueue) = try generate(scale: 1, seed: 7, in: dir, name: "c.db")
            #expect(first == second)
            let hash = try contentHash(firstQueue)
            let secondHash = try contentHash(secondQueue)
            let otherHash = try contentHash(otherQueue)
            #expect(hash == secondHash)
            #expect(hash != otherHash)
            #expect(other.rowCounts == first.rowCounts)
        }
    }

    @Test("writing again overwrites the file")
    func overwrites() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("x.db").path
            try "not a database".write(toFile: path, atomically: true, encoding: .utf8)
            _ = try DemoGenerator(scale: 1, now: demoNow).write(databasePath: path)
            let manifest = try DemoGenerator(scale: 1, now: demoNow).write(databasePath: path)
            let queue = try DatabaseQueue(path: path)
            try queue.read { db in
                let actual = try count(db, "SELECT COUNT(*) FROM customers")
                #expect(actual == manifest.rowCounts["customers"])
            }
        }
    }

    @Test("every defect kind occurs at scale 1")
    func everyDefectOccurs() throws {
        try withTemporaryDirectory { dir in
            let (manifest, _) = try generate(scale: 1, in: dir)
            let kinds = [
                "customers.missing_email", "customers.duplicate_email", "customers.malformed_email",
                "customers.bad_ssn_format", "customers.duplicate_ssn", "customers.bad_phone", "customers.underage",
                "customers.birth_before_1900", "customers.birth_in_future", "customers.created_in_future",
                "customers.missing_ssn", "customers.missing_birth_date",
                "accounts.orphan_customer", "accounts.negative_savings_balance", "accounts.checking_over_limit",
                "accounts.closed_before_opened", "accounts.unknown_account_type",
                "transactions.amount_out_of_range", "transactions.future_transaction_date",
                "transactions.orphan_account", "transactions.missing_amount",
                "credit_scores.score_out_of_range", "credit_scores.missing_bureau",
                "regulatory_reports.late_submission", "regulatory_reports.unreconciled",
                "regulatory_reports.overdue_unsubmitted", "data_lineage.missing_target",
            ]
            #expect(Set(manifest.injected.keys) == Set(kinds))
            for kind in kinds {
                #expect((manifest.injected[kind] ?? 0) >= 1, "\(kind)")
            }
            #expect(manifest.injected["regulatory_reports.late_submission"]! >= 2)
            #expect(manifest.injected["regulatory_reports.unreconciled"]! >= 2)
            #expect(manifest.injected["data_lineage.missing_target"] == 1)
        }
    }

    @Test("defect counts follow the documented rates")
    func rates() throws {
        try withTemporaryDirectory { dir in
            let (manifest, _) = try generate(scale: 5, in: dir)
            #expect(manifest.injected["customers.missing_email"] == 50)  // 1% of 5000
            #expect(manifest.injected["customers.duplicate_email"] == 25)  // 0.5%
            #expect(manifest.injected["customers.birth_before_1900"] == 2)  // 0.05%
            #expect(manifest.injected["accounts.orphan_customer"] == 50)  // 0.5% of 10000
            #expect(manifest.injected["transactions.amount_out_of_range"] == 150)  // 0.3% of 50000
            #expect(manifest.injected["transactions.missing_amount"] == 25)  // 0.05%
            #expect(manifest.injected["credit_scores.score_out_of_range"] == 25)  // 0.5% of 5000
            #expect(manifest.injected["regulatory_reports.overdue_unsubmitted"] == 1)
        }
    }

    @Test("the manifest encodes and decodes")
    func manifestCodable() throws {
        try withTemporaryDirectory { dir in
            let (manifest, _) = try generate(scale: 1, in: dir)
            let data = try JSONEncoder().encode(manifest)
            #expect(try JSONDecoder().decode(DemoManifest.self, from: data) == manifest)
        }
    }

    @Test("declared column types are the ones Assay maps")
    func declaredTypes() throws {
        try withTemporaryDirectory { dir in
            let (_, queue) = try generate(scale: 1, in: dir)
            try queue.read { db in
                let types = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info('regulatory_reports')")
                    .map { "\($0["name"] as String):\($0["type"] as String):\($0["pk"] as Int)" }
                #expect(types == [
                    "report_id:INTEGER:1", "report_type:TEXT:0", "period_end:DATE:0", "due_date:DATE:0",
                    "submitted_date:DATE:0", "status:TEXT:0", "reconciled:BOOLEAN:0", "record_count:INTEGER:0",
                    "created_date:TIMESTAMP:0",
                ])
                let customerTypes = try String.fetchAll(db, sql: "SELECT type FROM pragma_table_info('customers')")
                #expect(customerTypes == ["INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "DATE", "TEXT", "TIMESTAMP"])
                #expect(try count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'") == 0)
            }
        }
    }

    @Test("values look real")
    func realisticValues() throws {
        try withTemporaryDirectory { dir in
            let (_, queue) = try generate(scale: 1, in: dir)
            try queue.read { db in
                let row = try #require(try Row.fetchOne(db, sql: """
                    SELECT * FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customers d
                        WHERE d.customer_id <> c.customer_id AND (d.email = c.email OR d.ssn = c.ssn))
                    ORDER BY customer_id LIMIT 1
                    """))
                let email: String = row["email"]
                let id: Int = row["customer_id"]
                let first: String = row["first_name"]
                #expect(email.hasPrefix(first.lowercased() + "."))
                #expect(email.contains(".\(id)@"))
                let phone: String = row["phone"]
                #expect(phone.wholeMatch(of: #/\(\d{3}\) \d{3}-\d{4}|\+1 \d{3}-\d{3}-\d{4}/#) != nil)
                let created: String = row["created_date"]
                #expect(created.wholeMatch(of: #/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/#) != nil)
                // Transactions: within 90 days, never after now, amounts up to 50,000 when clean.
                let range = try #require(try Row.fetchOne(db, sql: """
                    SELECT MIN(transaction_date) AS oldest, MAX(amount) AS biggest FROM transactions
                    WHERE transaction_date <= ? AND amount > 0 AND amount < 1000000
                    """, arguments: [demoNow.description]))
                let oldest: String = range["oldest"]
                #expect(oldest >= CivilDateTime(epochSeconds: demoNow.epochSeconds - 90 * 86_400).description)
                #expect((range["biggest"] as Double) <= 50_000)
                #expect(try count(db, "SELECT COUNT(DISTINCT account_type) FROM accounts") == 5)
                #expect(try count(db, "SELECT COUNT(*) FROM accounts WHERE closed_date >= opened_date") > 0)
                #expect(try count(db, "SELECT COUNT(*) FROM regulatory_reports WHERE status = 'DRAFT' AND due_date > ?",
                                  [demoNow.date.description]) >= 2)
            }
        }
    }
}
