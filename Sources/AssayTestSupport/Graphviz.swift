import Foundation

/// Real Graphviz for tests of DOT output (Debian's graphviz, installed on first use by scripts/graphviz.sh).
///
/// ```swift
/// let svg = try await Graphviz.svg(dotFile: dir.file("lineage.dot"))   // throws when dot rejects the file
/// ```
public enum Graphviz {
    /// Why `dot` failed or cannot be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `dot -Tsvg FILE`: the SVG, waited for on a dispatch thread.
    /// - Throws: ``Failure`` with `dot`'s messages when it rejects the file, or when Graphviz cannot be installed.
    public static func svg(dotFile: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(["svg", dotFile]) })
            }
        }
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        process.arguments = [root.appendingPathComponent("scripts/graphviz.sh").path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Standard output is drained while it runs (an SVG can be large); dot's messages are a few lines.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "dot failed (status \(process.terminationStatus)): \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
