import ArgumentParser
import AssayOpenLineage

/// `--openlineage URL|PATH`: where each run's OpenLineage events go, replacing the suite's `openlineage:` section
/// (docs/openlineage.md).
struct OpenLineageOptions: ParsableArguments {
    @Option(name: .customLong("openlineage"),
            help: ArgumentHelp("Emit each run's OpenLineage events: POST to an http(s) URL (/api/v1/lineage when it names no path) or append to a JSON-lines file (default: the suite's openlineage:, $OPENLINEAGE_URL).",
                               valueName: "URL|PATH"))
    var target: String?

    func validate() throws {
        guard let target else { return }
        do throws(OpenLineageError) {
            _ = try OpenLineageSettings.resolve(nil, target: target, environment: [:])
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The emitter every run of the command goes through (it does nothing for a suite with no destination).
    var emitter: OpenLineageEmitter { OpenLineageEmitter(target: target) }
}
