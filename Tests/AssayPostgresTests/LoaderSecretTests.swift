import Assay
import AssayConformance
import AssayDemo
import Foundation
import GRDB
import Testing

/// The demo loader's and the conformance case store's errors never quote the URL's password, whatever the error
/// they come from.
@Suite("No password in the loader's and the case store's errors")
struct LoaderSecretTests {
    static let secret = "Wm4tLoaderCanary"
    static let url = "postgres://app:\(secret)@127.0.0.1:1/bank?connect_timeout=2s"

    /// An error that quotes the connection string, as some libraries' errors do.
    struct QuotingFailure: Error, CustomStringConvertible {
        var description: String
    }

    static let quotes = ["connect to postgres://app:\(secret)@db/bank failed", "password \(secret) rejected",
                         "bad password=\(secret)"]

    @Test(arguments: quotes)
    func aLoaderErrorQuotingThePasswordIsScrubbed(_ quoted: String) throws {
        let url = try PostgresURL(Self.url)
        let error = SourceError.loaderError(QuotingFailure(description: quoted), url: url)
        #expect(!error.message.contains(Self.secret), "\(error.message)")
        #expect(error.message.hasPrefix("loading into PostgreSQL failed: "))
        #expect(error.message.contains("***"), "\(error.message)")
    }

    @Test func aLoaderThatCannotConnectSaysSoWithoutThePassword() async throws {
        let dir = NSTemporaryDirectory() + "assay-loader-" + UUID().uuidString + ".db"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let queue = try DatabaseQueue(path: dir)
        try await queue.write { db in try db.execute(sql: "CREATE TABLE t(x INTEGER)") }
        try queue.close()
        let error = await #expect(throws: SourceError.self) {
            _ = try await PostgresLoader(url: Self.url).load(sqlitePath: dir, tables: ["t"])
        }
        let message = try #require(error).message
        #expect(error?.code == .unreachable, "\(message)")
        #expect(!message.contains(Self.secret), "\(message)")
        #expect(message.contains("127.0.0.1:1"), "\(message)")
    }

    @Test(arguments: quotes)
    func aCaseStoreErrorQuotingThePasswordIsScrubbed(_ quoted: String) throws {
        let error = ConformanceError.writing(QuotingFailure(description: quoted), into: try PostgresURL(Self.url))
        #expect(error.code == .writeFailed)
        #expect(!error.description.contains(Self.secret), "\(error.description)")
        #expect(error.description.contains("cannot write the cases into") && error.description.contains("***"))
    }
}
