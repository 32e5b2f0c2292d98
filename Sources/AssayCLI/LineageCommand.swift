import ArgumentParser
import Assay
import AssayMonitorCore

/// `assay lineage impact|check`: what is downstream of a table or column, and the lineage graph's cycles and
/// dangling edges, from the suite's `lineage:` section, the source's `data_lineage` table, OpenLineage event files
/// and the events a server received.
struct LineageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Lineage: what a table or column feeds (tables, marts, regulatory reports), cycles and dangling edges.",
        subcommands: [LineageImpactCommand.self, LineageCheckCommand.self])
}

/// Where the graph is read from, shared by the subcommands.
struct LineageOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "A suite whose 'lineage:' section, table owners, source and store to read.")
    var config: String?

    @Option(name: .shortAndLong, help: "The data source holding a data_lineage table (default: the suite's 'source:').")
    var source: String?

    @Option(help: ArgumentHelp("An OpenLineage JSON-lines file (repeatable).", valueName: "FILE"))
    var events: [String] = []

    @Option(help: ArgumentHelp("The history store holding received OpenLineage events (default: the suite's, when it exists).", valueName: "URL"))
    var store: String?

    @Option(name: .shortAndLong, help: "Output format: text, json or dot (Graphviz).")
    var format: LineageFormat = .text

    func load() async throws -> LineageLoad {
        do {
            return try await Assay.lineage(config: config, source: source, events: events, store: store)
        } catch {
            for line in error.description.split(separator: "\n") { Output.error(String(line)) }
            throw ExitCode(3)
        }
    }
}

struct LineageImpactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Everything downstream of TABLE or TABLE.COLUMN, with depth, path and owners, and the regulatory reports at risk.")

    @Argument(help: ArgumentHelp("The table, or TABLE.COLUMN.", valueName: "TABLE[.COLUMN]"))
    var target: String

    @OptionGroup var options: LineageOptions

    func run() async throws {
        let load = try await options.load()
        let impact: LineageImpact
        do {
            impact = try load.graph.impact(of: LineageTarget(parsing: target))
        } catch {
            Output.error(error.message)
            throw ExitCode(3)
        }
        print(LineageReport.impact(impact, load: load, format: options.format), terminator: "")
    }
}

struct LineageCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The lineage graph's cycles and dangling edges (exit 1 when there are any); --format dot draws the whole graph.")

    @OptionGroup var options: LineageOptions

    func run() async throws {
        let load = try await options.load()
        print(LineageReport.check(load, format: options.format), terminator: "")
        if options.format != .dot, !load.graph.cycles().isEmpty || !load.graph.dangling.isEmpty { throw ExitCode(1) }
    }
}

extension LineageFormat: ExpressibleByArgument {}
