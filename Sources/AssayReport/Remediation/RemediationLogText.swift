import AssayCore
import Foundation

/// Texts of the remediation audit log: `assay quarantine list`, and a check's or an incident's actions.
public enum RemediationLogText {
    /// One line per quarantine move: when, the move id, rows, from where to where, the check.
    public static func moves(_ moves: [MoveLine]) -> String {
        guard !moves.isEmpty else { return "Nothing is in quarantine.\n" }
        var lines = ["\(moves.count) move\(moves.count == 1 ? "" : "s") in quarantine (assay quarantine restore RUN|CHECK|MOVE puts rows back):"]
        for move in moves {
            lines.append("  \(InstantText.string(move.at))  \(move.id)  \(move.rows) row\(move.rows == 1 ? "" : "s")  \(move.table) -> \(move.target)  \(move.check)"
                         + (move.note.map { "  (\($0))" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a listing shows of one move.
    public struct MoveLine: Sendable, Encodable {
        public var id: String
        public var at: Date
        public var run: String?
        public var check: String
        public var table: String
        public var target: String
        public var rows: Int
        public var note: String?

        public init(id: String, at: Date, run: String?, check: String, table: String, target: String, rows: Int, note: String?) {
            self.id = id
            self.at = at
            self.run = run
            self.check = check
            self.table = table
            self.target = target
            self.rows = rows
            self.note = note
        }
    }

    public static func json(_ moves: [MoveLine]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(InstantText.string(date))
        }
        return String(decoding: (try? encoder.encode(moves)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}
