import Foundation
import Synchronization

/// Real headless Chromium for page tests (Debian's chromium driven by Python playwright, see scripts/browser.sh),
/// installed on first use. Point it at file paths or at `http://127.0.0.1:PORT/...` of a server under test.
///
/// ```swift
/// let pages = try await Browser.load(["report.html"], screenshots: dir.file("shots"))
/// #expect(pages[0].consoleErrors.isEmpty && pages[0].charts.map(\.id).contains("completeness"))
/// ```
public enum Browser {
    /// Why the browser cannot be used here.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Loads each URL (or file path) at 1280x800 and 390x844, writes screenshots into `screenshots`, and returns
    /// what each page held. The driver is waited for on a dispatch thread, so a server in the same process (one
    /// under test at `http://127.0.0.1:PORT/`) keeps all of Swift's cooperative threads.
    /// - Throws: ``Unavailable`` when Chromium or the driver cannot be installed or started.
    public static func load(_ urls: [String], screenshots: String) async throws -> [BrowserPage] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try loadWaiting(urls, screenshots: screenshots) })
            }
        }
    }

    private static func loadWaiting(_ urls: [String], screenshots: String) throws -> [BrowserPage] {
        try setUp()
        let output = try run(["load", "--out", screenshots] + urls)
        do {
            return try JSONDecoder().decode(Report.self, from: Data(output.utf8)).pages
        } catch {
            throw Unavailable(description: "Browser: the driver's output is not its JSON report (\(error)): \(output.prefix(500))")
        }
    }

    /// Installs Chromium and the driver when missing (once per process).
    public static func setUp() throws {
        let failure = ready.withLock { state -> String? in
            if case .some(let outcome) = state { return outcome }
            let outcome: String?
            do { _ = try run(["setup"]); outcome = nil } catch { outcome = "\(error)" }
            state = .some(outcome)
            return outcome
        }
        if let failure { throw Unavailable(description: failure) }
    }

    private static let ready = Mutex<String??>(nil)

    private struct Report: Decodable { var pages: [BrowserPage] }

    /// The package's root folder.
    private static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// scripts/browser.sh of this package.
    static var script: String { root.appendingPathComponent("scripts/browser.sh").path }

    /// The folder a test's screenshots are kept in after it ends, `.build/screenshots/NAME` of this package (build
    /// output, never committed), emptied first so it holds only the last run's.
    public static func screenshotFolder(_ name: String) throws -> String {
        let folder = root.appendingPathComponent(".build/screenshots").appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Unavailable(description: "Browser: cannot start \(script): \(error)") }
        // Read both pipes before waiting, so a large report cannot block the driver.
        let collected = Mutex<Data>(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0 = data }
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let stderr = String(decoding: collected.withLock { $0 }, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "Browser: scripts/browser.sh \(arguments.first ?? "") exited \(process.terminationStatus): \(stderr.suffix(2000))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}

/// What a page held when loaded, and what went wrong loading it.
public struct BrowserPage: Sendable, Decodable {
    public struct Chart: Sendable, Decodable {
        public var id: String
        public var hasSVG: Bool
        /// The chart says it has nothing to draw.
        public var empty: Bool
        /// Its legend's series names.
        public var series: [String]
        /// Lines, dots and bars drawn.
        public var marks: Int
        public var score: String?
    }

    public struct ScorecardRow: Sendable, Decodable, Equatable {
        public var table: String
        public var score: Double
        public var status: String?
    }

    public var url: String
    public var status: Int?
    public var title: String
    public var consoleErrors: [String]
    /// Uncaught script exceptions.
    public var pageErrors: [String]
    /// Messages of `alert`/`confirm` dialogs that opened: script that ran.
    public var dialogs: [String]
    /// Requests that failed or answered HTTP 400 or above.
    public var failedRequests: [String]
    public var charts: [Chart]
    public var scorecard: [ScorecardRow]
    public var overall: Double?
    /// `<script>` elements in the page.
    public var scripts: Int
    public var links: [String]
    /// The body's visible text.
    public var text: String
    public var scrollsHorizontallyAt390: Bool
    /// The screenshots at 1280 and at 390 px.
    public var screenshots: [String]
}
