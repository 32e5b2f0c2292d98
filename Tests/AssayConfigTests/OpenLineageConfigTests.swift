import AssayConfig
import AssayCore
import Foundation
import Testing

@Suite("OpenLineage configuration")
struct OpenLineageConfigTests {
    static let tables = "tables:\n  t:\n    checks:\n      - not_null: a\n"

    @Test func theSectionIsDecodedWithItsKeyFromTheEnvironment() throws {
        let suite = try SuiteLoader(environment: ["OL_KEY": "k3y"]).parse("""
            openlineage:
              url: http://marquez:5000
              file: lineage.jsonl
              namespace: financeflow
              api_key: ${OL_KEY}
              timeout: 2s
            \(Self.tables)
            """, file: "suite.yml")
        let spec = try #require(suite.openLineage)
        #expect(spec.url == "http://marquez:5000")
        #expect(spec.file == "lineage.jsonl")
        #expect(spec.namespace == "financeflow")
        #expect(spec.apiKey?.value == "k3y")
        #expect("\(spec.apiKey!)" == "•••")
        #expect(spec.timeout?.seconds == 2)
        #expect(spec.location?.line == 2)
    }

    @Test func aSuiteWithoutTheSectionHasNone() throws {
        #expect(try SuiteLoader(environment: [:]).parse(Self.tables, file: "suite.yml").openLineage == nil)
    }

    @Test(arguments: [
        ("  url: ftp://host/x\n", "suite.yml:2:8", "openlineage url must be an http(s) URL"),
        ("  url: http://me:hunter2@host:5000\n", "suite.yml:2:8", "openlineage url holds a password"),
        ("  file: ''\n", "suite.yml:2:9", "openlineage file is empty"),
        ("  namespace: ' '\n", "suite.yml:2:14", "openlineage namespace is empty"),
        ("  timeout: 0s\n", "suite.yml:2:12", "openlineage timeout must be longer than 0"),
        ("  endpoint: /x\n", "suite.yml:2:3", "endpoint"),
    ])
    func badValuesAreLocatedErrorsWithoutTheSecret(line: String, place: String, message: String) throws {
        let error = try #require(SuiteLoader(environment: [:]).error(parsing: "openlineage:\n" + line + Self.tables, file: "suite.yml"))
        let problem = try #require(error.problems.first)
        #expect("\(problem.location.map { "\($0)" } ?? "")" == place, "\(error)")
        #expect(problem.message.contains(message), "\(error)")
        #expect(!error.description.contains("hunter2"))
    }

    @Test func aRelativeFileIsBesideTheSuite() throws {
        let dir = NSTemporaryDirectory() + "assay-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/suite.yml"
        try ("openlineage: {file: events/lineage.jsonl}\n" + Self.tables).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SuiteLoader(environment: [:]).load(path: path).openLineage?.file == dir + "/events/lineage.jsonl")
    }
}

@Suite("OpenLineage configuration secrets")
struct OpenLineageSecretTests {
    @Test func aDumpedSuiteShowsNeitherTheKeyNorTheEndpointsToken() throws {
        let suite = try SuiteLoader(environment: ["OL_KEY": "k3y-s3cret"]).parse("""
            openlineage: {url: "http://marquez:5000/api/v1/lineage?token=t0ken", api_key: "${OL_KEY}"}
            tables:
              t:
                checks:
                  - not_null: a
            """, file: "suite.yml")
        var dumped = ""
        dump(suite, to: &dumped)
        #expect(dumped.contains("http://marquez:5000/…"), "\(dumped)")
        #expect(!dumped.contains("k3y-s3cret") && !dumped.contains("t0ken"))
        #expect(!String(reflecting: suite).contains("k3y-s3cret"))
    }
}
