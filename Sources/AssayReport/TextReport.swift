import AssayCore

/// The terminal report: one table of results per data table, failing-row samples, scorecards and a summary.
/// Colour is added only when asked (the CLI asks when writing to a terminal).
public struct TextReport: Sendable {
    public var useColor: Bool

    public init(useColor: Bool = false) { self.useColor = useColor }

    public func render(_ result: SuiteResult) -> String {
        var out = "Assay · \(result.suite) · \(result.source) · now \(CivilDateTime(epochSeconds: result.startedAt.timeIntervalSince1970.rounded(.down))) UTC\n"
        for failure in result.failures where failure.scope == .source || failure.scope == .run {
            let text = failure.scope == .source ? "source unavailable: \(failure.message)" : failure.message
            out += "\n" + paint(text, status: .error) + " (\(failure.checks) checks not run)\n"
        }
        let shared = result.failures.filter { ($0.scope == .table || $0.scope == .statement) && $0.checks > 1 }
        if !shared.isEmpty {
            out += "\nCould not run (one cause, several checks):\n"
                + shared.map { "  - \($0.message) [\($0.code)] — \($0.checks) checks\n" }.joined()
        }
        if !result.notices.isEmpty {
            out += "\nRead but not yet acted on:\n" + result.notices.map { "  - \($0)\n" }.joined()
        }
        for card in result.scorecards {
            let rows = result.results.filter { $0.table == card.table }
            out += "\n" + bold(card.table) + "  score \(card.score.formatted(maxFractionDigits: 1)) \(paint(card.status.rawValue, health: card.status))\n"
            var table = TextTable(headers: ["STATUS", "CHECK", "KIND", "ROWS", "VIOLATIONS", "RATE", "SEVERITY", "MESSAGE"])
            for r in rows {
                table.add([r.status.rawValue, r.check, r.kind.rawValue, r.rowsChecked.map(String.init) ?? "-",
                           r.violations.map(String.init) ?? "-",
                           r.violationRate.map { ($0 * 100).formatted(maxFractionDigits: 2) + "%" } ?? "-",
                           r.severity.rawValue, r.message])
            }
            for (i, line) in table.lines().enumerated() {
                out += "  " + (i == 0 ? line : paint(line, status: rows[i - 1].status)) + "\n"
                if i > 0, let sample = rows[i - 1].sample, !sample.rows.isEmpty {
                    for row in sample.rows {
                        let cells = zip(sample.columns, row).map { "\($0)=\($1 ?? "NULL")" }
                        out += "      ↳ " + cells.joined(separator: "  ") + "\n"
                    }
                }
            }
        }
        out += "\n" + bold("Scorecard") + "\n"
        var cards = TextTable(headers: ["TABLE", "SCORE", "STATUS", "CHECKS", "PASS", "WARN", "FAIL", "ERROR"])
        for c in result.scorecards {
            cards.add([c.table, c.score.formatted(maxFractionDigits: 1), c.status.rawValue, "\(c.checks)", "\(c.passed)",
                       "\(c.warned)", "\(c.failed)", "\(c.errors)"])
        }
        for line in cards.lines() { out += "  " + line + "\n" }
        out += "\n\(result.results.count) checks: \(result.count(.pass)) passed, \(result.count(.warn)) warned, "
            + "\(result.count(.fail)) failed, \(result.count(.error)) errors in \(result.durationSeconds.formatted(maxFractionDigits: 2)) s"
            + " — \(paint(result.status.rawValue, status: result.status)) (exit \(result.exitCode))\n"
        return out
    }

    private func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    private func paint(_ text: String, status: CheckStatus) -> String {
        guard useColor else { return text }
        let code = switch status {
        case .pass: "32"
        case .warn: "33"
        case .fail: "31"
        case .error: "35"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func paint(_ text: String, health: HealthStatus) -> String {
        paint(text, status: health == .healthy ? .pass : health == .atRisk ? .warn : .fail)
    }
}

/// Left-aligned columns padded to their widest cell; the last column is never padded.
package struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    package init(headers: [String]) { self.headers = headers }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func lines() -> [String] {
        let all = [headers] + rows
        let widths = headers.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
