import AssayCore
import Foundation

/// The text of `assay remediate`: per check, what moved (or would), where, and how to undo it.
public struct RemediationText: Sendable {
    public init() {}

    /// - Parameters:
    ///   - applied: whether rows were changed (else a dry run).
    ///   - writer: the write connection, without its password.
    public func render(_ outcomes: [RemediationOutcome], fixes: [FixOutcome] = [], run: RunID, applied: Bool, writer: String?) -> String {
        var lines: [String] = []
        if applied {
            lines.append("Remediation of run \(run) through \(writer ?? "the write connection"):")
        } else {
            lines.append("Remediation of run \(run), dry run: nothing was changed (--apply changes rows through the write connection).")
        }
        if outcomes.isEmpty && fixes.isEmpty { lines.append("  nothing to do: no failed check has a remediation action or fixes") }
        for fix in fixes { lines += self.fix(fix, applied: applied) }
        for outcome in outcomes {
            let found = outcome.violationsAtRun.map { ", \($0) violating at the run" } ?? ""
            let head = "  \(outcome.key) (\(outcome.action.rawValue)\(found)): "
            if let message = outcome.message, !outcome.applied {
                lines.append(head + "not done: " + message)
                continue
            }
            let verb = outcome.action == .quarantine ? (applied ? "moved" : "would move") : (applied ? "flagged" : "would flag")
            var line = head + "\(verb) \(outcome.rows) row\(outcome.rows == 1 ? "" : "s") -> \(outcome.target)"
            if let seconds = outcome.seconds, applied { line += " in \(String(format: "%.3f", seconds)) s" }
            if let move = outcome.moveID { line += " (move \(move); assay quarantine restore \(move) puts them back)" }
            lines.append(line)
            if let message = outcome.message { lines.append("    " + message) }
            if !outcome.sampleKeys.isEmpty {
                let keys = outcome.sampleKeys.map { $0.joined(separator: ",") }
                lines.append("    first keys: " + keys.joined(separator: "; ") + (outcome.rows > keys.count ? "; ..." : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func fix(_ fix: FixOutcome, applied: Bool) -> [String] {
        let head = "  \(fix.key) (fix): "
        if fix.error != nil { return [head + "not done: " + (fix.message ?? "")] }
        var lines = [head + "\(applied ? "fixed" : "would fix") \(fix.fixed) of \(fix.rowsRead) violating row\(fix.rowsRead == 1 ? "" : "s"), "
                     + "\(fix.review) for review\(fix.flagTable.map { " (flagged in \($0))" } ?? ""), \(fix.unfixable) with no fix"
                     + (fix.seconds.map { applied ? " in \(String(format: "%.3f", $0)) s" : "" } ?? "")]
        for row in fix.rows.prefix(5) {
            let change = row.changes.map { "\($0.column) '\($0.oldValue)' -> '\($0.newValue)'" }.joined(separator: ", ")
            lines.append("    \(rowKeyText(row.key)): \(change) (\(row.rule.rawValue), \(String(format: "%.2f", row.confidence))\(row.applied ? "" : ", for review"))")
        }
        if fix.rows.count > 5 { lines.append("    ... \(fix.rows.count - 5) more") }
        return lines
    }

    /// The JSON of `assay remediate --format json`.
    public func json(_ outcomes: [RemediationOutcome], fixes: [FixOutcome] = [], run: RunID, applied: Bool, writer: String?) -> String {
        struct Document: Encodable {
            var run: RunID
            var applied: Bool
            var writer: String?
            var outcomes: [RemediationOutcome]
            var fixes: [FixOutcome]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(run: run, applied: applied, writer: writer, outcomes: outcomes, fixes: fixes))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
