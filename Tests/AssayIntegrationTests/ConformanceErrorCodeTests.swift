import AssayTestSupport
import Assay
import AssayConformance
import Foundation
import Testing

@Suite("Extensible conformance error codes")
struct ConformanceErrorCodeTests {
    @Test func aMissingCasesFileIsUnreadable() throws {
        let error = try #require(throws: ConformanceError.self) {
            try ConformanceCase.load(path: NSTemporaryDirectory() + "assay-no-such-\(UUID().uuidString).jsonl")
        }
        #expect(error.code == .unreadableFile)
        #expect(error.description.hasPrefix("cannot read "))
    }

    @Test(arguments: ["not json", #"{"id": "a"}"#, #"{"id": "a", "expectation": "e", "kwargs": {}, "data": {"columns": ["x"], "rows": [[1, 2]]}, "expected": {"success": true}}"#])
    func anInvalidLineIsAnInvalidCase(_ line: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try (line + "\n").write(toFile: dir.file("c.jsonl"), atomically: true, encoding: .utf8)
        let error = try #require(throws: ConformanceError.self) { try ConformanceCase.load(path: dir.file("c.jsonl")) }
        #expect(error.code == .invalidCase)
        #expect(error.description.hasPrefix(dir.file("c.jsonl") + ":1: "), "\(error.description)")
    }

    @Test func aPostgreSQLRunWithoutAURLIsAnInvalidURL() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cases = try ConformanceCase.load(path: ConformanceCase.heldOutPath(repository: root))
        let error = await #expect(throws: ConformanceError.self) {
            try await ConformanceRunner(backend: .postgresql, postgresURL: nil).run(Array(cases.prefix(5)))
        }
        #expect(error?.code == .invalidURL)
    }

    @Test func codesKeepTheirNames() {
        let codes: [(ConformanceError.Code, String)] = [(.unreadableFile, "unreadableFile"), (.invalidCase, "invalidCase"),
                                                        (.invalidURL, "invalidURL"), (.writeFailed, "writeFailed"), (.runFailed, "runFailed")]
        for (code, name) in codes {
            #expect(code.rawValue == name && code.description == name && ConformanceError.Code(rawValue: name) == code)
        }
        #expect(ConformanceError.Code(rawValue: "noSuchCode") == nil)
    }
}
