import ArgumentParser
import Assay
import Foundation

/// Where `assay check` records its runs, and where `runs` and `history` read them.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp("The history store (default: assay.db beside the suite, or the suite's 'store:').", valueName: "sqlite:PATH|postgres://..."))
    var url: String?

    @Flag(help: "Do not record the run.")
    var noStore = false

    /// The store choice for a run of the suite at `config`.
    func choice(beside config: String) -> StoreChoice {
        if noStore { return .off }
        if let url { return .url(SourceURL.resolvingRelativePath(url, relativeTo: "")) }
        return .suite(fallback: "sqlite:" + Self.besideSuite(config))
    }

    /// `assay.db` in the suite file's folder.
    static func besideSuite(_ config: String) -> String {
        ((config as NSString).deletingLastPathComponent as NSString).appendingPathComponent("assay.db")
    }
}

/// The store the reading commands open: `--store`, else `assay.db` beside `--config` or in this folder.
struct ReadStoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp("The history store (default: assay.db beside --config, or here).", valueName: "sqlite:PATH|postgres://..."))
    var url: String?

    @Option(name: .shortAndLong, help: "A suite whose 'store:' (or the assay.db beside it) to read.")
    var config: String?

    /// Opens the store for `body`, printing why it cannot be used (or what `body` met) and exiting 3.
    func withStore<T: Sendable>(_ body: (any ResultStore) async throws(StoreError) -> T) async throws -> T {
        let location = try await location()
        return try await Output.stored { () throws(StoreError) in try await StoreFactory.withStore(location, body) }
    }

    /// The `--config` suite, when one is given.
    func suite() async throws -> Suite? {
        guard let config else { return nil }
        return try await Output.attempt { () throws(AssayError) in try Assay.load(CheckRequest(config: .file(config))) }
    }

    /// The store's URL; a SQLite store must exist already (reading never creates one), a PostgreSQL store is checked
    /// by opening it.
    /// - Parameter loaded: the `--config` suite when the caller has loaded it already.
    func location(_ loaded: Suite? = nil) async throws -> String {
        let location: String
        if let url {
            location = SourceURL.resolvingRelativePath(url, relativeTo: "")
        } else if let config {
            var suite = loaded
            if suite == nil { suite = try await self.suite() }
            location = suite?.store ?? "sqlite:" + StoreOptions.besideSuite(config)
        } else {
            location = "sqlite:assay.db"
        }
        if let path = SourceURL.sqlitePath(location), !FileManager.default.fileExists(atPath: path) {
            Output.error("no store at \(location): run `assay check` first, or give --store sqlite:PATH or postgres://...")
            throw ExitCode(3)
        }
        return location
    }
}
