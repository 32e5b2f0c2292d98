import Assay
import Foundation
import Logging
import PostgresNIO
import Testing

/// A PostgreSQL password never shows: not in the URL's descriptions, not in an error made from a driver's or the
/// server's error, not in a run's result.
@Suite("No PostgreSQL password in descriptions and errors")
struct PostgresSecretTests {
    static let secret = "Zq9xLeakCanary"

    func expectNoSecret(_ texts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for text in texts { #expect(!text.contains(Self.secret), "\(text)", sourceLocation: sourceLocation) }
    }

    @Test(arguments: ["postgres://app:\(secret)@db.example:5433/bank?sslmode=disable", "postgresql://app@db.example/bank"])
    func aURLPrintsWithoutItsPassword(_ text: String) throws {
        let url = try PostgresURL(text, environment: ["PGPASSWORD": Self.secret])
        #expect(url.password == Self.secret)
        var dumped = ""
        dump(url, to: &dumped)
        expectNoSecret([url.description, url.debugDescription, "\(url)", String(reflecting: url), String(describing: url),
                        url.displayName, dumped, "\(Mirror(reflecting: url).children.map { "\($0.value)" })"])
        #expect(dumped.contains("***"), "\(dumped)")
        #expect(url.debugDescription.contains("password: ***"))
        #expect(url.description == url.displayName)
    }

    /// A driver error that quotes the connection string, as some do.
    struct QuotingFailure: Error, CustomStringConvertible {
        var description: String
    }

    @Test func aDriverErrorQuotingThePasswordIsScrubbed() throws {
        let url = try PostgresURL("postgres://app:\(Self.secret)@db.example/bank")
        for quoted in ["connect to postgres://app:\(Self.secret)@db.example/bank failed", "password \(Self.secret) rejected",
                       "bad password=\(Self.secret)"] {
            let error = SourceError.postgres(QuotingFailure(description: quoted), url: url)
            #expect(error.code == .unreachable)
            expectNoSecret([error.message, error.description, String(reflecting: error)])
        }
        let encoded = try PostgresURL("postgres://app:\(Self.secret)%2F1@db.example/bank")
        let error = SourceError.postgres(QuotingFailure(description: "login \(Self.secret)%2F1 and \(Self.secret)/1"), url: encoded)
        expectNoSecret([error.message])
    }

    @Test func aRefusedLoginNamesTheUserButNotThePassword() async throws {
        let text = PostgresTestServer.url().replacingOccurrences(of: "assay:assay@", with: "assay:\(Self.secret)@")
        let url = try PostgresURL(text)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = try url.connectionConfiguration()
        let failure: SourceError
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            try await connection.close()
            Issue.record("the login with a wrong password succeeded")
            return
        } catch {
            failure = SourceError.postgres(error, url: url)
        }
        #expect(failure.code == .authentication, "\(failure)")
        #expect(failure.message.contains("'assay'"))
        expectNoSecret([failure.message, String(reflecting: failure)])
    }

    @Test func aRunWithAWrongPasswordReportsNoPassword() async throws {
        let text = PostgresTestServer.url().replacingOccurrences(of: "assay:assay@", with: "assay:\(Self.secret)@")
        let result = try await runSuite("tables:\n  fault_small:\n    checks:\n      - not_null: n\n", source: text)
        #expect(result.sourceFailure?.code == .authentication)
        expectNoSecret([result.source, result.sourceFailure?.message ?? ""] + result.results.map(\.message))
    }
}
