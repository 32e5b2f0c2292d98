import Foundation

/// Runs the real `assay` executable (or another product of this package) built next to the test bundle.
public enum AssayProcess {
    /// What a finished process left.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static var executable: URL { product("assay") }

    /// A product built next to the test bundle (or in .build/debug).
    public static func product(_ name: String) -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/" + name),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    /// As ``run(_:in:environment:product:)``, waiting on a dispatch thread rather than blocking one of Swift's few
    /// cooperative threads (so concurrent runs do not starve the rest of the test process).
    public static func run(async arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           product name: String = "assay") async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, in: directory, environment: environment, product: name) })
            }
        }
    }

    /// Runs `product` with `arguments` in `directory` and waits for it on a dispatch thread, so a test in an async
    /// context keeps Swift's few cooperative threads free for the tests running beside it.
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           product name: String = "assay") async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runWaiting(arguments, in: directory, environment: environment, product: name) })
            }
        }
    }

    /// Runs `product` with `arguments` in `directory` and waits for it, blocking the calling thread.
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           product name: String = "assay") throws -> Output {
        try runWaiting(arguments, in: directory, environment: environment, product: name)
    }

    private static func runWaiting(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           product name: String = "assay") throws -> Output {
        let process = Process()
        process.executableURL = product(name)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large report cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
