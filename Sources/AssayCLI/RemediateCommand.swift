import ArgumentParser
import Assay
import Foundation

struct RemediateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remediate",
        abstract: "Run a suite, then quarantine or flag the rows of its failed checks (a dry run unless --apply).",
        discussion: """
            Checks with a remediation action (remediation: quarantine | flag_for_followup, or the seed's \
            remediation_action) are acted on when they fail; --check names checks to act on whatever their status. \
            Rows change only with --apply, through a write connection configured apart from the read-only source: \
            --writer, $ASSAY_WRITER_URL, or remediation: {writer:} in the suite. Each move is one verified transaction, \
            entered in the store's audit log; assay quarantine restore puts rows back. Exit codes: 0 done (or nothing \
            to do), 3 when an action could not be carried out (no row of it changed).
            """)

    @OptionGroup var suite: SuiteOptions

    @Option(help: ArgumentHelp("The write connection (default: $ASSAY_WRITER_URL, else the suite's remediation writer).", valueName: "sqlite:PATH|postgres://..."))
    var writer: String?

    @Flag(help: "Change rows; without it, show what would change.")
    var apply = false

    @Option(name: .customLong("check"), help: ArgumentHelp("Only this check (id, table.id or key), whatever its status (repeatable).", valueName: "CHECK"))
    var checks: [String] = []

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: RemediationFormat = .text

    @OptionGroup var store: StoreOptions

    func run() async throws {
        var check = try suite.request()
        check.store = store.choice(beside: suite.config)
        // The suite's own writer is the library's fallback.
        let request = RemediationRequest(check: check, writer: WriterOption.url(writer, suite: nil), apply: apply, checks: checks.isEmpty ? nil : Set(checks))
        let report = try await Output.attempt { () throws(AssayError) in try await Assay.remediate(request) }
        let text = format == .json
            ? RemediationText().json(report.outcomes, fixes: report.fixes, run: report.result.runID, applied: report.applied, writer: report.writer)
            : RemediationText().render(report.outcomes, fixes: report.fixes, run: report.result.runID, applied: report.applied, writer: report.writer)
        FileHandle.standardOutput.write(Data(text.utf8))
        if let error = report.storeError { Output.warning("the run was not recorded: \(error.message)") }
        if report.outcomes.contains(where: { $0.error != nil }) || report.fixes.contains(where: { $0.error != nil }) { throw ExitCode(3) }
    }
}

enum RemediationFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
