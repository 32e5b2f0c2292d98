import AssayCore
import AssayOpenLineage
import Testing

@Suite("OpenLineage settings")
struct OpenLineageSettingsTests {
    let spec = OpenLineageSpec(url: "http://marquez:5000", file: "/var/log/lineage.jsonl", namespace: "dq", apiKey: Secret("suite-key"))

    @Test func offWithoutADestination() throws {
        #expect(try OpenLineageSettings.resolve(nil, target: nil, environment: [:]) == nil)
        #expect(try OpenLineageSettings.resolve(OpenLineageSpec(namespace: "dq"), target: nil, environment: [:]) == nil)
    }

    @Test func theSuitesDestinationsWithTheDefaultEndpoint() throws {
        let settings = try #require(try OpenLineageSettings.resolve(spec, target: nil, environment: [:]))
        #expect(settings.destinations == [.http(url: "http://marquez:5000/api/v1/lineage", apiKey: Secret("suite-key")), .file("/var/log/lineage.jsonl")])
        #expect(settings.namespace == "dq")
        #expect(settings.timeout == .seconds(5))
    }

    @Test func aURLWithAPathIsTheEndpointItself() throws {
        let settings = try #require(try OpenLineageSettings.resolve(nil, target: "https://lineage.example/custom/path", environment: [:]))
        #expect(settings.destinations == [.http(url: "https://lineage.example/custom/path", apiKey: nil)])
        #expect(settings.namespace == "assay")
    }

    @Test func theCommandLineReplacesTheSuitesDestinations() throws {
        let settings = try #require(try OpenLineageSettings.resolve(spec, target: "events.jsonl", environment: ["OPENLINEAGE_URL": "http://other:5000"]))
        #expect(settings.destinations == [.file("events.jsonl")])
    }

    @Test func theStandardVariables() throws {
        let environment = ["OPENLINEAGE_URL": "http://other:5000/", "OPENLINEAGE_API_KEY": "env-key", "OPENLINEAGE_NAMESPACE": "prod"]
        let settings = try #require(try OpenLineageSettings.resolve(spec, target: nil, environment: environment))
        #expect(settings.destinations == [.http(url: "http://other:5000/api/v1/lineage", apiKey: Secret("env-key"))])
        #expect(settings.namespace == "prod")
        #expect(try OpenLineageSettings.resolve(spec, target: nil, environment: ["OPENLINEAGE_DISABLED": "true"]) == nil)
    }

    @Test(arguments: [("ftp://host/x", "--openlineage is an http(s):// URL or a file path, not ftp://host/x"),
                      ("http://user:hunter2@host/", "--openlineage holds a password; give the key in OPENLINEAGE_API_KEY instead"),
                      ("", "--openlineage is empty")])
    func unusableTargetsAreClearErrors(target: String, message: String) {
        #expect(throws: OpenLineageError(.invalidSetting, message)) { try OpenLineageSettings.resolve(nil, target: target, environment: [:]) }
    }

    @Test func aDestinationShowsNoSecret() {
        let destination = OpenLineageSettings.Destination.http(url: "http://me@host:5000/api/v1/lineage?token=abc", apiKey: Secret("k"))
        #expect("\(destination)" == "http://host:5000/api/v1/lineage")
    }
}
