import AssayTestSupport
import Foundation
import Hummingbird
import Synchronization

/// A real OpenLineage receiver on 127.0.0.1 (Hummingbird, in the test process): records every `POST /api/v1/lineage`
/// (its body and `Authorization` header), then answers what `answer(n)` says (n: 1 for the first post to arrive).
final class LineageInbox: Sendable {
    struct Post: Sendable {
        var body: String
        var authorization: String?
        var status: HTTPResponse.Status
    }

    private let posts = Mutex<[Post]>([])
    /// Posts that arrived, answered or not.
    private let arrivals = Mutex(0)
    var all: [Post] { posts.withLock { $0 } }
    /// The bodies of the posts it took (answered 2xx), in order.
    var taken: [String] { all.filter { (200..<300).contains($0.status.code) }.map(\.body) }

    func application(_ answer: @escaping @Sendable (Int) async throws -> HTTPResponse.Status) -> some ApplicationProtocol {
        let router = Router()
        router.post("api/v1/lineage") { [self] request, _ in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 24))
            let n = arrivals.withLock { count in
                count += 1
                return count
            }
            let status = try await answer(n)
            posts.withLock { $0.append(Post(body: body, authorization: request.headers[.authorization], status: status)) }
            return Response(status: status)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

/// scripts/openlineage.sh validate: every event of the files against the OpenLineage schemas (Python jsonschema).
enum LineageSchema {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The validator's exit status and output, waited for on a dispatch thread.
    static func validate(_ files: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = root.appendingPathComponent("scripts/openlineage.sh")
                    process.arguments = ["validate"] + files
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    try process.run()
                    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                    return (process.terminationStatus, output)
                })
            }
        }
    }

    /// Writes `events` one per line to `path` (for validating what a receiver got).
    static func write(_ events: [String], to path: String) throws {
        try (events.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The events of a JSON-lines text.
    static func events(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LineageSchemaError(message: "not a JSON object: \(line.prefix(200))")
            }
            return object
        }
    }

    struct LineageSchemaError: Error { var message: String }
}

extension Dictionary where Key == String, Value == Any {
    /// `run.runId`.
    var runID: String? { (self["run"] as? [String: Any])?["runId"] as? String }
    var eventType: String? { self["eventType"] as? String }
    var inputs: [[String: Any]] { self["inputs"] as? [[String: Any]] ?? [] }
}
