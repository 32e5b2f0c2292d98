import Assay
import AssayServer
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The dashboard's compliance page over a real store: the last 30 days by default, a period asked for, and clear
/// answers to a bad date or an unknown suite.
@Suite("The compliance page")
struct CompliancePageTests {
    @Test("/compliance shows a row per rule; a bad date is 400, an unknown suite 404")
    func page() async throws {
        let f = try await ServerAPITests.Fixture()
        defer { f.dir.cleanUp() }
        try await f.server().application().test(.router) { client in
            try await client.execute(uri: "/compliance", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("data-compliance-summary=\"\" data-status=\"FAILING\""), "the check on a missing column is in ERROR")
                #expect(page.contains("data-rule=\"customers.not_null_email.") && page.contains("href=\"/checks/customers.not_null_email."))
            }
            let day = InstantText.string(f.runs[0].startedAt).prefix(10)
            try await client.execute(uri: "/compliance?from=\(day)&to=\(day)&suite=shop", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("SLA compliance · shop"))
            }
            try await client.execute(uri: "/compliance?from=2026-02-30&to=2026-03-01", method: .get) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("2026-02-30"))
                #expect(String(buffer: response.body).contains("is not a date"))
            }
            try await client.execute(uri: "/compliance?suite=nope", method: .get) { response in
                #expect(response.status == .notFound && String(buffer: response.body).contains("no run of suite"))
            }
        }
    }
}
