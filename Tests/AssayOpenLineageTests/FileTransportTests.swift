import AssayOpenLineage
import AssayTestSupport
import Foundation
import Testing

@Suite("OpenLineage JSON-lines file")
struct FileTransportTests {
    @Test func concurrentWritersNeverInterleaveLines() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("events.jsonl")
        // Lines far larger than a pipe buffer, from many writers at once.
        let writers = 16, lines = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let line = Data(("{\"writer\":\(writer),\"pad\":\"" + String(repeating: "x", count: 100_000 + writer) + "\"}\n").utf8)
                    for _ in 0..<lines { try FileTransport(path: path).append(line) }
                }
            }
            try await group.waitForAll()
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let written = text.split(separator: "\n")
        #expect(written.count == writers * lines)
        for line in written {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let writer = try #require(json["writer"] as? Int)
            #expect((json["pad"] as? String)?.count == 100_000 + writer)
        }
    }

    @Test func aFileThatCannotBeWrittenNamesItsPath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("missing-folder/events.jsonl")
        #expect(throws: OpenLineageError(.file, "cannot write OpenLineage events to \(path): no such file or directory")) {
            try FileTransport(path: path).append(Data("{}\n".utf8))
        }
    }
}
