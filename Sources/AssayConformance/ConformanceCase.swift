import AssayCore
import Foundation

/// One case from a GX-derived conformance file (format: ../shared/conformance/gx/README.md): the data,
/// the expectation with its arguments, and what GX answered.
public struct ConformanceCase: Sendable {
    public var id: String
    public var expectation: String
    public var title: String
    var kwargs: JSON
    var columns: [String]
    var rows: [[JSON]]
    /// `types[backend][column]`, GX's type names.
    var types: [String: [String: String]]
    var addsRowIndex: Bool
    var expected: Expected
    /// GX's relative tolerance for float observed values, when the case sets one.
    var tolerance: Double?
    public var gxRunsOn: [String]
    public var flags: [String]
    public var legacy: Bool

    struct Expected: Sendable {
        var success: Bool?
        var raises: Bool
        var unexpectedCount: Int?
        var unexpectedList: [JSON]?
        var observedValue: JSON?
        var observedValueOneOf: [JSON]?
    }

    /// The GX cases for a checkout: `$ASSAY_CONFORMANCE_CASES`, the shared set next to the repository
    /// (`../shared/conformance/gx/cases.jsonl`), or the copy vendored in `Tests/Conformance/gx`.
    public static func casesPath(repository: URL) -> String {
        if let path = ProcessInfo.processInfo.environment["ASSAY_CONFORMANCE_CASES"] { return path }
        let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/conformance/gx/cases.jsonl").path
        if FileManager.default.fileExists(atPath: shared) { return shared }
        return repository.appendingPathComponent("Tests/Conformance/gx/cases.jsonl").path
    }

    /// The held-out cases: GX's test-suite cases outside the shared file, vendored in `Tests/Conformance/gx`
    /// (`$ASSAY_CONFORMANCE_HELDOUT` overrides).
    public static func heldOutPath(repository: URL) -> String {
        ProcessInfo.processInfo.environment["ASSAY_CONFORMANCE_HELDOUT"]
            ?? repository.appendingPathComponent("Tests/Conformance/gx/heldout.jsonl").path
    }

    /// Reads every case of a JSON-lines file.
    /// - Throws: ``ConformanceError`` naming the line that is not a valid case.
    public static func load(path: String) throws(ConformanceError) -> [ConformanceCase] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConformanceError(.unreadableFile, "cannot read \(path): \(error.localizedDescription)")
        }
        var cases: [ConformanceCase] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                cases.append(try ConformanceCase(JSON.parse(String(line))))
            } catch let error as JSONError {
                throw ConformanceError(.invalidCase, "\(path):\(number + 1): \(error)")
            } catch {
                throw ConformanceError(.invalidCase, "\(path):\(number + 1): \(error)")
            }
        }
        return cases
    }

    init(_ json: JSON) throws(ConformanceError) {
        func require(_ value: JSON?, _ what: String) throws(ConformanceError) -> JSON {
            guard let value, !value.isNull else { throw ConformanceError(.invalidCase, "missing \(what)") }
            return value
        }
        guard let id = json["id"]?.string, let expectation = json["expectation"]?.string else {
            throw ConformanceError(.invalidCase, "a case needs 'id' and 'expectation'")
        }
        self.id = id
        self.expectation = expectation
        self.title = json["title"]?.string ?? ""
        self.kwargs = try require(json["kwargs"], "kwargs")
        let data = try require(json["data"], "data")
        guard let columns = data["columns"]?.array?.compactMap(\.string), let rows = data["rows"]?.array?.compactMap(\.array),
              rows.allSatisfy({ $0.count == columns.count })
        else { throw ConformanceError(.invalidCase, "\(id): data needs columns and rows of that width") }
        self.columns = columns
        self.rows = rows
        var types: [String: [String: String]] = [:]
        if case .object(let backends) = data["types"] ?? .null {
            for (backend, map) in backends {
                guard case .object(let fields) = map else { continue }
                types[backend] = Dictionary(fields.compactMap { f in f.value.string.map { (f.key, $0) } }, uniquingKeysWith: { a, _ in a })
            }
        }
        self.types = types
        self.addsRowIndex = data["gx_runner_adds_pk_index"]?.bool ?? false
        let e = try require(json["expected"], "expected")
        self.expected = Expected(
            success: e["success"]?.bool, raises: e["raises"]?.bool ?? false,
            unexpectedCount: e["unexpected_count"]?.double.map { Int($0) },
            unexpectedList: e["unexpected_list"]?.array, observedValue: e["observed_value"],
            observedValueOneOf: e["observed_value_one_of"]?.array)
        guard expected.success != nil || expected.raises else { throw ConformanceError(.invalidCase, "\(id): expected needs success or raises") }
        self.tolerance = json["gx"]?["tolerance_rtol"]?.double
        self.gxRunsOn = json["backends"]?["gx_runs_on"]?.array?.compactMap(\.string) ?? []
        self.flags = json["flags"]?.array?.compactMap(\.string) ?? []
        self.legacy = json["legacy"]?.bool ?? false
    }

    /// The case as a one-expectation GX suite, the form `assay check --config suite.json` reads.
    var suiteJSON: String {
        JSON.object([
            ("name", .string(id)),
            ("expectations", .array([.object([("type", .string(expectation)), ("kwargs", kwargs)])])),
        ]).text
    }
}
